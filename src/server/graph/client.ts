import { BATCH_LIMIT, batchOutcomes, type BatchRequest } from './batch';
import { GraphError } from './errors';
import { NoAnswerError, type HttpClient, type HttpResponse } from './http';
import type { GraphTokens } from './tokens';

/** The mail folders the connector reads, by their well-known names (learn.microsoft.com/graph/api/resources/mailfolder). */
export const MailFolder = { inbox: 'inbox', junk: 'junkemail', sent: 'sentitems' } as const;
export type MailFolder = (typeof MailFolder)[keyof typeof MailFolder];

interface Recipient {
  emailAddress?: { address?: string; name?: string };
}

/** The fields of a message the connector asks delta for. */
export interface DeltaMessage {
  id: string;
  internetMessageId?: string;
  subject?: string;
  from?: Recipient;
  toRecipients?: Recipient[];
  ccRecipients?: Recipient[];
  bccRecipients?: Recipient[];
  sentDateTime?: string;
  receivedDateTime?: string;
  '@removed'?: { reason: string };
}

export interface DeltaPage {
  messages: DeltaMessage[];
  /** More pages in this round. */
  nextLink?: string;
  /** The round is complete: where the next round starts. */
  deltaLink?: string;
}

export interface Subscription {
  id: string;
  expirationDateTime: string;
}

const SELECT = [
  'internetMessageId',
  'subject',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'sentDateTime',
  'receivedDateTime',
].join(',');

/** Messages per delta page (`Prefer: odata.maxpagesize`). */
export const DELTA_PAGE_SIZE = 50;

/**
 * The Microsoft Graph calls the connector makes, app-only (a token per tenant). Every failure
 * is a `GraphError` carrying the status, Graph's error code and any `Retry-After`.
 */
export class GraphClient {
  constructor(
    private readonly http: HttpClient,
    private readonly tokens: GraphTokens,
    private readonly settings: { baseUrl: string; authorityHost: string; clientId: string },
  ) {}

  private userPath(user: string): string {
    return `${this.settings.baseUrl}/users/${encodeURIComponent(user)}`;
  }

