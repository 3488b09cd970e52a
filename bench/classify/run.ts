/**
 * Classifier benchmark over the shared labelled corpus (`CORPUS_DIR`, default
 * /work/shared/corpus/email): confusion matrix, per-category accuracy, bounce-vs-not-bounce
 * accuracy, hard/soft agreement per source, failed-recipient agreement, and throughput beside
 * bare mailparser parsing of the same files in the same run.
 *
 *   npx tsx bench/classify/run.ts [--passes N]      (npm run bench:classify)
 */
import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import { classifyMessage, parseMessage, type Classification } from '../../src/server/inbound/classify';
import {
  LABELS,
  corpusAvailable,
  corpusDir,
  isBounceLabel,
  loadCorpus,
  predictedLabel,
  type CorpusItem,
  type Label,
} from './corpus';

const NOW = new Date('2026-01-15T00:00:00Z');
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const pad = (s: string | number, n: number) => String(s).padStart(n);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

type Result = { item: CorpusItem; c: Classification; predicted: Label };
const family = (l: Label) => (isBounceLabel(l) ? 'bounce' : l);

function printQuality(results: Result[]) {
  console.log('Confusion matrix (rows: label, columns: predicted)');
  const cols = LABELS.filter((l) => l !== 'other');
  console.log(
    `${''.padEnd(16)}${cols.map((l) => pad(l, 15)).join('')}${pad('total', 7)}${pad('accuracy', 10)}`,
  );
  for (const label of LABELS) {
    const row = results.filter((r) => r.item.label === label);
    if (row.length === 0) continue;
    const counts = cols.map((p) => row.filter((r) => r.predicted === p).length);
    const correct = row.filter((r) => r.predicted === label).length;
    const acc = label === 'other' ? '(n/a)' : pct(correct, row.length);
    console.log(
      `${label.padEnd(16)}${counts.map((n) => pad(n, 15)).join('')}${pad(row.length, 7)}${pad(acc, 10)}`,
    );
  }
  console.log(
    '  (\'other\' = sisimai maildir/not/, "is not a bounce"; any non-bounce answer is right for it)',
  );
  const five = results.filter((r) => r.item.label !== 'other');
  console.log(
    `Overall exact-label accuracy (other excluded): ${pct(five.filter((r) => r.predicted === r.item.label).length, five.length)}`,
  );

  console.log('\nAccuracy per category (bounce = hard or soft)');
  for (const cat of ['bounce', 'auto_reply', 'auto_generated', 'human_reply']) {
    const row = results.filter((r) => family(r.item.label) === cat);
    const ok = row.filter((r) => family(r.predicted) === cat).length;
    console.log(`  ${cat.padEnd(16)} ${pad(pct(ok, row.length), 7)}  (${ok}/${row.length})`);
  }
}

function printSeverity(results: Result[]) {
  console.log('\nHard/soft agreement per source (labelled bounces predicted as bounces)');
  console.log(`  ${'source'.padEnd(46)}${pad('agree', 6)}${pad('of', 5)}${pad('rate', 8)}   disagreements`);
  let agreeAll = 0;
  let ofAll = 0;
  for (const source of [...new Set(results.map((r) => r.item.source))]) {
    const rows = results.filter(
      (r) => r.item.source === source && isBounceLabel(r.item.label) && isBounceLabel(r.predicted),
    );
    if (rows.length === 0) continue;
    const agree = rows.filter((r) => r.item.label === r.predicted).length;
    agreeAll += agree;
    ofAll += rows.length;
    const h2s = rows.filter((r) => r.item.label === 'bounce_hard' && r.predicted === 'bounce_soft').length;
    const s2h = rows.filter((r) => r.item.label === 'bounce_soft' && r.predicted === 'bounce_hard').length;
    console.log(
      `  ${source.slice(0, 44).padEnd(46)}${pad(agree, 6)}${pad(rows.length, 5)}${pad(pct(agree, rows.length), 8)}   label hard→ours soft ${h2s}, label soft→ours hard ${s2h}`,
    );
  }
  console.log(
    `  ${'all sources'.padEnd(46)}${pad(agreeAll, 6)}${pad(ofAll, 5)}${pad(pct(agreeAll, ofAll), 8)}`,
  );
  // The RFC 3463 view: the corpus's `status` column read with this module's policy.
  const withStatus = results.filter(
    (r) =>
      isBounceLabel(r.item.label) && isBounceLabel(r.predicted) && /^[45]\.\d+\.\d+$/.test(r.item.status),
  );
  const agree = withStatus.filter((r) => {
    const s = r.item.status;
    return (s[0] === '4' || s === '5.2.2' ? 'bounce_soft' : 'bounce_hard') === r.predicted;
  }).length;
  console.log(
    `  vs the corpus 'status' column under this module's policy (class 5 hard except 5.2.2; class 4 soft): ${agree}/${withStatus.length} ${pct(agree, withStatus.length)}`,
  );
}

