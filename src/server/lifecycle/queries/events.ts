import type { EventType } from '../../../shared/enums';
import { insertEvents } from './fragments';
import type { Actor, LifecycleTx } from '../transaction';

/** One entry of an enrollment's audit trail (E4). */
export interface NewEvent {
  accountId: string;
  enrollmentId: string;
  type: EventType;
  by: Actor;
  detail?: string | null;
  data?: Record<string, unknown>;
}

export function eventsJson(events: NewEvent[]): string {
  return JSON.stringify(
    events.map((event) => ({
      account_id: event.accountId,
      enrollment_id: event.enrollmentId,
      type: event.type,
      by_type: event.by.type,
      by_id: event.by.id,
      detail: event.detail ?? null,
      data: event.data ?? {},
    })),
  );
}

/**
 * Appends events that record something that happened to an enrollment without changing
 * its state (a task completed, a meeting booked, an auto-reply noted), in one statement,
 * in array order.
 */
export async function appendEvents(tx: LifecycleTx, events: NewEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await tx.query(insertEvents('$1::jsonb', '$2::timestamptz'), [eventsJson(events), at]);
}
