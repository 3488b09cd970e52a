/**
 * bench:embedded-load — the embedded database (PGlite, one connection) under many concurrent
 * clients: POST /contacts/lookup (5 addresses) from 10 and from 100 connections at once, with
 * the same 10 s client timeout a browser-side caller might use. Prints throughput, p50/p99/max
 * latency, timeouts and 503s (S5: queue fairly, shed load with a fast 503, never time out).
 *   npm run bench:embedded-load        (BENCH_SECONDS)
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkApp } from '../lib/fork-app';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  const app = await forkApp({ BENCH_DB: dir, BENCH_CONTACTS: '5000' });
  try {
    const emails = [1, 2, 3, 4, 5].map((i) => `c${i * 997}@bench.example`);
    const run = async (connections: number) => {
      const result = await autocannon({
        url: `${app.address}/api/v1/contacts/lookup`,
        method: 'POST',
        connections,
        duration: SECONDS,
        timeout: 10,
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ emails }),
      });
      return {
        connections,
        rps: result.requests.average,
        ok: result['2xx'],
        shed: result.statusCodeStats?.['503']?.count ?? 0,
        other: result.non2xx - (result.statusCodeStats?.['503']?.count ?? 0),
        timeouts: result.timeouts,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
      };
    };
    await run(10); // warm-up
    console.log(`PGlite, POST /contacts/lookup (5 addresses), ${SECONDS} s per row, 10 s client timeout`);
    for (const connections of [10, 100]) {
      const r = await run(connections);
      console.log(
        `${String(r.connections).padStart(4)} connections: ${r.rps.toFixed(0).padStart(5)} req/s, ${r.ok} answered, ` +
          `${r.shed} shed (503), ${r.other} other errors, ${r.timeouts} timeouts; ` +
          `p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms`,
      );
    }
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
