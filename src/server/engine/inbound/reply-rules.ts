import { UnenrollReason } from '../../../shared/enums';
import { isCurrent, type InboundDecision, type InboundFacts } from './facts';

/**
 * A1–A4, for a message a person wrote:
 * - a reply in the thread of a sequence email unenrolls that enrollment: `replied`
 *   when it comes from the enrolled address, `replied_other_address` from any other
 *   (an alias, a colleague the thread was forwarded to, a private address);
 * - otherwise an email from the enrolled contact unenrolls its current enrollment:
 *   `emailed` from the enrolled address, `emailed_from_alias` from one of its aliases
 *   (recorded, plus-addressed, or the same Gmail mailbox).
 * Every answered sequence email counts as a reply in the sequence's performance,
 * even when the enrollment had ended already.
 */
export function replyRules(facts: InboundFacts): InboundDecision[] {
  if (facts.kind !== 'human') return [];
  const decisions: InboundDecision[] = [];
  const decided = new Set<string>();

  for (const enrollment of facts.thread) {
    if (decided.has(enrollment.id)) continue;
    decided.add(enrollment.id);
    decisions.push({ type: 'record_reply', enrollmentId: enrollment.id });
    if (!isCurrent(enrollment)) continue;
    const reason =
      enrollment.email === facts.sender ? UnenrollReason.replied : UnenrollReason.repliedOtherAddress;
    decisions.push({ type: 'unenroll', enrollmentId: enrollment.id, reason, detail: facts.label });
  }

  for (const { currentEnrollment: enrollment } of facts.senderContacts) {
    if (!enrollment || decided.has(enrollment.id) || !isCurrent(enrollment)) continue;
    decided.add(enrollment.id);
    const reason =
      enrollment.email === facts.sender ? UnenrollReason.emailed : UnenrollReason.emailedFromAlias;
    decisions.push({ type: 'record_reply', enrollmentId: enrollment.id });
    decisions.push({ type: 'unenroll', enrollmentId: enrollment.id, reason, detail: facts.label });
  }
  return decisions;
}
