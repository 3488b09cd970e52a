/**
 * bench:api-during-send — the API's latency while the worker talks to a slow mail server,
 * on the embedded database (PGlite, one connection). p99 of POST /contacts/lookup (5
 * addresses) with the worker idle, then while it sends 1,000 emails through an SMTP sink
 * that takes 200 ms per message; target ≤ 2×. Every email is checked to arrive exactly once.
 *   npm run bench:api-during-send        (BENCH_EMAILS, BENCH_DELAY_MS, BENCH_SECONDS)
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkApp } from '../lib/fork-app';
import { startSmtpSink } from '../lib/smtp-sink';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 1000);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

async function lookups(address: string, token: string, emails: string[]) {
  const result = await autocannon({
    url: `${address}/api/v1/contacts/lookup`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails }),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-api-during-send-'));
  const sink = await startSmtpSink(DELAY_MS);
  const app = await forkApp({
    BENCH_DB: dir,
    BENCH_SMTP_URL: sink.url,
    BENCH_CONTACTS: String(EMAILS + 100),
    BENCH_WORKER: 'later',
  });
  try {
    // 1,000 contacts enrolled through the API: their first steps are due now, but the worker waits.
    for (let i = 1; i <= EMAILS; i += 1) {
      const response = await fetch(`${app.address}/api/v1/enrollments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sequenceId: app.sequenceId, email: `c${i}@bench.example` }),
      });
      if (response.status !== 201) throw new Error(`enroll: ${response.status} ${await response.text()}`);
    }
    const emails = [1, 2, EMAILS + 1, EMAILS + 2, 'nobody'].map((i) => `c${i}@bench.example`);
    await lookups(app.address, app.token, emails); // warm-up
    const idle = await lookups(app.address, app.token, emails);

    await app.send({ startWorker: true }, 'started');
    const started = Date.now();
    const busy = await lookups(app.address, app.token, emails);
    const sentDuringLoad = sink.count();
    while (sink.count() < EMAILS && Date.now() - started < 10 * 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const doubled = [...sink.received.values()].filter((times) => times.length > 1).length;
    if (sink.count() !== EMAILS || doubled > 0)
      throw new Error(`expected ${EMAILS} emails once each, got ${sink.count()} (${doubled} doubled)`);

    const row = (name: string, r: { rps: number; p50: number; p99: number }) =>
      `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms`;
    console.log(`PGlite, lookup of 5 addresses, ${CONNECTIONS} connections, ${SECONDS} s each`);
    console.log(row('worker idle', idle));
    console.log(row(`worker sending (${DELAY_MS} ms/message)`, busy));
    console.log(
      `p99 while sending / p99 idle: ${(busy.p99 / Math.max(1, idle.p99)).toFixed(2)}× (target ≤ 2×)`,
    );
    console.log(
      `${EMAILS} emails, each delivered once, in ${seconds.toFixed(1)} s (${sentDuringLoad} during the measured load)`,
    );
  } finally {
    await app.stop();
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
