/**
 * bench:first-step — E1's "at once" now that the request no longer runs step 1 itself: from
 * POST /enrollments to the first email arriving at an SMTP server (the worker woken by
 * NOTIFY on PostgreSQL, in-process on PGlite), median of 20, on both databases, beside the
 * API call alone. Target ≤ 1 s.
 *   npm run bench:first-step      (PostgreSQL at BENCH_DATABASE_URL, default the local server)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServerDatabase } from '../../test/helpers/databases';
import { forkApp } from '../lib/fork-app';
import { startSmtpSink } from '../lib/smtp-sink';

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(db: string): Promise<{ api: number[]; email: number[] }> {
  const sink = await startSmtpSink(0);
  const app = await forkApp({ BENCH_DB: db, BENCH_SMTP_URL: sink.url, BENCH_CONTACTS: String(RUNS + 5) });
  const api: number[] = [];
  const email: number[] = [];
  try {
    for (let i = 1; i <= RUNS; i += 1) {
      const address = `c${i}@bench.example`;
      const started = performance.now();
      const response = await fetch(`${app.address}/api/v1/enrollments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sequenceId: app.sequenceId, email: address }),
      });
      api.push(performance.now() - started);
      if (response.status !== 201) throw new Error(`enroll: ${response.status}`);
      while (!sink.received.has(address)) {
        if (performance.now() - started > 10_000) throw new Error(`no email for ${address} within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      email.push((sink.received.get(address) as number[])[0] - started);
      // Apart, so that each is a lone enrollment rather than part of a batch the worker is already running.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await app.stop();
    await sink.close();
  }
  return { api, email };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-first-step-'));
  const scratch = await createServerDatabase(BASE);
  try {
    for (const [name, db] of [
      ['PGlite', dir],
      ['PostgreSQL', scratch.url],
    ] as const) {
      const { api, email } = await measure(db);
      console.log(
        `${name.padEnd(10)} POST /enrollments → first email at the SMTP server: median ${median(email).toFixed(0)} ms ` +
          `(max ${Math.max(...email).toFixed(0)} ms), the API call alone ${median(api).toFixed(0)} ms — target ≤ 1000 ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
