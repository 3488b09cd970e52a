import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps';
import { classifySyncFailure } from '../engine/graph/graph-failure';
import {
  deltaStart,
  nextSyncAfterFailure,
  nextSyncAfterSuccess,
  nextSyncAfterThrottling,
  subscriptionExpiry,
  subscriptionNeedsRenewal,
} from '../engine/graph/mailbox-schedule';
import { GraphError, graphFailureOf, MailFolder, type GraphClient } from '../graph';
import { ingestPage } from './ingest-page';
import { takeSentItems } from './manual-email';
import type { ClaimedMailbox, SyncOutcome } from './queries/claims';
import { recordConnectionError, recordConnectionOk } from './queries/connection';
import { renewedSubscription, storeSubscription } from './queries/subscriptions';
import { mailboxFolders, storeCursor, type FolderName, type FolderRow } from './queries/sync-state';
import { LIFECYCLE_PATH, NOTIFICATION_PATH } from './webhook-routes';

/** Read in this order: replies and bounces first, then the rep's own mail. */
export const SYNCED_FOLDERS: FolderName[] = [MailFolder.inbox, MailFolder.junk, MailFolder.sent];

export interface SyncSettings {
  pollMs: number;
  leaseMs: number;
  /** Keep change-notification subscriptions (PUBLIC_URL is HTTPS). */
  notifications: boolean;
  publicUrl: string;
}

export interface SyncLogger {
  warn(object: object, message?: string): void;
}

export interface SyncReport {
  outcome: SyncOutcome;
  /** Messages handed to the inbound pipeline, and rep's messages recorded. */
  ingested: number;
  manual: number;
}

class LeaseLost extends Error {}

/** Creates each folder's subscription, or renews it before it expires. Failures leave polling to do the work. */
async function keepSubscriptions(
  deps: Deps,
  graph: GraphClient,
  mailbox: ClaimedMailbox,
  folders: Map<string, FolderRow>,
  settings: SyncSettings,
  log: SyncLogger,
): Promise<void> {
  for (const folder of SYNCED_FOLDERS) {
    const row = folders.get(folder);
    const now = deps.clock.now();
    try {
      if (row?.subscription_id && !subscriptionNeedsRenewal(row.subscription_expires_at, now)) continue;
      if (row?.subscription_id) {
        try {
          const renewed = await graph.renewSubscription(
            mailbox.tenant_id,
            row.subscription_id,
            subscriptionExpiry(now),
          );
          await renewedSubscription(deps.db, row.subscription_id, new Date(renewed.expirationDateTime), now);
          continue;
        } catch (error: unknown) {
          // Gone (expired, removed): make a new one below.
          if (!(error instanceof GraphError && error.facts.status === 404)) throw error;
        }
      }
      const clientState = randomBytes(32).toString('base64url');
      const created = await graph.createSubscription(mailbox.tenant_id, {
        user: mailbox.graph_user,
        folder: folder as MailFolder,
        notificationUrl: `${settings.publicUrl}${NOTIFICATION_PATH}`,
        lifecycleNotificationUrl: `${settings.publicUrl}${LIFECYCLE_PATH}`,
        clientState,
        expiresAt: subscriptionExpiry(now),
      });
      await storeSubscription(
        deps.db,
        {
          mailboxId: mailbox.id,
          folder,
          id: created.id,
          clientState,
          expiresAt: new Date(created.expirationDateTime),
        },
        now,
      );
    } catch (error: unknown) {
      log.warn(
        { mailboxId: mailbox.id, folder, err: error },
        'no change notifications for this folder; polling it',
      );
    }
  }
}

/**
 * One delta round of one folder, page by page (learn.microsoft.com/graph/delta-query-messages):
 * each page's messages are taken, then its `@odata.nextLink` — or, on the last page, its
 * `@odata.deltaLink` — is stored. A restart goes on from the stored link; a page read twice
 * (a crash before its link was stored) is harmless, as ingestion is idempotent by Message-ID.
 */
