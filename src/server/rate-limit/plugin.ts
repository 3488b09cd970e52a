import rateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors';
import type { SharedRateCounter } from './shared-counter';

export const RATE_WINDOW_MS = 60_000;

/** @fastify/rate-limit's store, on the counter every process shares (one per app; keys carry their scope). */
function sharedStore(counter: SharedRateCounter) {
  const store: FastifyRateLimitStore = {
    incr(key, callback) {
      const { count, resetInMs } = counter.hit(key);
      callback(null, { current: count, ttl: resetInMs });
    },
    child: () => store,
  };
  return class SharedStore {
    constructor() {
      return store;
    }
  } as unknown as new () => FastifyRateLimitStore;
}

/** A client address as a rate-limit key: an IPv6 client by its /64, which one host holds whole. */
export const addressKey = (prefix: string, address: string) => `${prefix}:${normalizeIP(address)}`;

/** The client's address (the proxy's unless TRUST_PROXY names it). */
export const clientKey = (request: FastifyRequest) => addressKey('ip', request.ip);

const tooMany = (who: string) => (_request: FastifyRequest, context: { max: number; after: string }) =>
  new AppError(
    'rate_limited',
    `Too many requests: at most ${context.max} a minute ${who}. Try again in ${context.after}.`,
  );

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook counting the requests of each signed-in caller (else of each address). */
    rateLimitPerCaller: onRequestAsyncHookHandler;
    /** An onRequest hook counting the requests of each client address. */
    rateLimitPerAddress: onRequestAsyncHookHandler;
  }
}

/**
 * @fastify/rate-limit with the shared counter, as two hooks the app places where they belong:
 * per signed-in user (or workflow app) on the API, after authentication, and per client
 * address on the routes that take no sign-in. A limit of 0 turns that one off. Over the limit:
 * 429 `rate_limited` with `Retry-After` (seconds to the window's end) in the usual error body.
 */
export const rateLimits = fp<{ counter: SharedRateCounter; perUser: number; perAddress: number }>(
  async (app: FastifyInstance, { counter, perUser, perAddress }) => {
    await app.register(rateLimit, {
      global: false,
      store: sharedStore(counter),
      timeWindow: RATE_WINDOW_MS,
    });
    /** The signed-in caller (set by the auth hook before this one), or nobody. */
    const caller = (request: FastifyRequest): string | undefined => {
      // `principal` is typed as always there; on a route without sign-in it is null.
      const user = request.principal as typeof request.principal | null;
      if (user) return `user:${user.userId}`;
      if (request.appPrincipal) return `app:${request.appPrincipal.accountId}:${request.appPrincipal.oid}`;
      return undefined;
    };
    const off: onRequestAsyncHookHandler = async () => undefined;
    app.decorate(
      'rateLimitPerCaller',
      perUser === 0 && perAddress === 0
        ? off
        : (app.rateLimit({
            keyGenerator: (request) => caller(request) ?? clientKey(request),
            max: (request) => (caller(request) ? perUser : perAddress) || Number.MAX_SAFE_INTEGER,
            errorResponseBuilder: (request, context) =>
              tooMany(caller(request) ? 'per user' : 'per client address')(request, context),
          }) as onRequestAsyncHookHandler),
    );
    app.decorate(
      'rateLimitPerAddress',
      perAddress === 0
        ? off
        : (app.rateLimit({
            keyGenerator: clientKey,
            max: perAddress,
            errorResponseBuilder: tooMany('per client address'),
          }) as onRequestAsyncHookHandler),
    );
  },
);
