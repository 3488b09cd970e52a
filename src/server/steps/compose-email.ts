import { renderTemplate, type TemplateFields } from '../engine/render-template';
import { stepMessageId } from '../mail/message-id';
import { stepUnsubscribeToken } from '../unsubscribe/token';
import type { DueStep } from './due-step';

export interface ComposedEmail {
  messageId: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  unsubscribeUrl: string;
  /** Stored with the sent message; the link's token is looked up by it. */
  unsubscribeNonce: string;
}

/** What merge fields are filled from. */
export type TemplateSource = Pick<
  DueStep,
  'first_name' | 'last_name' | 'email' | 'company_name' | 'sender_name' | 'sender_email' | 'sender_signature'
>;

/** What composing needs from the configuration. */
export interface ComposeSettings {
  publicUrl: string;
  unsubscribeSecret: string;
}

export function templateFields(facts: TemplateSource): TemplateFields {
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

/**
 * What a step's email says, before its unsubscribe line: the subject (a follow-up's is
 * `Re: <the thread's subject>`, given as `threadSubject` when the enrollment has a thread)
 * and the text with the sender's signature appended unless the body places
 * `{{signature}}` itself. The console's step preview renders with this same function, so
 * the preview is what will be sent.
 */
export function renderStepEmail(
  facts: TemplateSource,
  step: { subject: string; body: string },
  threadSubject?: string | null,
): { subject: string; text: string } {
  const fields = templateFields(facts);
  const rendered = renderTemplate(step.subject, fields);
  const subject = threadSubject !== undefined ? `Re: ${threadSubject ?? rendered}` : rendered;
  let text = renderTemplate(step.body, fields);
  if (facts.sender_signature && !/\{\{\s*signature\b/.test(step.body))
    text = `${text}\n\n-- \n${facts.sender_signature}`;
  return { subject, text };
}

/**
 * A step's email. The first email of an enrollment starts a thread; every later
 * one is a reply in it (`In-Reply-To` and `References` naming the first, subject
 * `Re: <first subject>`), the way a person following up would write. Every email
 * ends with its unsubscribe link and carries `List-Unsubscribe` with
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058 §3.1), which is
 * what lets mailbox providers show their own unsubscribe button.
 */
export function composeStepEmail(
  facts: TemplateSource & Pick<DueStep, 'id' | 'current_step' | 'thread_message_id' | 'thread_subject'>,
  step: { subject: string; body: string },
  settings: ComposeSettings,
): ComposedEmail {
  const messageId = stepMessageId(
    settings.unsubscribeSecret,
    facts.id,
    facts.current_step,
    facts.sender_email,
  );
  const { token, nonce } = stepUnsubscribeToken(settings.unsubscribeSecret, facts.id, facts.current_step);
  const unsubscribeUrl = `${settings.publicUrl}/unsubscribe/${token}`;

  const headers: Record<string, string> = {};
  if (facts.thread_message_id) {
    headers['In-Reply-To'] = `<${facts.thread_message_id}>`;
    headers.References = `<${facts.thread_message_id}>`;
  }
  headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
  headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';

  const content = renderStepEmail(facts, step, facts.thread_message_id ? facts.thread_subject : undefined);
  const subject = content.subject;
  const text = `${content.text}\n\nUnsubscribe: ${unsubscribeUrl}`;
  return { messageId, subject, text, headers, unsubscribeUrl, unsubscribeNonce: nonce };
}
