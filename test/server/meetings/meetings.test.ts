import { randomUUID } from 'node:crypto';
import { describeEachDb, type TestContext, type TestUser } from '../../helpers/context';
import { createContact, createSequence, enroll, enrolledContact } from '../../helpers/fixtures';
import {
  accountState,
  colleague,
  firstMessageId,
  getEnrollment,
  getSequence,
  userId,
} from '../lifecycle/support';

const HOUR = 3600_000;

function postMeeting(ctx: TestContext, user: TestUser, body: Record<string, unknown>) {
  return ctx.request('POST', '/api/v1/inbound/meetings', {
    token: user.token,
    body: {
      externalId: `mtg-${randomUUID()}`,
      source: 'calendar',
      attendeeEmails: [],
      startsAt: '2026-03-20T15:00:00Z',
      ...body,
    },
  });
}

describeEachDb('meetings (A6)', (ctx) => {
  test('booked through the meetings link in a sequence email, a colleague’s link: unenrolled, stored, counted', async () => {
    const { user: rep, sequence, contact, enrollment } = await enrolledContact(ctx());
    const other = await colleague(ctx(), rep);
    const messageId = await firstMessageId(ctx(), rep, enrollment.id);
    const before = await getSequence(ctx(), rep, sequence.id);

    const response = await postMeeting(ctx(), other, {
      externalId: 'hubspot-meeting-1',
      source: 'meetings_link',
      organizerUserId: await userId(ctx(), other),
      sequenceEmailMessageId: `<${messageId}>`,
      attendeeEmails: [contact.email.toUpperCase()],
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      externalId: 'hubspot-meeting-1',
      duplicate: false,
      unenrolled: 1,
      decisions: [
        {
          enrollmentId: enrollment.id,
          contactId: contact.id,
          sequenceId: sequence.id,
          outcome: 'sequence_email_link',
          unenrolled: true,
        },
      ],
    });
    const after = await getEnrollment(ctx(), rep, enrollment.id);
    expect(after.status).toBe('unenrolled');
    expect(after.unenrollment).toMatchObject({
      reason: 'meeting_booked',
      by: { type: 'system', id: null },
      detail: expect.stringContaining('hubspot-meeting-1'),
    });
    // The timeline: the history before, then the meeting, then the unenrollment.
    expect(after.events.map((e: { type: string }) => e.type)).toEqual([
      'enrolled',
      'email_sent',
      'meeting_booked',
      'unenrolled',
    ]);
    expect(after.events[2].data).toMatchObject({
      meetingId: response.body.meetingId,
      source: 'meetings_link',
    });
    const performance = (await getSequence(ctx(), rep, sequence.id)).performance;
    expect(performance).toMatchObject({
      enrolled: before.performance.enrolled,
      emailsSent: before.performance.emailsSent,
      meetings: before.performance.meetings + 1,
      unenrolledByReason: { meeting_booked: 1 },
    });
    const stored = await ctx().db.query(
      'SELECT source, sequence_email_message_id, attendee_emails FROM meetings WHERE id = $1::uuid',
      [response.body.meetingId],
    );
    expect(stored.rows[0]).toEqual({
      source: 'meetings_link',
      sequence_email_message_id: messageId,
      attendee_emails: [contact.email.toLowerCase()],
    });
  });

  test('contact record or synced calendar: only a meeting with the user who enrolled the contact', async () => {
    const { user: rep, contact, enrollment } = await enrolledContact(ctx());
    const other = await colleague(ctx(), rep);

    for (const source of ['contact_record', 'calendar']) {
      const withColleague = await postMeeting(ctx(), other, {
        source,
        organizerUserId: await userId(ctx(), other),
        contactIds: [contact.id],
      });
      expect(withColleague.status).toBe(201);
      expect(withColleague.body).toMatchObject({
        unenrolled: 0,
        decisions: [{ enrollmentId: enrollment.id, outcome: 'with_other_user', unenrolled: false }],
      });
      const outsider = await postMeeting(ctx(), rep, {
        source,
        organizerEmail: 'someone@elsewhere.example',
        contactIds: [contact.id],
      });
      expect(outsider.body.decisions[0].outcome).toBe('with_other_user');
    }
    expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('active');

    // The enrolling user, named by address (any case) rather than id.
    const withRep = await postMeeting(ctx(), other, {
      source: 'calendar',
      organizerEmail: rep.email.toUpperCase(),
      attendeeEmails: [contact.email],
    });
    expect(withRep.body).toMatchObject({ unenrolled: 1, decisions: [{ outcome: 'with_enrolling_user' }] });
    expect((await getEnrollment(ctx(), rep, enrollment.id)).unenrollment.reason).toBe('meeting_booked');
  });

  test('an attendee address that is an alias of the contact associates the meeting with it', async () => {
    const rep = await ctx().newUser();
    const sequence = await createSequence(ctx(), rep);
    const contact = await createContact(ctx(), rep, { aliases: ['ann.lee@personal.example'] });
    const enrollment = await enroll(ctx(), rep, sequence.id, contact.id);

    const response = await postMeeting(ctx(), rep, {
      source: 'contact_record',
      organizerUserId: await userId(ctx(), rep),
      attendeeEmails: ['Ann.Lee@personal.example'],
    });
    expect(response.body.decisions).toEqual([
      expect.objectContaining({
        enrollmentId: enrollment.id,
        outcome: 'with_enrolling_user',
        unenrolled: true,
      }),
    ]);
  });

  test('logged to the company only: not associated with the contact, no unenrollment; with the contact too: unenrolled', async () => {
    const rep = await ctx().newUser();
    const repId = await userId(ctx(), rep);
    const company = await ctx().request('POST', '/api/v1/companies', {
      token: rep.token,
      body: { name: 'Fabrikam', domains: ['fabrikam.example'] },
    });
    const sequence = await createSequence(ctx(), rep);
    const ann = await createContact(ctx(), rep, { companyId: company.body.id });
    const bob = await createContact(ctx(), rep, { companyId: company.body.id });
    const annEnrollment = await enroll(ctx(), rep, sequence.id, ann.id);
    const bobEnrollment = await enroll(ctx(), rep, sequence.id, bob.id);

    const toCompany = await postMeeting(ctx(), rep, {
      source: 'logged',
      organizerUserId: repId,
      associatedRecords: [{ type: 'company', id: company.body.id }],
    });
    expect(toCompany.status).toBe(201);
    expect(toCompany.body.unenrolled).toBe(0);
    expect(toCompany.body.decisions).toHaveLength(2);
    for (const decision of toCompany.body.decisions) {
      expect(decision).toMatchObject({ outcome: 'not_associated_with_contact', unenrolled: false });
    }

    const toCompanyAndAnn = await postMeeting(ctx(), rep, {
      source: 'logged',
      organizerUserId: repId,
      contactIds: [ann.id],
      associatedRecords: [{ type: 'company', id: company.body.id }],
    });
    const byContact = Object.fromEntries(
      toCompanyAndAnn.body.decisions.map((d: { contactId: string; outcome: string }) => [
        d.contactId,
        d.outcome,
      ]),
    );
    expect(byContact).toEqual({ [ann.id]: 'with_enrolling_user', [bob.id]: 'not_associated_with_contact' });
    expect((await getEnrollment(ctx(), rep, annEnrollment.id)).status).toBe('unenrolled');
    expect((await getEnrollment(ctx(), rep, bobEnrollment.id)).status).toBe('active');
  });

  test('logged to a deal only: not associated with the contact', async () => {
    const { user: rep, contact, enrollment } = await enrolledContact(ctx());
    const deal = await ctx().request('POST', '/api/v1/deals', {
      token: rep.token,
      body: { name: 'Renewal', contactIds: [contact.id] },
    });
    const response = await postMeeting(ctx(), rep, {
      source: 'logged',
      organizerUserId: await userId(ctx(), rep),
      associatedRecords: [{ type: 'deal', id: deal.body.id }],
    });
    expect(response.body.decisions).toEqual([
      expect.objectContaining({ enrollmentId: enrollment.id, outcome: 'not_associated_with_contact' }),
    ]);
    expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('active');
  });

  test('logged before the enrollment started: no; logged now about a meeting held last month: yes', async () => {
    const { user: rep, contact, enrollment } = await enrolledContact(ctx());
    const repId = await userId(ctx(), rep);
    const enrolledAt = new Date(enrollment.enrolledAt).getTime();

    const early = await postMeeting(ctx(), rep, {
      source: 'logged',
      organizerUserId: repId,
      contactIds: [contact.id],
      startsAt: new Date(enrolledAt - 48 * HOUR).toISOString(),
      loggedAt: new Date(enrolledAt - HOUR).toISOString(),
    });
    expect(early.body.decisions[0]).toMatchObject({ outcome: 'logged_before_enrollment', unenrolled: false });
    expect((await getEnrollment(ctx(), rep, enrollment.id)).status).toBe('active');

    ctx().clock.advance(HOUR);
    const pastMeetingLoggedNow = await postMeeting(ctx(), rep, {
      source: 'logged',
      organizerUserId: repId,
      contactIds: [contact.id],
      startsAt: new Date(enrolledAt - 30 * 24 * HOUR).toISOString(),
    });
    expect(pastMeetingLoggedNow.body.decisions[0]).toMatchObject({
      outcome: 'with_enrolling_user',
      unenrolled: true,
    });
  });

  test('a colleague’s link in an email of ANOTHER contact does not unenroll the contact who booked', async () => {
    const rep = await ctx().newUser();
    const other = await colleague(ctx(), rep);
    const sequence = await createSequence(ctx(), rep);
    const ann = await createContact(ctx(), rep);
    const bob = await createContact(ctx(), rep);
    const annEnrollment = await enroll(ctx(), rep, sequence.id, ann.id);
    const bobEnrollment = await enroll(ctx(), rep, sequence.id, bob.id);
    const annMessageId = await firstMessageId(ctx(), rep, annEnrollment.id);

    // Bob books through the link in the email Ann got (forwarded), with the colleague.
    const response = await postMeeting(ctx(), other, {
      source: 'meetings_link',
      organizerUserId: await userId(ctx(), other),
      sequenceEmailMessageId: annMessageId,
      attendeeEmails: [bob.email],
    });
    expect(response.body).toMatchObject({
      unenrolled: 0,
      decisions: [{ enrollmentId: bobEnrollment.id, outcome: 'with_other_user', unenrolled: false }],
    });
    expect((await getEnrollment(ctx(), rep, annEnrollment.id)).status).toBe('active');
    expect((await getEnrollment(ctx(), rep, bobEnrollment.id)).status).toBe('active');
  });

  test('idempotent on externalId: a repeat answers the first result, marked duplicate, and changes nothing', async () => {
    const { user: rep, sequence, contact, enrollment } = await enrolledContact(ctx());
    const body = {
      externalId: `ext-${randomUUID()}`,
      source: 'calendar',
      organizerUserId: await userId(ctx(), rep),
      contactIds: [contact.id],
    };
    const first = await postMeeting(ctx(), rep, body);
    expect(first.status).toBe(201);
    const state = await accountState(ctx(), rep);

    const again = await postMeeting(ctx(), rep, body);
    // Even with other facts, the same externalId is the same meeting.
    const changed = await postMeeting(ctx(), rep, { ...body, source: 'logged', contactIds: [] });

    for (const repeat of [again, changed]) {
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual({ ...first.body, duplicate: true });
    }
    expect(await accountState(ctx(), rep)).toEqual(state);
    expect((await getSequence(ctx(), rep, sequence.id)).performance.meetings).toBe(1);
    expect(
      (await getEnrollment(ctx(), rep, enrollment.id)).events.filter((e: any) => e.type === 'meeting_booked'),
    ).toHaveLength(1);
  });

  test('the same meeting sent twice at once is processed once', async () => {
    const { user: rep, contact, enrollment } = await enrolledContact(ctx());
    const body = {
      externalId: `race-${randomUUID()}`,
      organizerUserId: await userId(ctx(), rep),
      contactIds: [contact.id],
    };
    const responses = await Promise.all([postMeeting(ctx(), rep, body), postMeeting(ctx(), rep, body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(responses.map((r) => r.body.meetingId)[0]).toBe(responses[1].body.meetingId);
    const events = (await getEnrollment(ctx(), rep, enrollment.id)).events.map(
      (e: { type: string }) => e.type,
    );
    expect(events.filter((type: string) => type === 'meeting_booked')).toHaveLength(1);
    expect(events.filter((type: string) => type === 'unenrolled')).toHaveLength(1);
  });

  describe('bad input: a precise 4xx and nothing stored', () => {
    test.each<
      [string, number, string, string | null, (ids: Record<string, string>) => Record<string, unknown>]
    >([
      [
        'an unknown contact id',
        422,
        'unknown_reference',
        'contactIds[0]',
        () => ({ contactIds: [randomUUID()] }),
      ],
      [
        'a contact of another account',
        422,
        'unknown_reference',
        'contactIds[1]',
        (ids) => ({ contactIds: [ids.contactId, ids.foreignContactId] }),
      ],
      [
        'an unknown organiser',
        422,
        'unknown_reference',
        'organizerUserId',
        () => ({ organizerUserId: randomUUID() }),
      ],
      [
        'an organiser of another account',
        422,
        'unknown_reference',
        'organizerUserId',
        (ids) => ({ organizerUserId: ids.foreignUserId }),
      ],
      [
        'an unknown company',
        422,
        'unknown_reference',
        'associatedRecords[0]',
        () => ({ associatedRecords: [{ type: 'company', id: randomUUID() }] }),
      ],
      [
        'an unknown deal',
        422,
        'unknown_reference',
        'associatedRecords[1]',
        (ids) => ({
          associatedRecords: [
            { type: 'company', id: ids.companyId },
            { type: 'deal', id: randomUUID() },
          ],
        }),
      ],
      [
        'an unknown sequence email',
        422,
        'unknown_reference',
        'sequenceEmailMessageId',
        () => ({ source: 'meetings_link', sequenceEmailMessageId: '<nope@x.example>' }),
      ],
      [
        'a sequence email of another account',
        422,
        'unknown_reference',
        'sequenceEmailMessageId',
        (ids) => ({ source: 'meetings_link', sequenceEmailMessageId: ids.foreignMessageId }),
      ],
      [
        'a sequence email for a calendar meeting',
        400,
        'invalid_request',
        null,
        (ids) => ({ source: 'calendar', sequenceEmailMessageId: ids.messageId }),
      ],
      [
        'an organizerEmail that is not organizerUserId’s',
        400,
        'invalid_request',
        null,
        (ids) => ({ organizerUserId: ids.userId, organizerEmail: 'x@y.example' }),
      ],
      ['loggedAt in the future', 400, 'invalid_request', null, () => ({ loggedAt: '2099-01-01T00:00:00Z' })],
      ['an unknown source', 400, 'invalid_request', null, () => ({ source: 'carrier_pigeon' })],
      ['no startsAt', 400, 'invalid_request', null, () => ({ startsAt: undefined })],
      [
        'a malformed attendee address',
        400,
        'invalid_request',
        null,
        () => ({ attendeeEmails: ['not an address'] }),
      ],
      ['an unknown field', 400, 'invalid_request', null, () => ({ colour: 'blue' })],
    ])('%s → %i %s', async (_name, status, code, field, build) => {
      const { user: rep, contact, enrollment } = await enrolledContact(ctx());
      const foreign = await enrolledContact(ctx());
      const company = await ctx().request('POST', '/api/v1/companies', {
        token: rep.token,
        body: { name: 'Co' },
      });
      const ids = {
        contactId: contact.id,
        userId: await userId(ctx(), rep),
        companyId: company.body.id,
        messageId: await firstMessageId(ctx(), rep, enrollment.id),
        foreignContactId: foreign.contact.id,
        foreignUserId: await userId(ctx(), foreign.user),
        foreignMessageId: await firstMessageId(ctx(), foreign.user, foreign.enrollment.id),
      };
      const externalId = `bad-${randomUUID()}`;
      const state = await accountState(ctx(), rep);
      const foreignState = await accountState(ctx(), foreign.user);

      const response = await postMeeting(ctx(), rep, {
        externalId,
        attendeeEmails: [contact.email],
        organizerUserId: ids.userId,
        ...build(ids),
      });

      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      if (field) expect(response.body.field).toBe(field);
      expect(await accountState(ctx(), rep)).toEqual(state);
      expect(await accountState(ctx(), foreign.user)).toEqual(foreignState);
      // Nothing was stored under that externalId: a corrected request is processed.
      const corrected = await postMeeting(ctx(), rep, {
        externalId,
        organizerUserId: ids.userId,
        attendeeEmails: [contact.email],
      });
      expect(corrected.status).toBe(201);
      expect(corrected.body.unenrolled).toBe(1);
    });

    test('a token without write scope is refused', async () => {
      const reader = await ctx().newUser();
      const token = await ctx().token({
        email: reader.email,
        tenantId: reader.tenantId,
        scopes: ['Sequences.Read'],
      });
      const response = await ctx().request('POST', '/api/v1/inbound/meetings', {
        token,
        body: { externalId: 'x', source: 'calendar', attendeeEmails: [], startsAt: '2026-03-20T15:00:00Z' },
      });
      expect(response.status).toBe(403);
    });
  });

  test('isolation: another account’s contact with the same address and the same externalId are untouched', async () => {
    const mine = await enrolledContact(ctx());
    const theirs = await enrolledContact(ctx());
    const sameAddress = await createContact(ctx(), theirs.user, { email: mine.contact.email });
    const theirSequence = await createSequence(ctx(), theirs.user);
    await enroll(ctx(), theirs.user, theirSequence.id, sameAddress.id);
    const theirState = await accountState(ctx(), theirs.user);

    const externalId = `shared-${randomUUID()}`;
    const response = await postMeeting(ctx(), mine.user, {
      externalId,
      organizerUserId: await userId(ctx(), mine.user),
      attendeeEmails: [mine.contact.email, theirs.contact.email],
    });
    expect(response.body.decisions).toEqual([
      expect.objectContaining({ enrollmentId: mine.enrollment.id, unenrolled: true }),
    ]);
    expect(await accountState(ctx(), theirs.user)).toEqual(theirState);

    // The same external id in another account is another meeting.
    const theirsToo = await postMeeting(ctx(), theirs.user, {
      externalId,
      organizerUserId: await userId(ctx(), theirs.user),
      attendeeEmails: [theirs.contact.email],
    });
    expect(theirsToo.status).toBe(201);
    expect(theirsToo.body).toMatchObject({ duplicate: false, unenrolled: 1 });
  });
});
