import { randomUUID } from 'node:crypto';
import { renderTemplate, type TemplateFields } from '../engine/render-template';
import type { StepFacts } from './step-queries';

export interface ComposedEmail {
  messageId: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export function templateFields(facts: StepFacts): TemplateFields {
  const fullName = [facts.first_name, facts.last_name].filter(Boolean).join(' ');
  return {
    firstName: facts.first_name,
    lastName: facts.last_name,
    fullName,
    email: facts.email,
    company: facts.company_name ?? '',
    senderName: facts.sender_name,
    senderFirstName: facts.sender_name.split(' ')[0] ?? '',
    senderEmail: facts.sender_email,
    signature: facts.sender_signature,
  };
}

/** `<uuid@sender-domain>`: unique, and from the domain the mail claims to come from (RFC 5322 §3.6.4). */
export function newMessageId(senderEmail: string): string {
  const domain = senderEmail.split('@')[1] || 'sales-tools.invalid';
  return `${randomUUID()}@${domain}`;
}

/**
 * A step's email. The first email of an enrollment starts a thread; every later
 * one is a reply in it (`In-Reply-To` and `References` naming the first, subject
 * `Re: <first subject>`), the way a person following up would write.
 */
export function composeStepEmail(facts: StepFacts, step: { subject: string; body: string }): ComposedEmail {
  const fields = templateFields(facts);
  const messageId = newMessageId(facts.sender_email);
  const headers: Record<string, string> = {};
  let subject = renderTemplate(step.subject, fields);
  if (facts.thread_message_id) {
    headers['In-Reply-To'] = `<${facts.thread_message_id}>`;
    headers.References = `<${facts.thread_message_id}>`;
    subject = `Re: ${facts.thread_subject ?? subject}`;
  }
  let text = renderTemplate(step.body, fields);
  if (facts.sender_signature && !step.body.includes('{{signature'))
    text = `${text}\n\n-- \n${facts.sender_signature}`;
  return { messageId, subject, text, headers };
}
