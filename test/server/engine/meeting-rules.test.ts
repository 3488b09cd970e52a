import {
  decideMeeting,
  type MeetingCandidate,
  type MeetingFacts,
} from '../../../src/server/engine/meeting-rules';

const NOW = new Date('2026-03-10T12:00:00Z');
const ENROLLED_AT = new Date('2026-03-01T09:00:00Z');
const REP = 'user-rep';
const COLLEAGUE = 'user-colleague';

/** The contact c1, enrolled by REP in enrollment e1; the meeting names it directly. */
const candidate = (changes: Partial<MeetingCandidate> = {}): MeetingCandidate => ({
  enrollmentId: 'e1',
  contactId: 'c1',
  sequenceId: 's1',
  status: 'active',
  enrolledAt: ENROLLED_AT,
  enrolledBy: REP,
  associatedDirectly: true,
  ...changes,
});

const meeting = (changes: Partial<MeetingFacts> = {}): MeetingFacts => ({
  externalId: 'mtg-1',
  source: 'calendar',
  organizerUserId: REP,
  loggedAt: null,
  linkEmail: null,
  ...changes,
});

const LINK_OF_E1 = { enrollmentId: 'e1', contactId: 'c1' };

describe('decideMeeting (A6)', () => {
  test.each<[string, Partial<MeetingFacts>, Partial<MeetingCandidate>, string, boolean]>([
    // Booked through a meetings link in a sequence email sent to the contact: whoever's link it is.
    [
      'meetings link in this enrollment’s email, the rep’s link',
      { source: 'meetings_link', linkEmail: LINK_OF_E1 },
      {},
      'sequence_email_link',
      true,
    ],
    [
      'meetings link in this enrollment’s email, a colleague’s link',
      { source: 'meetings_link', linkEmail: LINK_OF_E1, organizerUserId: COLLEAGUE },
      {},
      'sequence_email_link',
      true,
    ],
    [
      'meetings link in this enrollment’s email, an outsider’s link',
      { source: 'meetings_link', linkEmail: LINK_OF_E1, organizerUserId: null },
      {},
      'sequence_email_link',
      true,
    ],
    [
      'meetings link in this email, the enrollment paused',
      { source: 'meetings_link', linkEmail: LINK_OF_E1, organizerUserId: COLLEAGUE },
      { status: 'paused' },
      'sequence_email_link',
      true,
    ],
    // A link in an email of another enrollment or contact counts only if the meeting is with the enrolling user.
    [
      'a colleague’s link in an email sent to ANOTHER contact',
      {
        source: 'meetings_link',
        linkEmail: { enrollmentId: 'e9', contactId: 'c9' },
        organizerUserId: COLLEAGUE,
      },
      {},
      'with_other_user',
      false,
    ],
    [
      'a colleague’s link in an email of the contact’s EARLIER enrollment',
      {
        source: 'meetings_link',
        linkEmail: { enrollmentId: 'e0', contactId: 'c1' },
        organizerUserId: COLLEAGUE,
      },
      {},
      'with_other_user',
      false,
    ],
    [
      'the rep’s link in an email sent to another contact',
      { source: 'meetings_link', linkEmail: { enrollmentId: 'e9', contactId: 'c9' } },
      {},
      'with_enrolling_user',
      true,
    ],
    [
      'the rep’s meetings link, not from a sequence email',
      { source: 'meetings_link' },
      {},
      'with_enrolling_user',
      true,
    ],
    [
      'a colleague’s meetings link, not from a sequence email',
      { source: 'meetings_link', organizerUserId: COLLEAGUE },
      {},
      'with_other_user',
      false,
    ],
    // Contact record and synced calendar: only with the enrolling user.
    ['contact record, with the rep', { source: 'contact_record' }, {}, 'with_enrolling_user', true],
    [
      'contact record, with a colleague',
      { source: 'contact_record', organizerUserId: COLLEAGUE },
      {},
      'with_other_user',
      false,
    ],
    ['synced calendar, with the rep', { source: 'calendar' }, {}, 'with_enrolling_user', true],
    [
      'synced calendar, with a colleague',
      { source: 'calendar', organizerUserId: COLLEAGUE },
      {},
      'with_other_user',
      false,
    ],
    [
      'synced calendar, organiser not a user',
      { source: 'calendar', organizerUserId: null },
      {},
      'with_other_user',
      false,
    ],
    [
      'enrolled by a user since deleted (no enrolling user), organiser unknown',
      { organizerUserId: null },
      { enrolledBy: null },
      'with_other_user',
      false,
    ],
    // Logged meetings.
    ['logged by the rep, associated with the contact', { source: 'logged' }, {}, 'with_enrolling_user', true],
    [
      'logged by a colleague, associated with the contact',
      { source: 'logged', organizerUserId: COLLEAGUE },
      {},
      'with_other_user',
      false,
    ],
    [
      'logged to the contact’s company only, not to the contact',
      { source: 'logged' },
      { associatedDirectly: false },
      'not_associated_with_contact',
      false,
    ],
    [
      'booked with the rep but reaching the contact only through a deal',
      { source: 'calendar' },
      { associatedDirectly: false },
      'not_associated_with_contact',
      false,
    ],
    [
      'through a sequence-email link but only associated through a record',
      { source: 'meetings_link', linkEmail: LINK_OF_E1 },
      { associatedDirectly: false },
      'not_associated_with_contact',
      false,
    ],
    // When it was logged.
    [
      'logged before the enrollment started',
      { source: 'logged', loggedAt: new Date('2026-02-28T09:00:00Z') },
      {},
      'logged_before_enrollment',
      false,
    ],
    [
      'logged the second the enrollment started',
      { source: 'logged', loggedAt: ENROLLED_AT },
      {},
      'with_enrolling_user',
      true,
    ],
    [
      'logged while enrolled (loggedAt given)',
      { source: 'logged', loggedAt: new Date('2026-03-05T09:00:00Z') },
      {},
      'with_enrolling_user',
      true,
    ],
    [
      'a link booking logged before the enrollment',
      { source: 'meetings_link', linkEmail: LINK_OF_E1, loggedAt: new Date('2026-02-01T00:00:00Z') },
      {},
      'logged_before_enrollment',
      false,
    ],
    // Not enrolled any more.
    ['the enrollment ended already', {}, { status: 'unenrolled' }, 'not_enrolled', false],
  ])('%s → %s', (_name, meetingChanges, candidateChanges, outcome, unenroll) => {
    const [decision] = decideMeeting(meeting(meetingChanges), [candidate(candidateChanges)], NOW);
    expect(decision).toMatchObject({
      enrollmentId: 'e1',
      contactId: 'c1',
      sequenceId: 's1',
      outcome,
      unenroll,
    });
    if (unenroll) expect(decision.detail).toContain('mtg-1');
    else expect(decision.detail).toBeNull();
  });

  test('loggedAt defaults to now: a meeting held in the past but logged now counts', () => {
    // Nothing in the facts says when the meeting took place; only when it was logged matters.
    const [decision] = decideMeeting(
      meeting({ source: 'logged', loggedAt: null }),
      [candidate({ enrolledAt: new Date(NOW.getTime() - 1000) })],
      NOW,
    );
    expect(decision.outcome).toBe('with_enrolling_user');
    const [late] = decideMeeting(
      meeting({ source: 'logged', loggedAt: null }),
      [candidate({ enrolledAt: new Date(NOW.getTime() + 1000) })],
      NOW,
    );
    expect(late.outcome).toBe('logged_before_enrollment');
  });

  test('one decision per enrollment, each judged on its own', () => {
    const decisions = decideMeeting(
      meeting({ source: 'meetings_link', linkEmail: LINK_OF_E1, organizerUserId: COLLEAGUE }),
      [
        candidate(),
        candidate({ enrollmentId: 'e2', contactId: 'c2', enrolledBy: COLLEAGUE }),
        candidate({ enrollmentId: 'e3', contactId: 'c3' }),
        candidate({ enrollmentId: 'e4', contactId: 'c4', associatedDirectly: false, enrolledBy: COLLEAGUE }),
      ],
      NOW,
    );
    expect(decisions.map((d) => [d.enrollmentId, d.outcome, d.unenroll])).toEqual([
      ['e1', 'sequence_email_link', true],
      ['e2', 'with_enrolling_user', true],
      ['e3', 'with_other_user', false],
      ['e4', 'not_associated_with_contact', false],
    ]);
    expect(decisions[0].detail).toBe('Meeting mtg-1 booked through the meetings link in a sequence email');
    expect(decisions[1].detail).toBe(
      'Meeting mtg-1 booked with the user who enrolled the contact (meetings_link)',
    );
  });

  test('no candidates, no decisions', () => {
    expect(decideMeeting(meeting(), [], NOW)).toEqual([]);
  });
});
