import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps';
import { markDue } from './queries/claims';
import { subscriptionLifecycle, subscriptionsByIds } from './queries/subscriptions';

/** The channel on which the mailbox workers hear that a mailbox became due (NOTIFY on PostgreSQL). */
export const MAILBOXES_DUE_CHANNEL = 'sales_tools_mailboxes_due';

/** One entry of a changeNotificationCollection (learn.microsoft.com/graph/api/resources/changenotification). */
export interface ChangeNotification {
  subscriptionId?: string;
  clientState?: string | null;
  changeType?: string;
  lifecycleEvent?: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed' | string;
}

export interface NotificationOutcome {
  accepted: number;
  /** Unknown subscription or wrong clientState: not from Graph, or not for us (ignored). */
  ignored: number;
}

function sameSecret(given: string | null | undefined, stored: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The notifications whose subscription is ours and whose clientState matches what we gave it. */
async function genuine(deps: Deps, items: ChangeNotification[]) {
  const ids = [
    ...new Set(
      items.flatMap((item) => (typeof item.subscriptionId === 'string' ? [item.subscriptionId] : [])),
    ),
  ];
  const known = new Map((await subscriptionsByIds(deps.db, ids)).map((row) => [row.subscription_id, row]));
  const valid: (ChangeNotification & { subscriptionId: string; mailboxId: string })[] = [];
  for (const item of items) {
    const subscription = item.subscriptionId ? known.get(item.subscriptionId) : undefined;
    // The clientState is the proof a notification comes from Graph (learn.microsoft.com/graph/
    // change-notifications-delivery-webhooks, "Processing the change notification").
    if (subscription && sameSecret(item.clientState, subscription.client_state))
      valid.push({
        ...item,
        subscriptionId: subscription.subscription_id,
        mailboxId: subscription.mailbox_id,
      });
  }
  return { valid, ignored: items.length - valid.length };
}

/**
 * Change notifications: each genuine one makes its mailbox due now; the delta query then reads
 * what changed (a notification is a hint, never the data: nothing is lost if one is missed).
 */
export async function takeChangeNotifications(
  deps: Deps,
  items: ChangeNotification[],
): Promise<NotificationOutcome> {
  const { valid, ignored } = await genuine(deps, items);
  if (valid.length > 0) {
    await markDue(deps.db, { mailboxIds: valid.map((item) => item.mailboxId) }, deps.clock.now());
    await deps.db.notify(MAILBOXES_DUE_CHANNEL);
  }
  return { accepted: valid.length, ignored };
}

/**
 * Lifecycle notifications (learn.microsoft.com/graph/change-notifications-lifecycle-events):
 * `reauthorizationRequired` → renew the subscription; `subscriptionRemoved` → create it again;
 * `missed` → read the folder again. Each makes the mailbox due now, and its sync does the rest.
 */
export async function takeLifecycleNotifications(
  deps: Deps,
  items: ChangeNotification[],
): Promise<NotificationOutcome> {
  const { valid, ignored } = await genuine(deps, items);
  if (valid.length === 0) return { accepted: 0, ignored };
  const now = deps.clock.now();
  await markDue(deps.db, { mailboxIds: valid.map((item) => item.mailboxId) }, now);
  await subscriptionLifecycle(
    deps.db,
    {
      removed: valid
        .filter((item) => item.lifecycleEvent === 'subscriptionRemoved')
        .map((item) => item.subscriptionId),
      reauthorize: valid
        .filter((item) => item.lifecycleEvent === 'reauthorizationRequired')
        .map((item) => item.subscriptionId),
    },
    now,
  );
  await deps.db.notify(MAILBOXES_DUE_CHANNEL);
  return { accepted: valid.length, ignored };
}
