import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { graphError } from './graph-json';
import type { Mailbox, MailboxStore, StoredMessage } from './store';
import type { TlsIdentity } from './tls';

export type Operation = 'token' | 'sendMail' | 'messages' | 'delta' | 'value' | 'subscriptions' | 'batch';

export interface ThrottleRule {
  operation?: Operation;
  /** A mailbox (id or userPrincipalName); any when omitted. */
  user?: string;
  /** How many requests get the answer. */
  times: number;
  /** Let this many matching requests through first (e.g. 1: throttle the second delta page). */
  after?: number;
  status?: 429 | 503;
  retryAfterSeconds?: number;
}

export interface GraphFailure {
  status: number;
  code: string;
  message: string;
}

export interface StandInOptions {
  port?: number;
  host?: string;
  clientId: string;
  clientSecret?: string;
  /** The app's certificate (PEM): client assertions are verified against it. */
  clientCertificate?: string;
  /** Create a mailbox the first time a user is named (else Graph's 404 ErrorInvalidUser). */
  autoCreateMailboxes?: boolean;
  /** Deliver notifications addressed to any origin to this one (e.g. http://localhost:3000). */
  notificationOrigin?: string;
  /** Keep the certificate here across restarts. */
  tlsDir?: string;
  tls?: TlsIdentity;
  /** The stand-in's notion of now (receivedDateTime, expiries); tests pass their clock. */
  now?: () => Date;
}

export interface LoggedRequest {
  method: string;
  operation: Operation | 'other';
  user?: string;
  url: string;
  status: number;
}

/** What the stand-in's parts share: the app, the mailboxes, and the checks every Graph call makes. */
export interface StandInContext {
  app: FastifyInstance;
  options: StandInOptions;
  now: () => Date;
  store: MailboxStore;
  /** The HTTPS origin, once listening. */
  origin(): string;
  mailboxOf(user: string): Mailbox | undefined;
  /** The caller's tenant, or undefined once a 401 is sent. */
  authorised(request: FastifyRequest, reply: FastifyReply): string | undefined;
  /** Throttling and failures on demand; true when the request was answered here. */
  intercepted(reply: FastifyReply, operation: Operation, user?: string): boolean;
  track(request: FastifyRequest, operation: Operation | 'other', user?: string): void;
  /** Change notifications for a message created in a folder. */
  notify(mailbox: Mailbox, message: StoredMessage): void;
}

/**
 * What every mailbox call does first: logged, the token checked, throttling and failures on
 * demand, then the mailbox (Graph's 404 `ErrorInvalidUser` when there is none). Undefined once
 * the request has been answered.
 */
export function mailboxFor(
  ctx: StandInContext,
  request: FastifyRequest,
  reply: FastifyReply,
  operation: Operation,
  user: string,
): Mailbox | undefined {
  ctx.track(request, operation, user);
  if (!ctx.authorised(request, reply) || ctx.intercepted(reply, operation, user)) return undefined;
  const mailbox = ctx.mailboxOf(user);
  if (!mailbox) void graphError(reply, 404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
  return mailbox;
}
