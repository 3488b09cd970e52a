/**
 * bench:large-bounce — issue 14, finding 1: a delivery report naming 1,000 and 10,000 failed
 * recipients POSTed to /inbound/email on PGlite and PostgreSQL, with a recipient lookup made
 * meanwhile, beside the same lookup alone. Before the fix, 10,000 took 52 s on PGlite and the
 * lookup waited 50 s.
 *   npm run bench:large-bounce
 */
import { performance } from 'node:perf_hooks';
import { createTestContext, type TestContext } from '../../test/helpers/context';
import { enrolledContact } from '../../test/helpers/fixtures';
import { dsnBounce, postEmail, sentEmail } from '../../test/helpers/mail';

const HARD = { status: '5.1.1', diagnostic: '550 5.1.1 User unknown' };
const backends: Array<'pglite' | 'pg'> = process.env.TEST_DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work;
  return [result, performance.now() - started];
}

async function measure(ctx: TestContext, recipients: number) {
  const { user, contact } = await enrolledContact(ctx);
  const sent = await sentEmail(ctx, user, contact.email);
  const strangers = Array.from({ length: recipients - 1 }, (_, i) => `nobody${i}@list.example`);
  const raw = dsnBounce({ failed: [contact.email, ...strangers], ...HARD, original: sent });
  const lookup = () =>
    ctx.request('POST', '/api/v1/contacts/lookup', { token: user.token, body: { emails: [contact.email] } });
  const [, alone] = await timed(lookup());
  const started = performance.now();
  const during = timed(lookup());
  const response = await postEmail(ctx, user, raw);
  const took = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`inbound: ${response.status} ${JSON.stringify(response.body)}`);
  const [, lookupDuring] = await during;
  return { kib: raw.length / 1024, took, lookupDuring, alone };
}

async function main(): Promise<void> {
  console.log('bench:large-bounce — one delivery report naming N failed recipients (one of them proven)');
  for (const kind of backends) {
    const ctx = await createTestContext(kind);
    try {
      await measure(ctx, 100); // warm-up
      for (const n of [1_000, 10_000]) {
        const r = await measure(ctx, n);
        console.log(
          `${kind.padEnd(6)} ${String(n).padStart(6)} recipients (${r.kib.toFixed(0)} KiB): ` +
            `${r.took.toFixed(0)} ms; a lookup meanwhile ${r.lookupDuring.toFixed(0)} ms, alone ${r.alone.toFixed(0)} ms`,
        );
      }
    } finally {
      await ctx.app.close();
      await ctx.database.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
