/**
 * Classifier benchmark over the labelled corpus (`CORPUS_DIR`, default
 * test/fixtures/corpus/email): confusion matrix (all and per source folder), per-category
 * accuracy, bounce-vs-not-bounce accuracy, hard/soft agreement with the policy, failed-recipient
 * agreement, throughput beside bare mailparser, and the time to take messages near the size limit.
 *
 *   npx tsx bench/classify/run.ts [--passes N]      (npm run bench:classify)
 */
import fs from 'node:fs';
import { classifyMessage, parseMessage } from '../../src/server/inbound/classify';
import { corpusAvailable, corpusDir, isBounceLabel, loadCorpus, predictedLabel } from './corpus';
import { family, pct, printQuality, printRecipients, printSeverity, type Result } from './quality';
import { printLargeMessages, printThroughput } from './throughput';

const NOW = new Date('2026-01-15T00:00:00Z');

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
  const severity = printSeverity(results);
  const recipients = printRecipients(results);
  const m = await printThroughput(raws, passes);
  const largest = await printLargeMessages();

  const bounceOk = results.filter((r) => isBounceLabel(r.item.label) === isBounceLabel(r.predicted)).length;
  const bounces = results.filter((r) => isBounceLabel(r.item.label));
  const bouncesAsHuman = bounces.filter((r) => r.predicted === 'human_reply');
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
    bouncesAsHuman.length === 0,
    `bounces read as human replies: ${bouncesAsHuman.length}/${bounces.length}${bouncesAsHuman.map((r) => ' ' + r.item.path).join('')}`,
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
    severity.agree / severity.of >= 0.95,
    `hard/soft agreeing with the policy: ${severity.agree}/${severity.of} = ${pct(severity.agree, severity.of)} (≥ 95%)`,
  );
  line(
    recipients.found / recipients.of >= 0.97,
    `failed recipient found where the label names one: ${recipients.found}/${recipients.of} = ${pct(recipients.found, recipients.of)} (≥ 97%)`,
  );
  line(
    m.ratio >= 0.5,
    `throughput with classification vs bare mailparser: ${pct(m.ratio, 1)} measured, ${pct(m.derived, 1)} implied by the classify-only rate (≥ 50%)`,
  );
  line(largest <= 1000, `slowest message near 25 MiB: ${largest.toFixed(0)} ms (≤ 1000 ms)`);

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