  private async call(
    tenantId: string,
    method: string,
    url: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpResponse> {
    // Only Graph's own origin ever gets our token: links come back from Graph, but they are data.
    if (new URL(url).origin !== new URL(this.settings.baseUrl).origin)
      throw new GraphError({ status: null, message: `refusing to follow a link outside Graph: ${url}` });
    const token = await this.tokens.token(tenantId);
    let response: HttpResponse;
    try {
      response = await this.http.request(method, url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...options.headers },
        body: options.body,
      });
    } catch (error: unknown) {
      if (error instanceof NoAnswerError) throw new GraphError({ status: null, message: error.message });
      throw error;
    }
    if (response.status >= 400) throw GraphError.fromResponse(response);
    return response;
  }

  /** Proves the app can get a token for the tenant (after admin consent). */
  async checkAccess(tenantId: string): Promise<void> {
    await this.tokens.token(tenantId);
  }

  /** Where an admin grants the app's permissions for their organisation (learn.microsoft.com/graph/auth-v2-service). */
  adminConsentUrl(tenantId: string, redirectUri: string, state: string): string {
    const url = new URL(`${this.settings.authorityHost}/${encodeURIComponent(tenantId)}/adminconsent`);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    return url.toString();
  }

  /**
   * Sends a complete RFC 5322 message from the user's mailbox: `POST /users/{id}/sendMail` with
   * the MIME base64-encoded and `Content-Type: text/plain` (learn.microsoft.com/graph/
   * outlook-send-mime-message). Graph answers 202 and saves the message in Sent Items.
   */
  async sendMime(tenantId: string, user: string, mime: Buffer): Promise<void> {
    await this.call(tenantId, 'POST', `${this.userPath(user)}/sendMail`, {
      headers: { 'content-type': 'text/plain' },
      body: mime.toString('base64'),
    });
  }

  /** The Sent Items message with this Message-ID (given without angle brackets), if any. */
  async findSentMessage(tenantId: string, user: string, messageId: string): Promise<string | undefined> {
    const url = new URL(`${this.userPath(user)}/mailFolders/${MailFolder.sent}/messages`);
    // OData string literals double their single quotes.
    url.searchParams.set('$filter', `internetMessageId eq '<${messageId.replace(/'/g, "''")}>'`);
    url.searchParams.set('$select', 'id,internetMessageId');
    url.searchParams.set('$top', '1');
    const response = await this.call(tenantId, 'GET', url.toString());
    const body = JSON.parse(response.body.toString('utf8')) as { value?: { id: string }[] };
    return body.value?.[0]?.id;
  }

  /**
   * The first request of a folder's delta round (learn.microsoft.com/graph/delta-query-messages):
   * created messages only (`changeType=created`, so a message read or flagged later does not
   * come back), received since `since` (the only `$filter` delta accepts for messages).
   */
  initialDeltaUrl(user: string, folder: MailFolder, since: Date): string {
    const url = new URL(`${this.userPath(user)}/mailFolders/${folder}/messages/delta`);
    url.searchParams.set('changeType', 'created');
    url.searchParams.set('$select', SELECT);
    url.searchParams.set('$filter', `receivedDateTime ge ${since.toISOString()}`);
    return url.toString();
  }

  /** One page of a delta round: the initial URL, a stored `@odata.nextLink` or `@odata.deltaLink`. */
  async deltaPage(tenantId: string, url: string): Promise<DeltaPage> {
    const response = await this.call(tenantId, 'GET', url, {
      // Immutable ids: a message keeps its id when moved (learn.microsoft.com/graph/outlook-immutable-id).
      headers: { prefer: `odata.maxpagesize=${DELTA_PAGE_SIZE}, IdType="ImmutableId"` },
    });
    const body = JSON.parse(response.body.toString('utf8')) as {
      value?: DeltaMessage[];
      '@odata.nextLink'?: string;
      '@odata.deltaLink'?: string;
    };
    return {
      messages: body.value ?? [],
      nextLink: body['@odata.nextLink'],
      deltaLink: body['@odata.deltaLink'],
    };
  }

  /** A message's MIME content (`GET /users/{id}/messages/{id}/$value`). */
  async messageMime(tenantId: string, user: string, messageId: string): Promise<Buffer> {
    const response = await this.call(
      tenantId,
      'GET',
      `${this.userPath(user)}/messages/${encodeURIComponent(messageId)}/$value`,
      { headers: { accept: '*/*' } },
    );
    return response.body;
  }

  /**
   * Several messages' MIME in one round trip: their `$value` requests in a JSON batch
   * (`POST /$batch`, at most 20; learn.microsoft.com/graph/json-batching). Each id maps to
   * its MIME or to its own GraphError (a 429 inside a batch carries its own `Retry-After`).
   */
  async messageMimes(
    tenantId: string,
    user: string,
    messageIds: string[],
  ): Promise<Map<string, Buffer | GraphError>> {
    if (messageIds.length > BATCH_LIMIT) throw new Error(`at most ${BATCH_LIMIT} requests in a batch`);
    const requests: BatchRequest[] = messageIds.map((id, index) => ({
      id: String(index + 1),
      method: 'GET',
      url: `/users/${encodeURIComponent(user)}/messages/${encodeURIComponent(id)}/$value`,
    }));
    const response = await this.call(tenantId, 'POST', `${this.settings.baseUrl}/$batch`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    const outcomes = batchOutcomes(requests, response);
    return new Map(
      messageIds.map((id, index) => [id, outcomes.get(String(index + 1)) as Buffer | GraphError]),
    );
  }

  /**
   * Subscribes to messages created in a folder (learn.microsoft.com/graph/change-notifications-
   * delivery-webhooks). Graph first validates both URLs (a POST with `validationToken`), so the
   * API must be reachable at them when this is called.
   */
  async createSubscription(
    tenantId: string,
    input: {
      user: string;
      folder: MailFolder;
      notificationUrl: string;
      lifecycleNotificationUrl: string;
      clientState: string;
      expiresAt: Date;
    },
  ): Promise<Subscription> {
    const response = await this.call(tenantId, 'POST', `${this.settings.baseUrl}/subscriptions`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        changeType: 'created',
        notificationUrl: input.notificationUrl,
        lifecycleNotificationUrl: input.lifecycleNotificationUrl,
        resource: `users/${input.user}/mailFolders('${input.folder}')/messages`,
        expirationDateTime: input.expiresAt.toISOString(),
        clientState: input.clientState,
      }),
    });
    return JSON.parse(response.body.toString('utf8')) as Subscription;
  }

  /** Renews (and reauthorizes) a subscription: `PATCH /subscriptions/{id}` with a new expiry. */
  async renewSubscription(tenantId: string, id: string, expiresAt: Date): Promise<Subscription> {
    const response = await this.call(
      tenantId,
      'PATCH',
      `${this.settings.baseUrl}/subscriptions/${encodeURIComponent(id)}`,
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expirationDateTime: expiresAt.toISOString() }),
      },
    );
    return JSON.parse(response.body.toString('utf8')) as Subscription;
  }

  async deleteSubscription(tenantId: string, id: string): Promise<void> {
    await this.call(tenantId, 'DELETE', `${this.settings.baseUrl}/subscriptions/${encodeURIComponent(id)}`);
  }
}
