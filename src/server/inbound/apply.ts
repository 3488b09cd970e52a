import { ActorType, EngagementType, EventType, UnenrollReason } from '../../shared/enums';
import { markContactsBounced } from '../contacts/queries';
import { recordEngagements } from '../engagements/queries';
import type { InboundDecision } from '../engine/inbound/facts';
import { appendEvents, pause, unenrollEach, type LifecycleTx } from '../lifecycle';
import { contactsOfEnrollments, recordAddressBounces } from './queries';
import type { InboundAction } from './queries';

const SYSTEM = { type: ActorType.system, id: null };

type Decision<T extends InboundDecision['type']> = Extract<InboundDecision, { type: T }>;

function ofType<T extends InboundDecision['type']>(decisions: InboundDecision[], type: T): Decision<T>[] {
  return decisions.filter((decision): decision is Decision<T> => decision.type === type);
}

/**
 * Carries out the rules' decisions in the caller's transaction and reports what changed,
 * set-based: one statement per kind of write, whatever the number of decisions.
 * Unenrollments and pauses go through the lifecycle, by the system, with the message
 * named in `detail`.
 */
export async function applyDecisions(
  tx: LifecycleTx,
  input: { accountId: string; inboundId: string; sourceRef: string; decisions: InboundDecision[]; now: Date },
): Promise<InboundAction[]> {
  const { accountId, decisions, now } = input;
  const actions: InboundAction[] = [];

  const bounces = ofType(decisions, 'record_bounce');
  await recordAddressBounces(tx, accountId, input.inboundId, bounces, now);
  await markContactsBounced(
    tx,
    bounces.filter((b) => b.refuse).flatMap((b) => b.contactIds),
    now,
  );
  actions.push(
    ...bounces.map((b): InboundAction => ({
      type: 'bounce_recorded',
      address: b.address,
      severity: b.severity,
      addressRefused: b.refuse,
    })),
  );

  const replies = [...new Set(ofType(decisions, 'record_reply').map((d) => d.enrollmentId))];
  await recordEngagements(tx, {
    enrollmentIds: replies,
    type: EngagementType.reply,
    sourceRef: input.sourceRef,
    occurredAt: now,
  });
  actions.push(...replies.map((enrollmentId): InboundAction => ({ type: 'reply_recorded', enrollmentId })));

  const unenrolls = ofType(decisions, 'unenroll');
  const pauses = ofType(decisions, 'pause');
  const contacts = await contactsOfEnrollments(
    tx,
    [...unenrolls, ...pauses].map((d) => d.enrollmentId),
  );
  const unenrolled = new Set(
    await unenrollEach(
      tx,
      accountId,
      unenrolls.map((d) => ({
        id: d.enrollmentId,
        cause: { reason: d.reason, at: now, by: SYSTEM, detail: d.detail },
      })),
    ),
  );
  await recordEngagements(tx, {
    enrollmentIds: unenrolls
      .filter((d) => d.reason === UnenrollReason.bounced && unenrolled.has(d.enrollmentId))
      .map((d) => d.enrollmentId),
    type: EngagementType.bounce,
    sourceRef: input.sourceRef,
    occurredAt: now,
  });
  const reported = new Set<string>();
  for (const d of unenrolls) {
    if (!unenrolled.has(d.enrollmentId) || reported.has(d.enrollmentId)) continue;
    reported.add(d.enrollmentId);
    actions.push({
      type: 'unenrolled',
      enrollmentId: d.enrollmentId,
      contactId: contacts.get(d.enrollmentId) ?? '',
      reason: d.reason,
    });
  }

  // A13: each pause lasts until its own date, in the enrolling user's time zone.
  for (const d of pauses) {
    const paused = await pause(
      tx,
      accountId,
      [d.enrollmentId],
      { until: { localDate: d.until }, by: SYSTEM, detail: d.detail, data: { until: d.until } },
      now,
    );
    if (paused.length > 0) {
      actions.push({
        type: 'paused',
        enrollmentId: d.enrollmentId,
        contactId: contacts.get(d.enrollmentId) ?? '',
        until: d.until,
      });
    }
  }

  const notes = ofType(decisions, 'note_auto_reply');
  await appendEvents(
    tx,
    notes.map((d) => ({
      accountId,
      enrollmentId: d.enrollmentId,
      type: EventType.autoReplyReceived,
      by: SYSTEM,
      detail: d.detail,
    })),
    now,
  );
  actions.push(
    ...notes.map((d): InboundAction => ({ type: 'auto_reply_noted', enrollmentId: d.enrollmentId })),
  );
  return actions;
}
