import { bounceRule } from './bounce-rule';
import { companyRule } from './company-rule';
import type { InboundDecision, InboundFacts, InboundRuleOptions } from './facts';
import { outOfOfficeRule } from './out-of-office-rule';
import { replyRules } from './reply-rules';

/**
 * Every decision an inbound message leads to. Auto-generated mail (lists,
 * notifications, challenge-response) leads to none (A14); auto-replies never
 * unenroll (A13). An enrollment gets at most one unenrollment, the most specific:
 * the replier's own reason before a colleague's `company_replied`.
 */
export function decideInbound(facts: InboundFacts, options: InboundRuleOptions): InboundDecision[] {
  const replies = replyRules(facts);
  const decided = new Set(replies.flatMap((d) => (d.type === 'unenroll' ? [d.enrollmentId] : [])));
  return [
    ...replies,
    ...companyRule(facts, decided),
    ...bounceRule(facts, options),
    ...outOfOfficeRule(facts),
  ];
}
