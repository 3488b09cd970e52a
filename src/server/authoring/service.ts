import { StepType } from '../../shared/enums';
import { unknownMergeFields } from '../../shared/merge-fields';
import type { KnownProperties, StepPreview, StepPreviewBody } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import { findUser } from '../accounts/queries';
import { findContact } from '../contacts/queries';
import type { Deps } from '../deps';
import { renderTemplate } from '../engine/render-template';
import { AppError, notFound } from '../http/errors';
import { renderStepEmail, templateFields, type TemplateSource } from '../steps/compose-email';
import { knownProperties } from './queries';

/**
 * A step rendered for one contact, as the engine will send it: the same renderer as the
 * worker (`renderStepEmail`, `renderTemplate` for a task's title), the contact's fields,
 * and the signed-in user as the sender (the person about to enroll is the one it is sent
 * as). A follow-up email's subject is `Re: <the first email's subject>`, as sent in its
 * thread. Each email's unsubscribe link is its own; the preview shows where it goes.
 */
export async function previewStep(
  deps: Deps,
  principal: Principal,
  body: StepPreviewBody,
): Promise<StepPreview> {
  const step = body.steps[body.stepIndex];
  if (!step)
    throw new AppError(
      'invalid_request',
      `stepIndex ${body.stepIndex} names no step: there are ${body.steps.length}`,
    );
  const [contact, sender] = await Promise.all([
    findContact(deps.db, principal.accountId, body.contactId),
    findUser(deps.db, principal.accountId, principal.userId),
  ]);
  if (!contact) throw notFound('The contact');
  if (!sender) throw notFound('Your user');
  const facts: TemplateSource = {
    first_name: contact.first_name,
    last_name: contact.last_name,
    email: contact.email,
    company_name: contact.company_name,
    sender_name: sender.name,
    sender_email: sender.email,
    sender_signature: sender.signature,
  };
  const base = {
    type: step.type,
    from: { name: sender.name, email: sender.email },
    to: { name: templateFields(facts).fullName, email: contact.email },
  };
  if (step.type === StepType.task) {
    const title = step.title ?? '';
    return {
      ...base,
      subject: null,
      text: null,
      title: renderTemplate(title, templateFields(facts)),
      unknownMergeFields: unknownMergeFields(title),
    };
  }
  const email = { subject: step.subject ?? '', body: step.body ?? '' };
  // The thread starts at the first email step; a later email replies in it.
  const first = body.steps.findIndex((candidate) => candidate.type === StepType.email);
  const threadSubject =
    first < body.stepIndex
      ? renderStepEmail(facts, { subject: body.steps[first].subject ?? '', body: '' }).subject
      : undefined;
  const content = renderStepEmail(facts, email, threadSubject);
  return {
    ...base,
    subject: content.subject,
    text: `${content.text}\n\nUnsubscribe: ${deps.config.publicUrl}/unsubscribe/… (a link of its own in each email)`,
    title: null,
    unknownMergeFields: [
      ...new Set([...unknownMergeFields(email.subject), ...unknownMergeFields(email.body)]),
    ],
  };
}

export async function listKnownProperties(deps: Deps, principal: Principal): Promise<KnownProperties> {
  return knownProperties(deps.db, principal.accountId);
}
