import { renderTemplate, type TemplateFields } from '../engine/render-template';
import { stepMessageId } from '../mail/message-id';
import { issueUnsubscribeToken } from '../unsubscribe/token';
import type { StepFacts } from './step-queries';

export interface ComposedEmail {
  messageId: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  unsubscribeUrl: string;
  /** Stored with the sent message; the link's token is looked up by it. */
  unsubscribeNonce: string;
}

/** What composing needs from the configuration. */
export interface ComposeSettings {
  publicUrl: string;
  unsubscribeSecret: string;
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

/**
 * A step's email. The first email of an enrollment starts a thread; every later
 * one is a reply in it (`In-Reply-To` and `References` naming the first, subject
 * `Re: <first subject>`), the way a person following up would write. Every email
 * ends with its unsubscribe link and carries `List-Unsubscribe` with
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058 §3.1), which is
 * what lets mailbox providers show their own unsubscribe button.
 */
export function composeStepEmail(
  facts: StepFacts,
  step: { subject: string; body: string },
  settings: ComposeSettings,
): ComposedEmail {
  const fields = templateFields(facts);
  const messageId = stepMessageId(
    settings.unsubscribeSecret,
    facts.id,
    facts.current_step,
    facts.sender_email,
  );
  const { token, nonce } = issueUnsubscribeToken(settings.unsubscribeSecret);
  const unsubscribeUrl = `${settings.publicUrl}/unsubscribe/${token}`;

  const headers: Record<string, string> = {};
  let subject = renderTemplate(step.subject, fields);
  if (facts.thread_message_id) {
    headers['In-Reply-To'] = `<${facts.thread_message_id}>`;
    headers.References = `<${facts.thread_message_id}>`;
    subject = `Re: ${facts.thread_subject ?? subject}`;
  }
  headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
  headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';

  let text = renderTemplate(step.body, fields);
  if (facts.sender_signature && !/\{\{\s*signature\b/.test(step.body))
    text = `${text}\n\n-- \n${facts.sender_signature}`;
  text = `${text}\n\nUnsubscribe: ${unsubscribeUrl}`;
  return { messageId, subject, text, headers, unsubscribeUrl, unsubscribeNonce: nonce };
}
