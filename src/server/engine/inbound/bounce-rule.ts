import { UnenrollReason } from '../../../shared/enums';
import { isCurrent, type InboundDecision, type InboundFacts, type InboundRuleOptions } from './facts';

/**
 * A8: a hard bounce (5.x.x) refuses the address at once and unenrolls its
 * contacts as `bounced`; a soft bounce (4.x.x) is recorded, and refuses the
 * address when it is the `softBounceLimit`-th within the window.
 */
export function bounceRule(facts: InboundFacts, options: InboundRuleOptions): InboundDecision[] {
  if (facts.kind !== 'bounce') return [];
  const decisions: InboundDecision[] = [];
  for (const bounce of facts.bounces) {
    const refuse = bounce.severity === 'hard' || bounce.recentSoftBounces >= options.softBounceLimit;
    decisions.push({
      type: 'record_bounce',
      address: bounce.address,
      severity: bounce.severity,
      status: bounce.status,
      diagnostic: bounce.diagnostic,
      contactIds: bounce.contactIds,
      refuse,
    });
    if (!refuse) continue;
    const why =
      bounce.severity === 'hard'
        ? `${bounce.status ?? 'permanent failure'}`
        : `${bounce.recentSoftBounces} soft bounces in ${options.softBounceWindowDays} days`;
    for (const enrollment of bounce.enrollments.filter(isCurrent)) {
      decisions.push({
        type: 'unenroll',
        enrollmentId: enrollment.id,
        reason: UnenrollReason.bounced,
        detail: `${bounce.address} bounced (${why}): ${facts.label}`,
      });
    }
  }
  return decisions;
}
