import type { FastifyReply } from 'fastify';
import type { GraphFailure, Operation, ThrottleRule } from './context';
import { graphError } from './graph-json';
import type { Mailbox, MailboxStore } from './store';

/** Throttling (429/503 with `Retry-After`) and failing mailboxes, on demand. */
export function onDemandFailures(store: MailboxStore, mailboxOf: (user: string) => Mailbox | undefined) {
  const throttles: ThrottleRule[] = [];
  const failingMailboxes = new Map<string, GraphFailure>();

  /** Throttling and failures on demand; true when the request was answered here. */
  function intercepted(reply: FastifyReply, operation: Operation, user?: string): boolean {
    const mailbox = user ? mailboxOf(user) : undefined;
    const rule = throttles.find(
      (candidate) =>
        candidate.times > 0 &&
        (!candidate.operation || candidate.operation === operation) &&
        (!candidate.user || (mailbox && store.find(candidate.user) === mailbox)),
    );
    if (rule && (rule.after ?? 0) > 0) {
      rule.after = (rule.after ?? 0) - 1;
    } else if (rule) {
      rule.times -= 1;
      const status = rule.status ?? 429;
      void reply.header('retry-after', String(rule.retryAfterSeconds ?? 10));
      void graphError(
        reply,
        status,
        status === 429 ? 'ApplicationThrottled' : 'ServiceUnavailable',
        status === 429
          ? 'Application is over its MailboxConcurrency limit.'
          : 'Service is temporarily unavailable.',
      );
      return true;
    }
    const failure = mailbox ? failingMailboxes.get(mailbox.id) : undefined;
    if (failure) {
      void graphError(reply, failure.status, failure.code, failure.message);
      return true;
    }
    return false;
  }

  return { throttles, failingMailboxes, intercepted };
}