async function syncFolder(
  deps: Deps,
  graph: GraphClient,
  mailbox: ClaimedMailbox,
  folder: FolderName,
  row: FolderRow | undefined,
  context: { token: string; settings: SyncSettings; log: SyncLogger; report: SyncReport },
): Promise<void> {
  let url =
    row?.cursor ??
    graph.initialDeltaUrl(
      mailbox.graph_user,
      folder as MailFolder,
      deltaStart(mailbox.sync_from, mailbox.last_synced_at),
    );
  for (;;) {
    const page = await graph.deltaPage(mailbox.tenant_id, url);
    const created = page.messages.filter((message) => !message['@removed']);
    if (folder === MailFolder.sent) context.report.manual += await takeSentItems(deps, mailbox, created);
    else context.report.ingested += await ingestPage(deps, graph, mailbox, created, context.log);
    const next = page.nextLink ?? page.deltaLink;
    const stored = await storeCursor(
      deps.db,
      {
        mailboxId: mailbox.id,
        folder,
        cursor: next ?? null,
        kind: page.nextLink ? 'next' : next ? 'delta' : null,
        token: context.token,
        leaseUntil: new Date(deps.clock.now().getTime() + context.settings.leaseMs),
      },
      deps.clock.now(),
    );
    if (!stored) throw new LeaseLost(`lost the lease on mailbox ${mailbox.id}`);
    if (!page.nextLink) return;
    url = page.nextLink;
  }
}

/**
 * Reads one claimed mailbox: keeps its subscriptions (when notifications are on), then runs a
 * delta round on Inbox, Junk and Sent Items. Throttling postpones the mailbox by what Graph
 * asked; a lost sync state (410) restarts that folder's round; anything else marks the mailbox
 * failing, retried with backoff — and a token refused marks the whole connection failing.
 */
export async function syncMailbox(
  deps: Deps,
  graph: GraphClient,
  mailbox: ClaimedMailbox,
  context: { token: string; settings: SyncSettings; log: SyncLogger },
): Promise<SyncReport> {
  const { settings } = context;
  const report: SyncReport = {
    outcome: { kind: 'synced', nextAt: nextSyncAfterSuccess(deps.clock.now(), settings.pollMs) },
    ingested: 0,
    manual: 0,
  };
  let folder: FolderName = SYNCED_FOLDERS[0];
  try {
    const folders = new Map((await mailboxFolders(deps.db, mailbox.id)).map((row) => [row.folder, row]));
    if (settings.notifications) await keepSubscriptions(deps, graph, mailbox, folders, settings, context.log);
    for (folder of SYNCED_FOLDERS) {
      try {
        await syncFolder(deps, graph, mailbox, folder, folders.get(folder), { ...context, report });
      } catch (error: unknown) {
        // Graph lost the folder's sync state (410 Gone): start its round again, once.
        if (!(error instanceof GraphError && classifySyncFailure(error.facts).kind === 'resync')) throw error;
        context.log.warn(
          { mailboxId: mailbox.id, folder },
          'delta state lost (410); starting the round again',
        );
        await syncFolder(deps, graph, mailbox, folder, undefined, { ...context, report });
      }
    }
    await recordConnectionOk(deps.db, [mailbox.account_id], deps.clock.now());
    report.outcome = { kind: 'synced', nextAt: nextSyncAfterSuccess(deps.clock.now(), settings.pollMs) };
  } catch (error: unknown) {
    if (error instanceof LeaseLost) throw error;
    const now = deps.clock.now();
    const facts = graphFailureOf(error);
    const failure =
      error instanceof GraphError
        ? classifySyncFailure(facts)
        : { kind: 'failed' as const, message: facts.message };
    if (failure.kind === 'throttled') {
      report.outcome = {
        kind: 'throttled',
        nextAt: nextSyncAfterThrottling(now, failure.retryAfterMs, settings.pollMs),
        message: facts.message,
      };
    } else {
      const message =
        failure.kind === 'failed' ? failure.message : `the sync state was lost twice: ${facts.message}`;
      if (facts.source === 'token') await recordConnectionError(deps.db, mailbox.account_id, message, now);
      report.outcome = {
        kind: 'failed',
        nextAt: nextSyncAfterFailure(now, mailbox.failures + 1, settings.pollMs),
        message: `${folder}: ${message}`,
      };
    }
  }
  return report;
}

export { LeaseLost };
