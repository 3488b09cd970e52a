import { randomBytes } from 'node:crypto';
import {
  MailboxState,
  MailConnectionState,
  type ChooseMailboxesBody,
  type MailConnection,
} from '../../shared/schemas';
import type { Principal } from '../auth/claims';
import type { Deps } from '../deps';
import { graphUserOf } from '../engine/graph/graph-user';
import { graphFailureOf, type GraphClient } from '../graph';
import { AppError } from '../http/errors';
import {
  connectionByConsentState,
  disconnect,
  findConnection,
  recordConnectionError,
  recordConsent,
  requestConsent,
} from './queries/connection';
import {
  accountMailboxes,
  followSeats,
  insertMailboxes,
  selectMailboxes,
  usersWithoutMailbox,
  type AccountUserMailbox,
} from './queries/mailboxes';

/** Where the identity platform sends the admin back after consent (a redirect URI of the app registration). */
export const CONSENT_CALLBACK_PATH = '/graph/consent';
/** A consent request is good for an hour. */
const CONSENT_TTL_MS = 60 * 60_000;
/** A newly connected mailbox's first round reads the last day's mail: replies that came just before. */
const FIRST_ROUND_LOOKBACK_MS = 24 * 60 * 60_000;

function requireGraph(deps: Deps): GraphClient {
  if (!deps.graph)
    throw new AppError(
      'conflict',
      'Microsoft 365 is not configured on this server: set GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (README)',
    );
  return deps.graph;
}

function mailboxState(row: AccountUserMailbox): MailboxState {
  if (!row.mailbox_id || !row.enabled) return MailboxState.off;
  if (row.status === 'failing') return MailboxState.failing;
  return row.last_synced_at ? MailboxState.active : MailboxState.waiting;
}

const errorNote = (message: string | null, at: Date | null) =>
  message && at ? { message, at: at.toISOString() } : null;

/** GET /account/mail-connection: the connection, and every user's mailbox. */
export async function connectionState(deps: Deps, accountId: string): Promise<MailConnection> {
  const { config } = deps;
  const connection = await findConnection(deps.db, accountId);
  const users = await accountMailboxes(deps.db, accountId);
  let state: MailConnectionState = MailConnectionState.notConnected;
  if (connection?.status === 'pending') state = MailConnectionState.pending;
  if (connection?.status === 'connected') state = MailConnectionState.connected;
  if (connection?.status === 'failing') state = MailConnectionState.failing;
  return {
    provider: 'microsoft_graph',
    configured: Boolean(deps.graph),
    state,
    consentedAt: connection?.consented_at?.toISOString() ?? null,
    lastSuccessAt: connection?.last_ok_at?.toISOString() ?? null,
    lastError: errorNote(connection?.last_error ?? null, connection?.last_error_at ?? null),
    sending: !deps.graph
      ? 'mail_transport'
      : config.mailTransport === 'graph'
        ? 'graph'
        : 'graph_when_connected',
    notifications: config.graph.notifications,
    pollSeconds: config.graph.pollSeconds,
    mailboxSelection: connection?.mailbox_selection ?? 'sales_seats',
    mailboxes: users.map((row) => ({
      userId: row.user_id,
      email: row.email,
      name: row.name,
      seat: row.seat,
      state:
        state === MailConnectionState.connected || state === MailConnectionState.failing
          ? mailboxState(row)
          : MailboxState.off,
      lastSyncedAt: row.last_synced_at?.toISOString() ?? null,
      lastError: errorNote(row.last_error, row.last_error_at),
    })),
  };
}

/** POST /account/mail-connection/consent: a fresh admin-consent link for the account's tenant. */
export async function startConsent(
  deps: Deps,
  principal: Principal,
): Promise<{ consentUrl: string; redirectUri: string }> {
  const graph = requireGraph(deps);
  const state = randomBytes(24).toString('base64url');
  await requestConsent(
    deps.db,
    { accountId: principal.accountId, userId: principal.userId, state },
    deps.clock.now(),
  );
  const redirectUri = `${deps.config.publicUrl}${CONSENT_CALLBACK_PATH}`;
  return { consentUrl: graph.adminConsentUrl(principal.tenantId, redirectUri, state), redirectUri };
}

