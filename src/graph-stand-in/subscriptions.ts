import { randomUUID } from 'node:crypto';
import type { StandInContext, StandInOptions } from './context';
import { graphError } from './graph-json';
import { folderName, type FolderName, type Mailbox, type StoredMessage } from './store';

export interface SubscriptionRecord {
  id: string;
  tenantId: string;
  mailbox: Mailbox;
  folder: FolderName;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
}

const MAX_SUBSCRIPTION_MINUTES = 10_080;

export interface NotificationRecord {
  subscriptionId: string;
  url: string;
  status: number | string;
}

/**
 * Subscriptions and their notifications (learn.microsoft.com/graph/change-notifications-
 * delivery-webhooks): the validation handshake on both URLs, change notifications for created
 * messages, lifecycle notifications on demand, renewal and deletion.
 */
export function changeNotifications(options: StandInOptions, now: () => Date) {
  const subscriptions = new Map<string, SubscriptionRecord>();
  const notifications: NotificationRecord[] = [];

  /** Where a notification addressed to `url` is delivered. */
  let notificationOrigin = options.notificationOrigin;
  const deliveryUrl = (url: string) => {
    if (!notificationOrigin) return url;
    const target = new URL(url);
    const replacement = new URL(notificationOrigin);
    target.protocol = replacement.protocol;
    target.host = replacement.host;
    return target.toString();
  };

  async function post(url: string, body: string, contentType: string, timeoutMs: number) {
    const response = await fetch(deliveryUrl(url), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  }

  function notify(mailbox: Mailbox, message: StoredMessage): void {
    const at = now().getTime();
    for (const subscription of subscriptions.values()) {
      if (subscription.mailbox !== mailbox || subscription.folder !== message.folder) continue;
      if (!subscription.changeType.split(',').includes('created')) continue;
      if (Date.parse(subscription.expirationDateTime) <= at) continue;
      const body = JSON.stringify({
        value: [
          {
            subscriptionId: subscription.id,
            subscriptionExpirationDateTime: subscription.expirationDateTime,
            changeType: 'created',
            resource: `Users/${mailbox.id}/Messages/${message.id}`,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Message',
              '@odata.id': `Users/${mailbox.id}/Messages/${message.id}`,
              '@odata.etag': `W/"${message.changedSeq}"`,
              id: message.id,
            },
            clientState: subscription.clientState ?? null,
            tenantId: subscription.tenantId,
          },
        ],
      });
      // Graph waits 3 seconds for a 2xx (learn.microsoft.com/graph/change-notifications-delivery-webhooks).
      post(subscription.notificationUrl, body, 'application/json', 3000)
        .then((answer) =>
          notifications.push({
            subscriptionId: subscription.id,
            url: subscription.notificationUrl,
            status: answer.status,
          }),
        )
        .catch((error: unknown) =>
          notifications.push({
            subscriptionId: subscription.id,
            url: subscription.notificationUrl,
            status: error instanceof Error ? error.message : String(error),
          }),
        );
    }
  }

  async function lifecycle(
    subscriptionId: string,
    event: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
  ): Promise<number> {
    const subscription = subscriptions.get(subscriptionId);
    if (!subscription?.lifecycleNotificationUrl) throw new Error(`no lifecycle URL for ${subscriptionId}`);
    if (event === 'subscriptionRemoved') subscriptions.delete(subscriptionId);
    const answer = await post(
      subscription.lifecycleNotificationUrl,
      JSON.stringify({
        value: [
          {
            subscriptionId,
            subscriptionExpirationDateTime: subscription.expirationDateTime,
            tenantId: subscription.tenantId,
            clientState: subscription.clientState ?? null,
            lifecycleEvent: event,
          },
        ],
      }),
      'application/json',
      3000,
    );
    return answer.status;
  }

  function register(ctx: StandInContext): void {
    const { app, mailboxOf, authorised, intercepted, track } = ctx;
    app.post<{ Body: Record<string, string> }>('/v1.0/subscriptions', async (request, reply) => {
      track(request, 'subscriptions');
      const tenantId = authorised(request, reply);
      if (!tenantId) return reply;
      if (intercepted(reply, 'subscriptions')) return reply;
      const body = request.body ?? {};
      const resource = /^\/?users\/([^/]+)\/mailFolders\('([^']+)'\)\/messages$/i.exec(body.resource ?? '');
      const mailbox = resource ? mailboxOf(decodeURIComponent(resource[1])) : undefined;
      const folder = resource ? folderName(resource[2]) : undefined;
      if (!resource || !mailbox || !folder)
        return graphError(
          reply,
          400,
          'InvalidRequest',
          `Resource '${body.resource}' is not supported by the stand-in.`,
        );
      for (const name of ['notificationUrl', 'lifecycleNotificationUrl'] as const) {
        if (body[name] && !body[name].startsWith('https://'))
          return graphError(
            reply,
            400,
            'ValidationError',
            `Subscription validation request failed. ${name} must use https.`,
          );
      }
      if (!body.notificationUrl || !body.changeType || !body.expirationDateTime)
        return graphError(
          reply,
          400,
          'InvalidRequest',
          'notificationUrl, changeType and expirationDateTime are required.',
        );
      const expires = Date.parse(body.expirationDateTime);
      const at = now().getTime();
      if (Number.isNaN(expires) || expires <= at || expires > at + MAX_SUBSCRIPTION_MINUTES * 60_000)
        return graphError(
          reply,
          400,
          'ExtensionError',
          `Subscription expiration can only be ${MAX_SUBSCRIPTION_MINUTES} minutes in the future.`,
        );
      // The validation handshake on each URL: 200, text/plain, the token echoed, within 10 seconds.
      for (const url of [body.notificationUrl, body.lifecycleNotificationUrl].filter(Boolean)) {
        const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
        const target = new URL(url);
        target.searchParams.set('validationToken', validationToken);
        try {
          const answer = await post(target.toString(), '', 'text/plain; charset=utf-8', 10_000);
          if (answer.status !== 200 || !/^text\/plain/i.test(answer.type) || answer.text !== validationToken)
            throw new Error(`answered ${answer.status} ${answer.type} "${answer.text.slice(0, 80)}"`);
        } catch (error: unknown) {
          return graphError(
            reply,
            400,
            'ValidationError',
            `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${(error as Error).message})`,
          );
        }
      }
      const subscription: SubscriptionRecord = {
        id: randomUUID(),
        tenantId,
        mailbox,
        folder,
        resource: body.resource,
        changeType: body.changeType,
        notificationUrl: body.notificationUrl,
        lifecycleNotificationUrl: body.lifecycleNotificationUrl,
        clientState: body.clientState,
        expirationDateTime: new Date(expires).toISOString(),
      };
      subscriptions.set(subscription.id, subscription);
      return reply.code(201).send(subscriptionJson(subscription));
    });

    app.patch<{ Params: { id: string }; Body: Record<string, string> }>(
      '/v1.0/subscriptions/:id',
      async (request, reply) => {
        track(request, 'subscriptions');
        if (!authorised(request, reply)) return reply;
        if (intercepted(reply, 'subscriptions')) return reply;
        const subscription = subscriptions.get(request.params.id);
        if (!subscription) return graphError(reply, 404, 'ResourceNotFound', `The object was not found.`);
        const expires = Date.parse(request.body?.expirationDateTime ?? '');
        const at = now().getTime();
        if (Number.isNaN(expires) || expires <= at || expires > at + MAX_SUBSCRIPTION_MINUTES * 60_000)
          return graphError(
            reply,
            400,
            'ExtensionError',
            `Subscription expiration can only be ${MAX_SUBSCRIPTION_MINUTES} minutes in the future.`,
          );
        subscription.expirationDateTime = new Date(expires).toISOString();
        return subscriptionJson(subscription);
      },
    );

    app.delete<{ Params: { id: string } }>('/v1.0/subscriptions/:id', async (request, reply) => {
      track(request, 'subscriptions');
      if (!authorised(request, reply)) return reply;
      if (!subscriptions.delete(request.params.id))
        return graphError(reply, 404, 'ResourceNotFound', 'The object was not found.');
      return reply.code(204).send();
    });
  }

  return {
    subscriptions,
    notifications,
    notify,
    lifecycle,
    register,
    setNotificationOrigin(value: string | undefined) {
      notificationOrigin = value;
    },
  };
}

function subscriptionJson(subscription: SubscriptionRecord) {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
    id: subscription.id,
    resource: subscription.resource,
    applicationId: null,
    changeType: subscription.changeType,
    clientState: subscription.clientState ?? null,
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl ?? null,
    expirationDateTime: subscription.expirationDateTime,
    creatorId: null,
    latestSupportedTlsVersion: 'v1_2',
  };
}
