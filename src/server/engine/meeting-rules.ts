import { MeetingOutcome, MeetingSource, type EnrollmentStatus } from '../../shared/enums';

/**
 * A6: does a booked or logged meeting end an enrollment? Pure: the route gathers
 * the meeting, the enrollments of the contacts it concerns and the sequence email
 * its link came from; these rules decide, in this order, for each enrollment:
 *
 * 1. only an active or paused enrollment can end (`not_enrolled`);
 * 2. the meeting must name the contact itself, by `contactIds` or an attendee
 *    address: being logged to the contact's company or deal is not enough
 *    (`not_associated_with_contact`);
 * 3. it must be logged while the contact is enrolled: at or after the enrollment
 *    began. When it takes place does not matter; a meeting held last week and
 *    logged today counts (`logged_before_enrollment`);
 * 4. booked through the meetings link of an email of THIS enrollment (so one
 *    sent to this contact by this sequence): it ends the enrollment whoever's
 *    link it is (`sequence_email_link`);
 * 5. otherwise (the link of another email, the contact record, a synced
 *    calendar, a logged meeting) only a meeting with the user who enrolled the
 *    contact ends it (`with_enrolling_user`); with anyone else it does not
 *    (`with_other_user`).
 */

export interface MeetingFacts {
  externalId: string;
  source: MeetingSource;
  /** The user of this account the meeting is with, when the organiser is one. */
  organizerUserId: string | null;
  /** When it was booked or logged; null means "now". */
  loggedAt: Date | null;
  /** The sequence email whose meetings link was used (`meetings_link` only). */
  linkEmail: { enrollmentId: string; contactId: string } | null;
}

/** An enrollment of a contact the meeting concerns. */
export interface MeetingCandidate {
  enrollmentId: string;
  contactId: string;
  sequenceId: string;
  status: EnrollmentStatus;
  enrolledAt: Date;
  enrolledBy: string | null;
  /** Named by `contactIds` or an attendee address; false when only reached through an associated record. */
  associatedDirectly: boolean;
}

export interface MeetingDecision {
  enrollmentId: string;
  contactId: string;
  sequenceId: string;
  outcome: MeetingOutcome;
  unenroll: boolean;
  /** For the unenrollment and the timeline; names the meeting. Null when nothing happens. */
  detail: string | null;
}

const UNENROLLING: readonly MeetingOutcome[] = [
  MeetingOutcome.sequenceEmailLink,
  MeetingOutcome.withEnrollingUser,
];

function outcomeFor(meeting: MeetingFacts, candidate: MeetingCandidate, loggedAt: Date): MeetingOutcome {
  if (candidate.status !== 'active' && candidate.status !== 'paused') return MeetingOutcome.notEnrolled;
  if (!candidate.associatedDirectly) return MeetingOutcome.notAssociatedWithContact;
  if (loggedAt.getTime() < candidate.enrolledAt.getTime()) return MeetingOutcome.loggedBeforeEnrollment;
  if (
    meeting.source === MeetingSource.meetingsLink &&
    meeting.linkEmail?.enrollmentId === candidate.enrollmentId &&
    meeting.linkEmail.contactId === candidate.contactId
  ) {
    return MeetingOutcome.sequenceEmailLink;
  }
  if (meeting.organizerUserId !== null && meeting.organizerUserId === candidate.enrolledBy) {
    return MeetingOutcome.withEnrollingUser;
  }
  return MeetingOutcome.withOtherUser;
}

function describe(meeting: MeetingFacts, outcome: MeetingOutcome): string | null {
  const verb = meeting.source === MeetingSource.logged ? 'logged' : 'booked';
  if (outcome === MeetingOutcome.sequenceEmailLink)
    return `Meeting ${meeting.externalId} booked through the meetings link in a sequence email`;
  if (outcome === MeetingOutcome.withEnrollingUser)
    return `Meeting ${meeting.externalId} ${verb} with the user who enrolled the contact (${meeting.source})`;
  return null;
}

export function decideMeeting(
  meeting: MeetingFacts,
  candidates: MeetingCandidate[],
  now: Date,
): MeetingDecision[] {
  const loggedAt = meeting.loggedAt ?? now;
  return candidates.map((candidate) => {
    const outcome = outcomeFor(meeting, candidate, loggedAt);
    return {
      enrollmentId: candidate.enrollmentId,
      contactId: candidate.contactId,
      sequenceId: candidate.sequenceId,
      outcome,
      unenroll: UNENROLLING.includes(outcome),
      detail: describe(meeting, outcome),
    };
  });
}