function printRecipients(results: Result[]) {
  const rows = results.filter((r) => r.item.failedRecipients.length > 0 && r.c.kind === 'bounce');
  let found = 0;
  let exact = 0;
  const misses: string[] = [];
  for (const r of rows) {
    const got = new Set(r.c.kind === 'bounce' ? r.c.recipients.map((x) => x.address ?? '') : []);
    const want = r.item.failedRecipients;
    const all = want.every((w) => got.has(w));
    if (all) found++;
    if (all && got.size === want.length) exact++;
    if (!all || got.size !== want.length)
      misses.push(`    ${r.item.path}: label ${want.join(',')}; ours ${[...got].join(',') || '(none)'}`);
  }
  console.log(
    `\nFailed recipients, where the label names them (${rows.length} bounces): every named one found ${found} (${pct(found, rows.length)}); exactly the named set ${exact} (${pct(exact, rows.length)})`,
  );
  for (const m of misses) console.log(m);
  const bounces = results.filter((r) => r.c.kind === 'bounce');
  const addressed = bounces.filter(
    (r) => r.c.kind === 'bounce' && r.c.recipients.every((x) => x.address),
  ).length;
  const coded = bounces.filter((r) => r.c.kind === 'bounce' && r.c.recipients.every((x) => x.status)).length;
  console.log(
    `  predicted bounces naming every recipient's address: ${addressed}/${bounces.length}; with a status code for every recipient: ${coded}/${bounces.length}`,
  );
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
async function throughput(raws: Buffer[], passes: number) {
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

async function main() {
  const passesArg = process.argv.indexOf('--passes');
  const passes = passesArg > 0 ? Math.max(1, Number(process.argv[passesArg + 1])) : 7;
  const dir = corpusDir();
  if (!corpusAvailable(dir)) {
    console.error(`corpus not found at ${dir} (set CORPUS_DIR)`);
    process.exit(1);
  }
  const items = loadCorpus(dir);
  const raws = items.map((i) => fs.readFileSync(i.file));
  console.log(
    `Corpus: ${dir}: ${items.length} messages, ${(raws.reduce((n, r) => n + r.length, 0) / 1024).toFixed(0)} KiB\n`,
  );

  const results: Result[] = [];
  for (let i = 0; i < items.length; i++) {
    const c = classifyMessage(await parseMessage(raws[i]), raws[i], { now: NOW });
    results.push({ item: items[i], c, predicted: predictedLabel(c) });
  }
  printQuality(results);
  printSeverity(results);
  printRecipients(results);
  const m = await throughput(raws, passes);

  const bounceOk = results.filter((r) => isBounceLabel(r.item.label) === isBounceLabel(r.predicted)).length;
  const humans = results.filter((r) => r.item.label === 'human_reply');
  const humanWrong = humans.filter((r) => r.predicted !== 'human_reply');
  const autos = results.filter((r) => r.item.label === 'auto_reply');
  const autoOk = autos.filter((r) => r.predicted === 'auto_reply').length;
  const strict = autos.filter((r) => !/content-assisted/.test(r.item.labelBasis));
  const strictOk = strict.filter((r) => r.predicted === 'auto_reply').length;
  const line = (ok: boolean, text: string) => console.log(`  [${ok ? 'PASS' : 'FAIL'}] ${text}`);
  console.log('\nTargets');
  line(
    bounceOk / results.length >= 0.98,
    `bounce vs not-bounce correct: ${bounceOk}/${results.length} = ${pct(bounceOk, results.length)} (≥ 98%)`,
  );
  line(
    humanWrong.length === 0,
    `human replies classified as anything else: ${humanWrong.length}/${humans.length}${humanWrong.map((r) => ' ' + r.item.path).join('')}`,
  );
  line(
    autoOk / autos.length >= 0.95,
    `auto-replies recognised: ${autoOk}/${autos.length} = ${pct(autoOk, autos.length)}; source-asserted only: ${strictOk}/${strict.length} (≥ 95%)`,
  );
  line(
    m.ratio >= 0.5,
    `throughput with classification vs bare mailparser: ${pct(m.ratio, 1)} measured, ${pct(m.derived, 1)} implied by the classify-only rate (≥ 50%)`,
  );

  const wrong = results.filter(
    (r) => r.item.label !== 'other' && family(r.item.label) !== family(r.predicted),
  );
  const otherBounce = results.filter((r) => r.item.label === 'other' && isBounceLabel(r.predicted));
  if (wrong.length + otherBounce.length > 0) {
    console.log('\nWrong category');
    for (const r of [...wrong, ...otherBounce])
      console.log(`  ${r.item.label} → ${r.predicted}: ${r.item.path}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
