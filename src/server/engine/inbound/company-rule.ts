import { UnenrollReason } from '../../../shared/enums';
import { isCurrent, type InboundDecision, type InboundFacts } from './facts';

/**
 * A5: a person from the contact's company writes (in the thread or not), and the
 * contact's sequence has "Unenroll contacts from the same company" on: the
 * colleague's enrollment ends as `company_replied`. The writer's own enrollment
 * gets its own reason from the reply rules (`decided` holds those).
 */
export function companyRule(facts: InboundFacts, decided: ReadonlySet<string>): InboundDecision[] {
  if (facts.kind !== 'human') return [];
  return facts.colleagues
    .filter(
      (enrollment) =>
        isCurrent(enrollment) && enrollment.settings.unenrollSameCompany && !decided.has(enrollment.id),
    )
    .map((enrollment) => ({
      type: 'unenroll' as const,
      enrollmentId: enrollment.id,
      reason: UnenrollReason.companyReplied,
      detail: facts.label,
    }));
}
