import type { Deps } from '../deps';
import { classifySyncFailure } from '../engine/graph/graph-failure';
import { BATCH_LIMIT, GraphError, type DeltaMessage, type GraphClient } from '../graph';
import { AppError } from '../http/errors';
import { ingestEmail } from '../inbound/service';
import type { ClaimedMailbox } from './queries/claims';

export interface IngestLogger {
  warn(object: object, message?: string): void;
}

/** A mailbox's messages through the pipeline at once (each `$value` was one of Graph's 4 per mailbox before batching). */
const INGEST_LANES = 4;

/** Runs `fn` over `items`, at most `limit` at a time; the first failure fails the whole. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Of the failures in a batch, the one the mailbox acts on: throttling first (wait as long as asked). */
function gravest(failures: GraphError[]): GraphError {
  const throttled = failures.filter((error) => classifySyncFailure(error.facts).kind === 'throttled');
  if (throttled.length === 0) return failures[0];
  return throttled.reduce((a, b) => ((b.facts.retryAfterMs ?? 0) > (a.facts.retryAfterMs ?? 0) ? b : a));
}

/**
 * Every new message of a page through the same pipeline as POST /inbound/email, its MIME
 * fetched 20 at a time in a JSON batch; a request failing inside a batch fails the page once
 * the batch's others are in (docs/architecture.md).
 */
export async function ingestPage(
  deps: Deps,
  graph: GraphClient,
  mailbox: ClaimedMailbox,
  messages: DeltaMessage[],
  log: IngestLogger,
): Promise<number> {
  let ingested = 0;
  const chunks: DeltaMessage[][] = [];
  for (let start = 0; start < messages.length; start += BATCH_LIMIT)
    chunks.push(messages.slice(start, start + BATCH_LIMIT));
  // Settled at once, so a batch fetched ahead that fails is never an unhandled rejection.
  const fetch = (chunk: DeltaMessage[]) =>
    graph
      .messageMimes(
        mailbox.tenant_id,
        mailbox.graph_user,
        chunk.map((message) => message.id),
      )
      .then(
        (mimes) => ({ mimes }),
        (error: unknown) => ({ error }),
      );
  // The next batch is fetched while this one goes through the pipeline: one batch in flight per mailbox.
  let pending = chunks.length > 0 ? fetch(chunks[0]) : undefined;
  for (let index = 0; index < chunks.length; index += 1) {
    const fetched = await (pending as ReturnType<typeof fetch>);
    if ('error' in fetched) throw fetched.error;
    const { mimes } = fetched;
    pending = index + 1 < chunks.length ? fetch(chunks[index + 1]) : undefined;
    const failures: GraphError[] = [];
    try {
      await eachLimited(chunks[index], INGEST_LANES, async (message) => {
        const raw = mimes.get(message.id);
        if (raw instanceof GraphError) {
          failures.push(raw);
          return;
        }
        if (!raw) return;
        try {
          await ingestEmail(deps, mailbox.account_id, raw);
          ingested += 1;
        } catch (error: unknown) {
          // Mail the pipeline cannot read (a 4xx over HTTP) is skipped, as a relay's would be refused.
          if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
          log.warn(
            { mailboxId: mailbox.id, messageId: message.id, err: error },
            'skipped a message the pipeline cannot read',
          );
        }
      });
      if (failures.length > 0) throw gravest(failures);
    } catch (error: unknown) {
      // The page fails; the batch fetched ahead is read again with it next round.
      await pending;
      throw error;
    }
  }
  return ingested;
}
