import { UnenrollReason } from '../../../shared/enums';

/** A message from a rep's Sent Items, and the current enrollments of the contacts it went to. */
export interface ManualEmailFacts {
  /** The message is one of the engine's own sequence emails (its Message-ID was sent by a step). */
  sequenceEmail: boolean;
  subject: string;
  recipients: string[];
  enrollments: { id: string; contactEmail: string; unenrollOnManualEmail: boolean }[];
}

export type ManualEmailDecision =
  /** Shown in the contact's history (an event on the enrollment). */
  | { type: 'record'; enrollmentId: string; detail: string }
  | { type: 'unenroll'; enrollmentId: string; reason: typeof UnenrollReason.manualEmail; detail: string };

/**
 * A rep who writes to an enrolled contact by hand (issue 16): the message is recorded on the
 * contact's enrollment, and — when its sequence says `unenrollOnManualEmail` (default off) —
 * the contact is unenrolled, by that rep. The engine's own sequence emails land in Sent
 * Items too when sent through Graph; they are not manual email.
 */
export function decideManualEmail(facts: ManualEmailFacts): ManualEmailDecision[] {
  if (facts.sequenceEmail) return [];
  const detail = `Emailed by hand: "${facts.subject.slice(0, 120)}"`;
  return facts.enrollments.flatMap((enrollment): ManualEmailDecision[] => [
    { type: 'record', enrollmentId: enrollment.id, detail },
    ...(enrollment.unenrollOnManualEmail
      ? [
          {
            type: 'unenroll' as const,
            enrollmentId: enrollment.id,
            reason: UnenrollReason.manualEmail,
            detail,
          },
        ]
      : []),
  ]);
}
