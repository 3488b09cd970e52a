import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { simpleParser } from 'mailparser';
import { registerBatch } from './batch';
import type {
  LoggedRequest,
  Operation,
  StandInContext,
  StandInOptions,
  GraphFailure,
  ThrottleRule,
} from './context';
import { registerControlRoutes } from './control-routes';
import { registerDeltaRoutes } from './delta-routes';
import { addresses, graphError } from './graph-json';
import { identityPlatform } from './identity';
import { registerMailRoutes, type SendingFaults } from './mail-routes';
import { requestLog } from './request-log';
import { MailboxStore, type FolderName, type Mailbox, type StoredMessage } from './store';
import { changeNotifications, type SubscriptionRecord } from './subscriptions';
import { onDemandFailures } from './throttling';
import { standInTls } from './tls';

export type { GraphFailure, LoggedRequest, Operation, StandInOptions, ThrottleRule } from './context';

/**
 * A stand-in for Microsoft Graph and the Microsoft identity platform, for tests and for
 * trying the product without a tenant: the calls the connector makes, to their documented
 * contract, over HTTPS, with mailboxes kept in memory; this file puts its parts together.
 *
 * - Identity platform: OpenID discovery, the client-credentials token endpoint (secret or
 *   certificate assertion) and the admin-consent endpoint, which answers at once as if the
 *   admin had accepted (learn.microsoft.com/graph/auth-v2-service).
 * - Graph v1.0: `sendMail` with base64 MIME (the copy lands in Sent Items), messages of a
 *   folder with `$filter=internetMessageId eq '…'`, `messages/delta` with `changeType`,
 *   `$filter=receivedDateTime ge|gt`, `Prefer: odata.maxpagesize`, `@odata.nextLink` /
 *   `@odata.deltaLink` state tokens and 410 for a lost sync state, `$value`, and
 *   `subscriptions` (validation handshake on both URLs, change and lifecycle notifications),
 *   and JSON batching (`$batch`) of any of these.
 * - On demand: throttling (429/503 with `Retry-After`), a failing mailbox or tenant, a send
 *   accepted but unanswered, artificial latency.
 */

export interface GraphStandIn {
  /** The HTTPS origin: the authority host and the root of `/v1.0`. */
  url: string;
  authorityHost: string;
  baseUrl: string;
  /** The certificate to trust (PEM). */
  ca: string;
  store: MailboxStore;
  addMailbox(input: {
    userPrincipalName: string;
    id?: string;
    displayName?: string;
    tenantId?: string;
  }): Mailbox;
  /** Puts a raw RFC 5322 message into a folder, as Exchange delivers it; notifies subscribers. */
  deliver(user: string, raw: string | Buffer, folder?: FolderName): Promise<StoredMessage>;
  messages(user: string, folder: FolderName): StoredMessage[];
  throttle(rule: ThrottleRule): void;
  /** Every Graph call for this mailbox answers this failure (null: stop). */
  failMailbox(user: string, failure: GraphFailure | null): void;
  /** The token endpoint refuses this tenant (invalid_client) while on. */
  failTenant(tenantId: string, on: boolean): void;
  /** The next `times` sendMail requests are carried out, then answered 504 (no answer to the client). */
  failAfterAccept(times: number): void;
  /** sendMail refuses these recipients (400 ErrorInvalidRecipients). */
  rejectRecipient(address: string): void;
  /** Every delta token of the mailbox becomes invalid (410). */
  invalidateDeltaTokens(user: string): void;
  setLatency(ms: number): void;
  /** Deliver notifications to this origin instead of the one in their URL (see `notificationOrigin`). */
  setNotificationOrigin(origin: string | undefined): void;
  /** Sends a lifecycle notification (reauthorizationRequired, subscriptionRemoved, missed). */
  lifecycle(
    subscriptionId: string,
    event: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
  ): Promise<number>;
  subscriptions(): SubscriptionRecord[];
  /** Change notifications sent, with the receiver's status. */
  notifications: { subscriptionId: string; url: string; status: number | string }[];
  requests: LoggedRequest[];
  /** The most Graph requests that were in flight at once for a mailbox, by operation. */
  maxInFlight(user: string, operation: Operation): number;
  tokensIssued(): number;
  close(): Promise<void>;
}

