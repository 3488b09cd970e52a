import { ActorType, EventType, type UnenrollReason } from '../../shared/enums';
import type { Queryable } from '../db/port';
import type { InboundDecision } from '../engine/inbound/facts';
import { unenrollMatching } from '../enrollments/unenroll-queries';
import type { InboundAction } from './store';

const SYSTEM = { type: ActorType.system, id: null };

type Decision<T extends InboundDecision['type']> = Extract<InboundDecision, { type: T }>;

function ofType<T extends InboundDecision['type']>(decisions: InboundDecision[], type: T): Decision<T>[] {
  return decisions.filter((decision): decision is Decision<T> => decision.type === type);
}

async function contactsOf(db: Queryable, enrollmentIds: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; contact_id: string }>(
    'SELECT id, contact_id FROM enrollments WHERE id = ANY($1::uuid[])',
    [enrollmentIds],
  );
  return new Map(rows.map((row) => [row.id, row.contact_id]));
}

/** Engagements feed the sequence's performance; unique per (enrollment, type, source). */
async function recordEngagements(
  db: Queryable,
  enrollmentIds: string[],
  type: 'reply' | 'bounce',
  sourceRef: string,
  now: Date,
): Promise<void> {
  if (enrollmentIds.length === 0) return;
  await db.query(
    `INSERT INTO engagements (account_id, enrollment_id, sequence_id, contact_id, type, source_ref, occurred_at)
     SELECT account_id, id, sequence_id, contact_id, $2::text, $3::text, $4::timestamptz
     FROM enrollments WHERE id = ANY($1::uuid[])
     ON CONFLICT (enrollment_id, type, source_ref) DO NOTHING`,
    [enrollmentIds, type, sourceRef, now],
  );
}

async function appendSystemEvents(
  db: Queryable,
  enrollmentIds: string[],
  type: string,
  detail: string,
  now: Date,
) {
  if (enrollmentIds.length === 0) return;
  await db.query(
    `INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail)
     SELECT account_id, id, $2::text, $3::timestamptz, 'system', NULL, $4::text FROM enrollments WHERE id = ANY($1::uuid[])`,
    [enrollmentIds, type, now, detail],
  );
}

/**
 * Pauses active enrollments until the start of `until` (a date) in the time zone
 * of the user who enrolled them — the worker resumes them then (A13).
 */
async function pauseUntil(db: Queryable, decision: Decision<'pause'>, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE enrollments e
     SET status = 'paused', paused_at = $2::timestamptz, updated_at = $2::timestamptz,
         paused_until = ($3::date)::timestamp AT TIME ZONE coalesce((SELECT time_zone FROM users WHERE id = e.enrolled_by), 'UTC')
     WHERE e.id = $1::uuid AND e.status = 'active'`,
    [decision.enrollmentId, now, decision.until],
  );
  if (rowCount === 0) return false;
  await db.query(
    `INSERT INTO enrollment_events (account_id, enrollment_id, type, at, by_type, by_id, detail, data)
     SELECT account_id, id, $2::text, $3::timestamptz, 'system', NULL, $4::text, jsonb_build_object('until', $5::text)
     FROM enrollments WHERE id = $1::uuid`,
    [decision.enrollmentId, EventType.paused, now, decision.detail, decision.until],
  );
  return true;
}

async function recordBounce(
  db: Queryable,
  accountId: string,
  decision: Decision<'record_bounce'>,
  inboundId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO address_bounces (account_id, address_lower, severity, status, diagnostic, inbound_message_id, occurred_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::uuid, $7::timestamptz)`,
    [accountId, decision.address, decision.severity, decision.status, decision.diagnostic, inboundId, now],
  );
  if (!decision.refuse) return;
  await db.query(
    `INSERT INTO bounced_addresses (account_id, address_lower, bounced_at, reason)
     VALUES ($1::uuid, $2::text, $3::timestamptz, $4::text) ON CONFLICT (account_id, address_lower) DO NOTHING`,
    [accountId, decision.address, now, decision.status ?? decision.severity],
  );
  await db.query(
    `UPDATE contacts SET bounced_at = coalesce(bounced_at, $2::timestamptz), updated_at = $2::timestamptz
     WHERE id = ANY($1::uuid[])`,
    [decision.contactIds, now],
  );
}

/**
 * Carries out the rules' decisions in the caller's transaction and reports what
 * changed. Unenrollments go through the one set-based unenroll statement, by
 * system, with the message named in `detail`.
 */
export async function applyDecisions(
  db: Queryable,
  input: { accountId: string; inboundId: string; sourceRef: string; decisions: InboundDecision[]; now: Date },
): Promise<InboundAction[]> {
  const { accountId, decisions, now } = input;
  const actions: InboundAction[] = [];

  for (const decision of ofType(decisions, 'record_bounce')) {
    await recordBounce(db, accountId, decision, input.inboundId, now);
    actions.push({
      type: 'bounce_recorded',
      address: decision.address,
      severity: decision.severity,
      addressRefused: decision.refuse,
    });
  }

  const replies = [...new Set(ofType(decisions, 'record_reply').map((d) => d.enrollmentId))];
  await recordEngagements(db, replies, 'reply', input.sourceRef, now);
  actions.push(...replies.map((enrollmentId): InboundAction => ({ type: 'reply_recorded', enrollmentId })));

  const unenrolls = ofType(decisions, 'unenroll');
  const groups = new Map<string, { reason: UnenrollReason; detail: string; ids: string[] }>();
  for (const decision of unenrolls) {
    const key = `${decision.reason}\n${decision.detail}`;
    const group = groups.get(key) ?? { reason: decision.reason, detail: decision.detail, ids: [] };
    group.ids.push(decision.enrollmentId);
    groups.set(key, group);
  }
  const contacts = await contactsOf(
    db,
    [...unenrolls, ...ofType(decisions, 'pause')].map((d) => d.enrollmentId),
  );
  for (const group of groups.values()) {
    const { unenrolledIds } = await unenrollMatching(
      db,
      accountId,
      { kind: 'ids', ids: group.ids },
      {
        reason: group.reason,
        at: now,
        by: SYSTEM,
        detail: group.detail,
      },
    );
    if (group.reason === 'bounced')
      await recordEngagements(db, unenrolledIds, 'bounce', input.sourceRef, now);
    actions.push(
      ...unenrolledIds.map((enrollmentId): InboundAction => ({
        type: 'unenrolled',
        enrollmentId,
        contactId: contacts.get(enrollmentId) ?? '',
        reason: group.reason,
      })),
    );
  }

  for (const decision of ofType(decisions, 'pause')) {
    if (await pauseUntil(db, decision, now)) {
      actions.push({
        type: 'paused',
        enrollmentId: decision.enrollmentId,
        contactId: contacts.get(decision.enrollmentId) ?? '',
        until: decision.until,
      });
    }
  }

  for (const decision of ofType(decisions, 'note_auto_reply')) {
    await appendSystemEvents(db, [decision.enrollmentId], EventType.autoReplyReceived, decision.detail, now);
    actions.push({ type: 'auto_reply_noted', enrollmentId: decision.enrollmentId });
  }
  return actions;
}
