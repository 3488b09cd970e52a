/**
 * What `bench:classify` prints about speed: throughput on the corpus beside bare mailparser, and
 * the time to take a message near the 25 MiB limit (parse, classify, and the facts ingestion
 * reads) beside mailparser called as `parseMessage` called it before issue 14.
 */
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { classifyMessage, parseMessage, returnedMessageHeaders } from '../../src/server/inbound/classify';
import { messageFacts } from '../../src/server/inbound/message-facts';
import { largeMessages } from './large-messages';
import { pad, pct } from './quality';

const NOW = new Date('2026-01-15T00:00:00Z');
/** mailparser as `parseMessage` called it before large parts were cut (the same options). */
const BEFORE = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  maxHtmlLengthToParse: 2 * 1024 * 1024,
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function timeRun(fn: () => Promise<void>, count: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return (count * 1e9) / Number(process.hrtime.bigint() - t0);
}

/**
 * Each pass times bare parsing and parsing + classification back to back, alternating which
 * goes first, and keeps the ratio of the two rates; the reported ratio is the median over the
 * passes (rates alone drift with GC and CPU frequency more than their ratio does).
 */
export async function printThroughput(raws: Buffer[], passes: number) {
  const bare = async () => {
    for (const raw of raws) await simpleParser(raw);
  };
  const parseThenClassify = async () => {
    for (const raw of raws) classifyMessage(await simpleParser(raw), raw, { now: NOW });
  };
  const pipeline = async () => {
    for (const raw of raws) classifyMessage(await parseMessage(raw), raw, { now: NOW });
  };
  const parsedOnce = await Promise.all(raws.map((r) => simpleParser(r)));
  const classifyOnly = async () => {
    for (let i = 0; i < raws.length; i++) classifyMessage(parsedOnce[i], raws[i], { now: NOW });
  };
  for (const fn of [bare, parseThenClassify, pipeline, classifyOnly]) await fn(); // warm-up
  const rates: Record<string, number[]> = { bare: [], parseThenClassify: [], pipeline: [], classifyOnly: [] };
  const ratios: number[] = [];
  const pipelineRatios: number[] = [];
  for (let p = 0; p < passes; p++) {
    const first = p % 2 === 0;
    const a = first ? await timeRun(bare, raws.length) : 0;
    const b = await timeRun(parseThenClassify, raws.length);
    const a2 = first ? a : await timeRun(bare, raws.length);
    const c = await timeRun(pipeline, raws.length);
    rates.bare.push(a2);
    rates.parseThenClassify.push(b);
    rates.pipeline.push(c);
    rates.classifyOnly.push(await timeRun(classifyOnly, raws.length));
    ratios.push(b / a2);
    pipelineRatios.push(c / a2);
  }
  const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)])) as Record<
    string,
    number
  >;
  const ratio = median(ratios);
  const pipelineRatio = median(pipelineRatios);
  // What the classification costs, from the classify-only rate: parse time + classify time.
  const derived = 1 / (1 + m.bare / m.classifyOnly);
  console.log(`\nThroughput (${passes} passes over the same ${raws.length} files in one process; medians)`);
  console.log(`  bare simpleParser (default options)           ${pad(m.bare.toFixed(0), 7)} msg/s`);
  console.log(
    `  simpleParser + classifyMessage                ${pad(m.parseThenClassify.toFixed(0), 7)} msg/s  ${pct(ratio, 1)} of bare (median of per-pass ratios)`,
  );
  console.log(
    `  parseMessage + classifyMessage (the pipeline) ${pad(m.pipeline.toFixed(0), 7)} msg/s  ${pct(pipelineRatio, 1)} of bare`,
  );
  console.log(
    `  classifyMessage alone, on pre-parsed mail     ${pad(m.classifyOnly.toFixed(0), 7)} msg/s  (implies ${pct(derived, 1)} of bare when added to parsing)`,
  );
  return { ratio, derived };
}

async function millis(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Each large message: the median of three runs of what ingestion does with it, beside bare mailparser. */
export async function printLargeMessages(runs = 3): Promise<number> {
  console.log(
    '\nMessages near the 25 MiB limit (ms, median of 3): mailparser as parseMessage called it before | parse + classify + facts now',
  );
  let worst = 0;
  for (const message of largeMessages()) {
    const { raw } = message;
    const ingest = async () => {
      const parsed = await parseMessage(raw);
      classifyMessage(parsed, raw, { now: NOW });
      messageFacts(parsed, raw);
      returnedMessageHeaders(parsed);
      createHash('sha256').update(raw).digest('hex');
    };
    const bare: number[] = [];
    const now: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await millis(() => simpleParser(raw, BEFORE).catch(() => null)));
      now.push(await millis(ingest));
    }
    worst = Math.max(worst, median(now));
    console.log(
      `  ${message.name.padEnd(34)} ${pad((raw.length / 1048576).toFixed(1), 5)} MiB ${pad(median(bare).toFixed(0), 7)} | ${pad(median(now).toFixed(0), 5)}`,
    );
  }
  console.log('  (before, mailparser refused the message with 2,000 attachments: more than 1,000 nodes)');
  return worst;
}
