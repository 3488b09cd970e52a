/**
 * The labelled email corpus (test/fixtures/corpus/email, see its README.md): where it is and how its labels compare with
 * the classifier's answers. Used by the benchmark and by the corpus test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Classification } from '../../src/server/inbound/classify';

export const LABELS = [
  'bounce_hard',
  'bounce_soft',
  'auto_reply',
  'auto_generated',
  'human_reply',
  'other',
] as const;
export type Label = (typeof LABELS)[number];

export interface CorpusItem {
  path: string; // relative to the corpus folder
  file: string; // absolute
  label: Label;
  source: string;
  failedRecipients: string[];
  status: string;
  reason: string;
  labelBasis: string;
}

/** Where the corpus is: `CORPUS_DIR` (another labelled set in the same layout), else the copy in the repository. */
export function corpusDir(): string {
  return process.env.CORPUS_DIR || path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'corpus', 'email');
}

export function corpusAvailable(dir = corpusDir()): boolean {
  return fs.existsSync(path.join(dir, 'labels.tsv'));
}

export function loadCorpus(dir = corpusDir()): CorpusItem[] {
  const lines = fs.readFileSync(path.join(dir, 'labels.tsv'), 'utf8').split('\n');
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  const items: CorpusItem[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    items.push({
      path: f[col('path')],
      file: path.join(dir, f[col('path')]),
      label: f[col('category')] as Label,
      source: f[col('source_repo')],
      failedRecipients: (f[col('failed_recipient')] ?? '')
        .split(';')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      status: f[col('status')] ?? '',
      reason: f[col('reason')] ?? '',
      labelBasis: f[col('label_basis')] ?? '',
    });
  }
  return items;
}

/** The label the classifier's answer corresponds to. A bounce is hard when any recipient is. */
export function predictedLabel(c: Classification): Label {
  switch (c.kind) {
    case 'bounce':
      return c.recipients.some((r) => r.severity === 'hard') ? 'bounce_hard' : 'bounce_soft';
    case 'auto_reply':
      return 'auto_reply';
    case 'auto_generated':
      return 'auto_generated';
    case 'human':
      return 'human_reply';
  }
}

export const isBounceLabel = (l: Label): boolean => l === 'bounce_hard' || l === 'bounce_soft';

/** Source reasons (sisimai, BounceParser, flufl.bounce) that name a failure the policy grades by meaning. */
// `notaccept` is a domain that accepts no mail (RFC 7505 null MX): the policy's "no such domain".
const HARD_REASONS = new Set([
  'userunknown',
  'user_unknown',
  'hostunknown',
  'domain_error',
  'hasmoved',
  'suspend',
  'notaccept',
]);
const SOFT_REASONS = new Set([
  'mailboxfull',
  'over_quota',
  'mesgtoobig',
  'exceedlimit',
  'expired',
  'toomanyconn',
  'ratelimited',
  'speeding',
  'temporary', // flufl.bounce: a warning, delivery still being tried
]);

/**
 * The severity the classifier's policy (src/server/inbound/classify/README.md, "Hard or soft")
 * gives a labelled bounce, derived from the source's own reason and status, not from the
 * classifier: the failures the policy grades by meaning, else the status class. Null when the
 * label says neither (flufl.bounce's "permanent", BounceParser's "spam" without a code): the
 * source's hard/soft then follows its own rule, not this policy. A bounce is hard when any of
 * its recipients is.
 */
export function policySeverity(item: CorpusItem): 'bounce_hard' | 'bounce_soft' | null {
  if (!isBounceLabel(item.label)) return null;
  const statuses = item.status.split(';');
  const graded = item.reason.split(';').map((reason, i) => {
    const status = statuses[i] ?? statuses[0] ?? '';
    if (HARD_REASONS.has(reason)) return 'hard';
    if (SOFT_REASONS.has(reason)) return 'soft';
    if (/^[45]\.\d+\.\d+$/.test(status)) return status[0] === '4' ? 'soft' : 'hard';
    return null;
  });
  if (graded.includes('hard')) return 'bounce_hard';
  return graded.every((g) => g === 'soft') ? 'bounce_soft' : null;
}
