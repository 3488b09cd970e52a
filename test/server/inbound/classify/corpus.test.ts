/**
 * The targets on the labelled corpus in test/fixtures/corpus/email (see bench/classify for the
 * full report). `CORPUS_DIR` points it at another labelled set of the same layout.
 */
import fs from 'node:fs';
import { classifyMessage, parseMessage, type Classification } from '../../../../src/server/inbound/classify';
import {
  corpusDir,
  isBounceLabel,
  loadCorpus,
  policySeverity,
  predictedLabel,
  type CorpusItem,
  type Label,
} from '../../../../bench/classify/corpus';

const dir = corpusDir();
const NOW = new Date('2026-01-15T00:00:00Z');

describe('labelled corpus', () => {
  let results: { item: CorpusItem; c: Classification; predicted: Label }[] = [];
  beforeAll(async () => {
    results = [];
    for (const item of loadCorpus(dir)) {
      const raw = fs.readFileSync(item.file);
      const c = classifyMessage(await parseMessage(raw), raw, { now: NOW });
      results.push({ item, c, predicted: predictedLabel(c) });
    }
  });
  const wrong = (rows: typeof results) => rows.map((r) => `${r.item.path}: ${r.item.label} → ${r.predicted}`);

  it('holds the labelled messages', () => {
    expect(results.length).toBeGreaterThanOrEqual(240);
  });

  it('tells bounces from other mail in at least 98% of messages', () => {
    const bad = results.filter((r) => isBounceLabel(r.item.label) !== isBounceLabel(r.predicted));
    expect(1 - bad.length / results.length).toBeGreaterThanOrEqual(0.98);
    expect(wrong(bad)).toEqual([]); // today: none; keep it that way
  });

  it('classifies no human reply as anything else', () => {
    expect(
      wrong(results.filter((r) => r.item.label === 'human_reply' && r.predicted !== 'human_reply')),
    ).toEqual([]);
  });

  it('recognises at least 95% of auto-replies', () => {
    const autos = results.filter((r) => r.item.label === 'auto_reply');
    const missed = autos.filter((r) => r.predicted !== 'auto_reply');
    expect(1 - missed.length / autos.length).toBeGreaterThanOrEqual(0.95);
  });

  it('recognises auto-generated mail as such', () => {
    const rows = results.filter((r) => r.item.label === 'auto_generated');
    expect(wrong(rows.filter((r) => r.predicted !== 'auto_generated'))).toEqual([]);
  });

  it('calls no "is not a bounce" message a bounce', () => {
    expect(wrong(results.filter((r) => r.item.label === 'other' && isBounceLabel(r.predicted)))).toEqual([]);
  });

  it('grades bounces by the documented policy (README: meaning first, then the status class)', () => {
    const rows = results.filter((r) => isBounceLabel(r.predicted) && policySeverity(r.item) !== null);
    expect(rows.length).toBeGreaterThanOrEqual(130);
    const disagree = rows.filter((r) => policySeverity(r.item) !== r.predicted);
    expect(1 - disagree.length / rows.length).toBeGreaterThanOrEqual(0.95);
  });

  it('finds the failed recipients that the labels name', () => {
    const rows = results.filter((r) => r.item.failedRecipients.length > 0);
    const found = rows.filter(
      (r) =>
        r.c.kind === 'bounce' &&
        r.item.failedRecipients.every(
          (a) => r.c.kind === 'bounce' && r.c.recipients.some((x) => x.address === a),
        ),
    );
    expect(found.length / rows.length).toBeGreaterThanOrEqual(0.9);
  });
});
