/**
 * What `bench:classify` prints about the classifier's answers on the labelled corpus: the
 * confusion matrix (all, then per source folder), accuracy per category, hard/soft agreement
 * with the policy, and the failed recipients.
 */
import path from 'node:path';
import type { Classification } from '../../src/server/inbound/classify';
import { LABELS, isBounceLabel, policySeverity, type CorpusItem, type Label } from './corpus';

export type Result = { item: CorpusItem; c: Classification; predicted: Label };

export const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
export const pad = (s: string | number, n: number) => String(s).padStart(n);
export const family = (l: Label) => (isBounceLabel(l) ? 'bounce' : l);

const COLUMNS = LABELS.filter((l) => l !== 'other');

function matrix(results: Result[], indent = '') {
  console.log(
    `${indent}${''.padEnd(16)}${COLUMNS.map((l) => pad(l, 15)).join('')}${pad('total', 7)}${pad('accuracy', 10)}`,
  );
  for (const label of LABELS) {
    const row = results.filter((r) => r.item.label === label);
    if (row.length === 0) continue;
    const counts = COLUMNS.map((p) => row.filter((r) => r.predicted === p).length);
    const correct = row.filter((r) =>
      label === 'other' ? !isBounceLabel(r.predicted) : r.predicted === label,
    ).length;
    console.log(
      `${indent}${label.padEnd(16)}${counts.map((n) => pad(n, 15)).join('')}${pad(row.length, 7)}${pad(pct(correct, row.length), 10)}`,
    );
  }
}

export function printQuality(results: Result[]) {
  console.log('Confusion matrix (rows: label, columns: predicted)');
  matrix(results);
  console.log(
    '  (\'other\' = sisimai maildir/not/, "is not a bounce": any answer but a bounce is right for it)',
  );
  const five = results.filter((r) => r.item.label !== 'other');
  console.log(
    `Overall exact-label accuracy (other excluded): ${pct(five.filter((r) => r.predicted === r.item.label).length, five.length)}`,
  );

  console.log('\nConfusion matrix per source folder');
  const folders = [...new Set(results.map((r) => path.dirname(r.item.path)))].sort();
  for (const folder of folders) {
    const rows = results.filter((r) => path.dirname(r.item.path) === folder);
    const right = rows.filter((r) =>
      isBounceLabel(r.item.label)
        ? isBounceLabel(r.predicted)
        : r.item.label === 'other'
          ? !isBounceLabel(r.predicted)
          : r.predicted === r.item.label,
    ).length;
    console.log(`  ${folder} (${rows.length}; right category ${pct(right, rows.length)})`);
    matrix(rows, '    ');
  }

  console.log('\nAccuracy per category (bounce = hard or soft)');
  for (const cat of ['bounce', 'auto_reply', 'auto_generated', 'human_reply']) {
    const row = results.filter((r) => family(r.item.label) === cat);
    const ok = row.filter((r) => family(r.predicted) === cat).length;
    console.log(`  ${cat.padEnd(16)} ${pad(pct(ok, row.length), 7)}  (${ok}/${row.length})`);
  }
}

/** Agreement with this module's policy, derived from each source's reason and code (`policySeverity`). */
export function printSeverity(results: Result[]): { agree: number; of: number } {
  const bounces = results.filter((r) => isBounceLabel(r.item.label) && isBounceLabel(r.predicted));
  const graded = bounces.filter((r) => policySeverity(r.item) !== null);
  const agreeing = graded.filter((r) => policySeverity(r.item) === r.predicted);
  console.log('\nHard/soft against the policy (README "Hard or soft"), from the sources\' reasons and codes');
  console.log(
    `  agree ${agreeing.length}/${graded.length} = ${pct(agreeing.length, graded.length)}; ` +
      `${bounces.length - graded.length} bounces whose label gives neither a reason nor a code are left out`,
  );
  for (const r of graded.filter((x) => policySeverity(x.item) !== x.predicted)) {
    const why =
      r.c.kind === 'bounce' ? r.c.recipients.map((x) => `${x.reason} ${x.status ?? '-'}`).join(', ') : '';
    console.log(
      `    ${r.item.path}: source ${r.item.reason || '-'} ${r.item.status || '-'} → policy ${policySeverity(r.item)}; ours ${r.predicted} (${why})`,
    );
  }
  console.log(
    "  The sources' own hard/soft, for reference (each grades by its own rule; see the corpus README)",
  );
  for (const source of [...new Set(bounces.map((r) => r.item.source))]) {
    const rows = bounces.filter((r) => r.item.source === source);
    const agree = rows.filter((r) => r.item.label === r.predicted).length;
    console.log(
      `    ${source.slice(0, 44).padEnd(46)}${pad(agree, 5)}${pad(rows.length, 5)}${pad(pct(agree, rows.length), 8)}`,
    );
  }
  return { agree: agreeing.length, of: graded.length };
}

export function printRecipients(results: Result[]): { found: number; of: number } {
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
  return { found, of: rows.length };
}
