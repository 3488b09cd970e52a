import DataLoader from 'dataloader';
import type { Queryable } from '../db/port';
import { lookupByEmails, type LookupRow } from './queries';

/** The lookup's answer for each address (lower-cased) of an account, in order; null where none. */
export type ContactLookup = (accountId: string, emails: string[]) => Promise<Array<LookupRow | null>>;

interface Ask {
  accountId: string;
  emails: string[];
}

/** The asks of one batch, answered with one statement per account among them. */
async function answerAll(db: Queryable, asks: readonly Ask[]): Promise<Array<Array<LookupRow | null>>> {
  const emailsOf = new Map<string, Set<string>>();
  for (const ask of asks) {
    const set = emailsOf.get(ask.accountId) ?? new Set();
    for (const email of ask.emails) set.add(email);
    emailsOf.set(ask.accountId, set);
  }
  const answers = new Map(
    await Promise.all(
      [...emailsOf].map(async ([accountId, emails]) => {
        const rows = await lookupByEmails(db, accountId, [...emails]);
        return [accountId, new Map(rows.map((row) => [row.matched_email, row]))] as const;
      }),
    ),
  );
  return asks.map((ask) => ask.emails.map((email) => answers.get(ask.accountId)?.get(email) ?? null));
}

/**
 * O3's lookups that arrive in the same turn of the event loop are answered together: one
 * statement per account among them (docs/scaling.md, the lookup against `/health`). Nothing is
 * cached: each batch reads the database after its requests arrived, so a lookup sees every
 * change committed before it, and a statement only ever reads one account.
 */
export function batchedLookup(db: Queryable, maxBatchSize = 50): ContactLookup {
  const loader = new DataLoader<Ask, Array<LookupRow | null>>((asks) => answerAll(db, asks), {
    cache: false,
    // Requests, not addresses: a compose window asks for a few, the route allows 1,000.
    maxBatchSize,
    // setImmediate: after every request read in this turn has reached its lookup.
    batchScheduleFn: (callback) => setImmediate(callback),
  });
  return (accountId, emails) => loader.load({ accountId, emails });
}
