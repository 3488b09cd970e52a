import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps';
import { renderPage } from '../unsubscribe/page';
import { completeConsent, CONSENT_CALLBACK_PATH, type ConsentAnswer } from './connection-service';
import {
  takeChangeNotifications,
  takeLifecycleNotifications,
  type ChangeNotification,
} from './notifications';

/** Graph's URLs: the change and lifecycle notifications (change-notification webhooks). */
export const NOTIFICATION_PATH = '/graph/notifications';
export const LIFECYCLE_PATH = '/graph/lifecycle';

function notificationsOf(body: unknown): ChangeNotification[] {
  try {
    const parsed = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '')) as {
      value?: unknown;
    };
    return Array.isArray(parsed.value) ? (parsed.value.slice(0, 1000) as ChangeNotification[]) : [];
  } catch {
    return [];
  }
}

/**
 * The validation handshake: Graph POSTs `?validationToken=…` to each URL when a subscription
 * is created and expects, within 10 seconds, 200 with the token as text/plain, decoded
 * (learn.microsoft.com/graph/change-notifications-delivery-webhooks, "notificationUrl validation").
 */
function validation(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const token = (request.query as { validationToken?: unknown }).validationToken;
  if (typeof token !== 'string') return undefined;
  return reply.code(200).type('text/plain; charset=utf-8').send(token);
}

/**
 * Reached by Microsoft, not by signed-in users: the admin-consent callback (a browser
 * redirect) and Graph's webhooks. No bearer token; notifications prove themselves by their
 * subscription's clientState. Answered 202 at once (Graph wants a 2xx within 3 seconds).
 */
export function graphWebhookRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    // Graph sends JSON, the handshake text/plain with an empty body: both read as bytes here.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_request, body, done) =>
      done(null, body),
    );

    app.post(NOTIFICATION_PATH, { schema: { hide: true } }, async (request, reply) => {
      const handshake = validation(request, reply);
      if (handshake) return handshake;
      await takeChangeNotifications(deps, notificationsOf(request.body));
      return reply.code(202).send();
    });

    app.post(LIFECYCLE_PATH, { schema: { hide: true } }, async (request, reply) => {
      const handshake = validation(request, reply);
      if (handshake) return handshake;
      await takeLifecycleNotifications(deps, notificationsOf(request.body));
      return reply.code(202).send();
    });

    app.get<{ Querystring: ConsentAnswer }>(
      CONSENT_CALLBACK_PATH,
      { schema: { hide: true } },
      async (request, reply) => {
        const outcome = deps.graph
          ? await completeConsent(deps, request.query)
          : { connected: false, message: 'Microsoft 365 is not configured on this server.' };
        return reply
          .code(outcome.connected ? 200 : 400)
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
          )
          .type('text/html; charset=utf-8')
          .send(
            renderPage({
              title: 'Microsoft 365',
              heading: outcome.connected ? 'Microsoft 365 is connected' : 'Microsoft 365 is not connected',
              paragraphs: [outcome.message, 'You can close this page.'],
            }),
          );
      },
    );
  };
}
