import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

export interface AdmissionSettings {
  /** Requests served at once; the rest wait in line. */
  concurrency: number;
  /** How many may wait; one more is turned away at once with a 503. */
  maxQueue: number;
  /** How long one may wait before it is turned away (its caller has likely given up). */
  maxWaitMs: number;
}

/**
 * A first-come-first-served line in front of the API for the embedded database (S5). PGlite
 * has one connection and runs one statement at a time, interleaving the statements of every
 * request in flight: with 100 requests at once, each finished only when all had (73 of 100
 * timed out after 10 s, bench:embedded-load). Admitting a few at a time in arrival order
 * keeps each request's own latency short, and a line that is too long sheds load at once
 * with 503 and Retry-After instead of letting callers time out. Hand-written because the
 * limiters we know (@fastify/under-pressure, p-limit) either shed without queueing or queue
 * without a bound.
 */
export function createAdmission(settings: AdmissionSettings) {
  let active = 0;
  const line: Array<{ admit: () => void; timer: NodeJS.Timeout }> = [];

  const next = () => {
    const waiting = line.shift();
    if (!waiting) {
      active -= 1;
      return;
    }
    clearTimeout(waiting.timer);
    waiting.admit();
  };

  return {
    /** Resolves with the way out once admitted; rejects with a 503 when the line is full or too slow. */
    enter(): Promise<() => void> {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        next();
      };
      if (active < settings.concurrency) {
        active += 1;
        return Promise.resolve(leave);
      }
      if (line.length >= settings.maxQueue) return Promise.reject(busy());
      return new Promise((resolve, reject) => {
        const entry = {
          admit: () => resolve(leave),
          timer: setTimeout(() => {
            line.splice(line.indexOf(entry), 1);
            reject(busy());
          }, settings.maxWaitMs),
        };
        line.push(entry);
      });
    },
    get waiting() {
      return line.length;
    },
  };
}

const busy = () => new AppError('service_unavailable', 'The server is busy; try again in a moment');

/** Puts the API routes (`prefix`) behind an admission line. */
export function admitApiRequests(app: FastifyInstance, settings: AdmissionSettings, prefix = '/api/'): void {
  const admission = createAdmission(settings);
  const places = new WeakMap<object, () => void>();
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(prefix)) return;
    const leave = await admission.enter();
    places.set(request, leave);
    // The place is freed when the response was sent, or when the client went away first.
    reply.raw.once('close', leave);
  });
  app.addHook('onResponse', async (request) => places.get(request)?.());
}