export async function startGraphStandIn(options: StandInOptions): Promise<GraphStandIn> {
  const now = options.now ?? (() => new Date());
  const tls = options.tls ?? (await standInTls(options.tlsDir));
  const store = new MailboxStore(now);
  const faults: SendingFaults = { rejected: new Set<string>(), acceptThenFail: 0 };
  let latencyMs = 0;

  const app = Fastify({
    logger: false,
    https: { key: tls.key, cert: tls.cert },
    bodyLimit: 150 * 1024 * 1024,
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  let origin = '';
  const mailboxOf = (user: string): Mailbox | undefined =>
    store.find(user) ??
    (options.autoCreateMailboxes && user.includes('@') ? store.add({ userPrincipalName: user }) : undefined);

  const identity = identityPlatform(options);
  const failures = onDemandFailures(store, mailboxOf);
  const log = requestLog(app, store);
  const notifications = changeNotifications(options, now);
  app.addHook('preHandler', async () => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  });
  const ctx: StandInContext = {
    app,
    options,
    now,
    store,
    origin: () => origin,
    mailboxOf,
    authorised: identity.authorised,
    intercepted: failures.intercepted,
    track: log.track,
    notify: notifications.notify,
  };

  identity.register(ctx);
  registerMailRoutes(ctx, faults);
  registerDeltaRoutes(ctx);
  registerBatch(app, {
    authorised: identity.authorised,
    intercepted: (reply) => failures.intercepted(reply, 'batch'),
    track: (request) => log.track(request, 'batch'),
    error: graphError,
  });
  notifications.register(ctx);
  registerControlRoutes(app, () => standIn);

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  origin = `https://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const standIn: GraphStandIn = {
    url: origin,
    authorityHost: origin,
    baseUrl: `${origin}/v1.0`,
    ca: tls.cert,
    store,
    addMailbox: (input) => store.add(input),
    async deliver(user, raw, folder = 'inbox') {
      const mailbox = store.find(user) ?? store.add({ userPrincipalName: user });
      const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
      const parsed = await simpleParser(bytes);
      const message = store.put(mailbox, folder, {
        mime: bytes,
        internetMessageId: parsed.messageId ?? null,
        subject: parsed.subject ?? '',
        from: addresses(parsed.from)[0] ?? null,
        to: addresses(parsed.to),
        cc: addresses(parsed.cc),
        sentDateTime: (parsed.date ?? now()).toISOString(),
      });
      notifications.notify(mailbox, message);
      return message;
    },
    messages(user, folder) {
      return (store.find(user)?.messages ?? []).filter((message) => message.folder === folder);
    },
    throttle(rule) {
      failures.throttles.push({ ...rule });
    },
    failMailbox(user, failure) {
      const mailbox = store.find(user) ?? store.add({ userPrincipalName: user });
      if (failure) failures.failingMailboxes.set(mailbox.id, failure);
      else failures.failingMailboxes.delete(mailbox.id);
    },
    failTenant(tenantId, on) {
      if (on) identity.failingTenants.add(tenantId);
      else identity.failingTenants.delete(tenantId);
    },
    failAfterAccept(times) {
      faults.acceptThenFail = times;
    },
    rejectRecipient(address) {
      faults.rejected.add(address.toLowerCase());
    },
    invalidateDeltaTokens(user) {
      const mailbox = store.find(user);
      if (mailbox) mailbox.generation += 1;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setNotificationOrigin(value) {
      notifications.setNotificationOrigin(value);
    },
    lifecycle: notifications.lifecycle,
    subscriptions: () => [...notifications.subscriptions.values()],
    notifications: notifications.notifications,
    requests: log.requests,
    maxInFlight: log.maxInFlight,
    tokensIssued: identity.issued,
    close: () => app.close(),
  };
  return standIn;
}