export interface ConsentAnswer {
  admin_consent?: string;
  tenant?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/**
 * The admin-consent callback: `?admin_consent=True&tenant=…&state=…`, or `?error=…` (learn.
 * microsoft.com/graph/auth-v2-service). Consent counts only for the request it answers (the
 * stored state, within the hour) and the account's own tenant; then a token is asked for, to
 * prove it, and the account's mailboxes are set up.
 */
export async function completeConsent(
  deps: Deps,
  answer: ConsentAnswer,
): Promise<{ connected: boolean; message: string }> {
  const graph = requireGraph(deps);
  const now = deps.clock.now();
  const connection = answer.state ? await connectionByConsentState(deps.db, answer.state) : undefined;
  if (
    !connection ||
    !connection.consent_requested_at ||
    now.getTime() - connection.consent_requested_at.getTime() > CONSENT_TTL_MS
  )
    return {
      connected: false,
      message: 'This consent link is unknown or has expired: ask for a new one in Sales Tools.',
    };
  if (answer.error || answer.admin_consent?.toLowerCase() !== 'true') {
    const message = `Consent was not given: ${answer.error_description ?? answer.error ?? 'no answer'}`;
    await recordConnectionError(deps.db, connection.account_id, message, now, { spendState: true });
    return { connected: false, message };
  }
  if (answer.tenant?.toLowerCase() !== connection.tenant_id.toLowerCase()) {
    const message = `Consent came from another organisation (${answer.tenant ?? 'none'}), not this account's (${connection.tenant_id})`;
    await recordConnectionError(deps.db, connection.account_id, message, now, { spendState: true });
    return { connected: false, message };
  }
  try {
    await graph.checkAccess(connection.tenant_id);
  } catch (error: unknown) {
    const message = `Consent was given, but no token could be obtained: ${graphFailureOf(error).message}`;
    await recordConnectionError(deps.db, connection.account_id, message, now, { spendState: true });
    return { connected: false, message };
  }
  await recordConsent(deps.db, connection.account_id, now);
  await ensureMailboxes(deps, { accountId: connection.account_id });
  return {
    connected: true,
    message: 'Microsoft 365 is connected: sequence email now leaves from each rep’s mailbox.',
  };
}

/**
 * Gives every user who should have a mailbox row one, and has mailboxes follow seats.
 * Run after consent, after a selection change, and by the sync workers now and then.
 */
export async function ensureMailboxes(
  deps: Pick<Deps, 'db' | 'clock'>,
  options: { accountId?: string; userIds?: string[] } = {},
): Promise<number> {
  const now = deps.clock.now();
  const users = await usersWithoutMailbox(deps.db, options);
  const created = await insertMailboxes(
    deps.db,
    users.map((user) => ({ accountId: user.account_id, userId: user.id, graphUser: graphUserOf(user) })),
    new Date(now.getTime() - FIRST_ROUND_LOOKBACK_MS),
    now,
  );
  await followSeats(deps.db, now);
  return created;
}

/** PUT /account/mail-connection/mailboxes: every sales seat, or the users picked. */
export async function chooseMailboxes(
  deps: Deps,
  principal: Principal,
  body: ChooseMailboxesBody,
): Promise<MailConnection> {
  const connection = await findConnection(deps.db, principal.accountId);
  if (!connection || connection.status === 'disconnected')
    throw new AppError('conflict', 'Connect Microsoft 365 first (POST /account/mail-connection/consent)');
  const userIds = body.selection === 'selected' ? (body.userIds ?? []) : [];
  await selectMailboxes(deps.db, principal.accountId, body.selection, userIds, deps.clock.now());
  await ensureMailboxes(deps, { accountId: principal.accountId, userIds });
  return connectionState(deps, principal.accountId);
}

/** DELETE /account/mail-connection: stop reading and sending through Graph (consent stays in Entra ID). */
export async function disconnectAccount(deps: Deps, principal: Principal): Promise<void> {
  await disconnect(deps.db, principal.accountId, deps.clock.now());
}
