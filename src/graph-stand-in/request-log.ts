import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoggedRequest, Operation } from './context';
import type { MailboxStore } from './store';

/** Every Graph request answered, and the most in flight at once per mailbox and operation. */
export function requestLog(app: FastifyInstance, store: MailboxStore) {
  const requests: LoggedRequest[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();

  const track = (request: FastifyRequest, operation: Operation | 'other', user?: string) => {
    const key = user ? `${store.find(user)?.id ?? user}:${operation}` : undefined;
    (request as FastifyRequest & { tracked?: unknown }).tracked = { operation, user, key };
    if (key) {
      const count = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, count);
      maxInFlight.set(key, Math.max(maxInFlight.get(key) ?? 0, count));
    }
  };
  app.addHook('onResponse', async (request, reply) => {
    const tracked = (
      request as FastifyRequest & { tracked?: { operation: Operation; user?: string; key?: string } }
    ).tracked;
    if (!tracked) return;
    if (tracked.key) inFlight.set(tracked.key, (inFlight.get(tracked.key) ?? 1) - 1);
    requests.push({
      method: request.method,
      operation: tracked.operation,
      user: tracked.user,
      url: request.url,
      status: reply.statusCode,
    });
    if (requests.length > 20_000) requests.splice(0, requests.length - 10_000);
  });

  return {
    requests,
    track,
    maxInFlight: (user: string, operation: Operation) =>
      maxInFlight.get(`${store.find(user)?.id ?? user}:${operation}`) ?? 0,
  };
}
