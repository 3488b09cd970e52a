import { randomUUID } from 'node:crypto';
import { ActorType, EngagementType, EventType, MeetingSource, UnenrollReason } from '../../shared/enums';
import type { MeetingBody, MeetingResult } from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import { matchContactIds } from '../contacts/queries';
import type { Queryable } from '../db/port';
import type { Deps } from '../deps';
import { decideMeeting, type MeetingFacts } from '../engine/meeting-rules';
import { recordEngagements } from '../engagements/queries';
import { appendEvents, changeEnrollments, unenrollEach } from '../lifecycle';
import { AppError } from '../http/errors';
import {
  contactsOfRecords,
  existingIds,
  findAccountUser,
  findMeeting,
  findSentMessage,
  insertMeeting,
  lockCurrentEnrollments,
  storeMeetingResult,
} from './queries';

/** A `loggedAt` this far ahead of our clock is tolerated as skew; further is a mistake. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const unknown = (field: string, what: string) =>
  new AppError('unknown_reference', `${field} names no ${what} of this account`, { field });

/** `<id@host>` or `id@host` → `id@host`, as `sent_messages.message_id` keeps it. */
export function normaliseMessageId(raw: string): string {
  return raw.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

interface ResolvedMeeting {
  facts: MeetingFacts;
  contactIds: string[];
  attendeeEmails: string[];
  organizerEmail: string | null;
  messageId: string | null;
  /** Contacts the meeting names itself: by `contactIds` or an attendee address (primary or alias). */
  direct: Set<string>;
  /** Contacts only reached through an associated company or deal. */
  throughRecords: string[];
}

async function resolveOrganizer(db: Queryable, accountId: string, body: MeetingBody) {
  const email = body.organizerEmail?.trim().toLowerCase() || null;
  if (body.organizerUserId) {
    const user = await findAccountUser(db, accountId, { id: body.organizerUserId });
    if (!user) throw unknown('organizerUserId', 'user');
    if (email && email !== user.email.toLowerCase()) {
      throw new AppError('invalid_request', 'organizerEmail is not the email of organizerUserId');
    }
    return { userId: user.id, email: email ?? user.email };
  }
  // An organiser who is not a user of the account is "someone else" (A6), not an error.
  const user = email ? await findAccountUser(db, accountId, { email }) : undefined;
  return { userId: user?.id ?? null, email };
}

/**
 * Checks every reference of the meeting (4xx `unknown_reference` naming the
 * field, before anything is stored) and gathers the facts the rules need.
 */
async function resolveMeeting(
  db: Queryable,
  accountId: string,
  body: MeetingBody,
  now: Date,
): Promise<ResolvedMeeting> {
  const loggedAt = body.loggedAt ? new Date(body.loggedAt) : null;
  if (loggedAt && loggedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError('invalid_request', 'loggedAt is in the future');
  }
  const organizer = await resolveOrganizer(db, accountId, body);

  const contactIds = [...new Set((body.contactIds ?? []).map((id) => id.toLowerCase()))];
  const liveContacts = await existingIds(db, accountId, 'contacts', contactIds);
  const missingContact = (body.contactIds ?? []).findIndex((id) => !liveContacts.has(id.toLowerCase()));
  if (missingContact >= 0) throw unknown(`contactIds[${missingContact}]`, 'contact');

  const records = body.associatedRecords ?? [];
  const ofType = (type: string) => records.filter((r) => r.type === type).map((r) => r.id.toLowerCase());
  const companies = await existingIds(db, accountId, 'companies', ofType('company'));
  const deals = await existingIds(db, accountId, 'deals', ofType('deal'));
  const missingRecord = records.findIndex(
    (r) => !(r.type === 'company' ? companies : deals).has(r.id.toLowerCase()),
  );
  if (missingRecord >= 0) throw unknown(`associatedRecords[${missingRecord}]`, records[missingRecord].type);

  let messageId: string | null = null;
  let linkEmail: MeetingFacts['linkEmail'] = null;
  if (body.sequenceEmailMessageId) {
    if (body.source !== MeetingSource.meetingsLink) {
      throw new AppError('invalid_request', 'sequenceEmailMessageId is only for source "meetings_link"');
    }
    messageId = normaliseMessageId(body.sequenceEmailMessageId);
    linkEmail = (await findSentMessage(db, accountId, messageId)) ?? null;
    if (!linkEmail) throw unknown('sequenceEmailMessageId', 'sequence email');
  }

  const attendeeEmails = [...new Set(body.attendeeEmails.map((email) => email.trim().toLowerCase()))];
  const attendees = await matchContactIds(db, accountId, attendeeEmails);
  const direct = new Set([...contactIds, ...attendees.values()]);
  const throughRecords = (await contactsOfRecords(db, accountId, [...companies], [...deals])).filter(
    (id) => !direct.has(id),
  );
  return {
    facts: {
      externalId: body.externalId,
      source: body.source,
      organizerUserId: organizer.userId,
      loggedAt,
      linkEmail,
    },
    contactIds,
    attendeeEmails,
    organizerEmail: organizer.email,
    messageId,
    direct,
    throughRecords,
  };
}

/**
 * A6: stores the meeting and applies the meeting rules to the current
 * enrollments of the contacts it concerns, in one transaction: those it counts
 * for get a `meeting` engagement (performance), a `meeting_booked` event and
 * are unenrolled (`meeting_booked`, by the system). Idempotent on `externalId`:
 * a repeat answers the first result, marked `duplicate`, and changes nothing.
 */
export async function receiveMeeting(
  deps: Deps,
  principal: Principal,
  body: MeetingBody,
): Promise<MeetingResult> {
  const { accountId } = principal;
  const first = await findMeeting(deps.db, accountId, body.externalId);
  if (first) return { ...first.result, duplicate: true };
  const now = deps.clock.now();
  return changeEnrollments(deps, async (tx) => {
    const resolved = await resolveMeeting(tx, accountId, body, now);
    const meetingId = randomUUID();
    const loggedAt = resolved.facts.loggedAt ?? now;
    const claimed = await insertMeeting(tx, {
      id: meetingId,
      accountId,
      externalId: body.externalId,
      source: body.source,
      organizerUserId: resolved.facts.organizerUserId,
      organizerEmail: resolved.organizerEmail,
      sequenceEmailMessageId: resolved.messageId,
      attendeeEmails: resolved.attendeeEmails,
      contactIds: resolved.contactIds,
      associatedRecords: body.associatedRecords ?? [],
      startsAt: new Date(body.startsAt),
      loggedAt,
      receivedAt: now,
      receivedBy: principal.userId,
    });
    if (!claimed) {
      // A request with the same externalId committed while this one was checking: answer its result.
      const winner = await findMeeting(tx, accountId, body.externalId);
      if (!winner) throw new AppError('conflict', 'This meeting is being received by another request');
      return { ...winner.result, duplicate: true };
    }

    const rows = await lockCurrentEnrollments(tx, accountId, [
      ...resolved.direct,
      ...resolved.throughRecords,
    ]);
    const decisions = decideMeeting(
      resolved.facts,
      rows.map((row) => ({
        enrollmentId: row.id,
        contactId: row.contact_id,
        sequenceId: row.sequence_id,
        status: row.status,
        enrolledAt: row.enrolled_at,
        enrolledBy: row.enrolled_by,
        associatedDirectly: resolved.direct.has(row.contact_id),
      })),
      now,
    );
    const counting = decisions.flatMap((d) =>
      d.unenroll && d.detail ? [{ id: d.enrollmentId, detail: d.detail }] : [],
    );
    const data = { meetingId, externalId: body.externalId, source: body.source, startsAt: body.startsAt };
    // The meeting counts for these enrollments: a `meeting` engagement each (performance) and a
    // `meeting_booked` event on their timelines.
    await recordEngagements(tx, {
      enrollmentIds: counting.map(({ id }) => id),
      type: EngagementType.meeting,
      sourceRef: meetingId,
      occurredAt: loggedAt,
    });
    await appendEvents(
      tx,
      counting.map(({ id, detail }) => ({
        accountId,
        enrollmentId: id,
        type: EventType.meetingBooked,
        by: { type: ActorType.system, id: null },
        detail,
        data,
      })),
      now,
    );
    const unenrolled = new Set(
      await unenrollEach(
        tx,
        accountId,
        counting.map(({ id, detail }) => ({
          id,
          cause: {
            reason: UnenrollReason.meetingBooked,
            at: now,
            by: { type: ActorType.system, id: null },
            detail,
            data: { meetingId, externalId: body.externalId },
          },
        })),
      ),
    );
    const result = {
      meetingId,
      externalId: body.externalId,
      unenrolled: unenrolled.size,
      decisions: decisions.map((d) => ({
        enrollmentId: d.enrollmentId,
        contactId: d.contactId,
        sequenceId: d.sequenceId,
        outcome: d.outcome,
        unenrolled: unenrolled.has(d.enrollmentId),
      })),
    };
    await storeMeetingResult(tx, meetingId, result);
    return { ...result, duplicate: false };
  });
}
