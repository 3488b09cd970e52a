/**
 * The shared labelled corpus (see its README.md): where it is and how its labels compare with
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

/**
 * Where the corpus is: `CORPUS_DIR`; else `shared/corpus/email` beside the repository (how CI
 * lays out its clone and the copy of shared/); else `/work/shared/corpus/email`.
 */
export function corpusDir(): string {
  if (process.env.CORPUS_DIR) return process.env.CORPUS_DIR;
  const beside = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'email');
  if (fs.existsSync(path.join(beside, 'labels.tsv'))) return beside;
  return '/work/shared/corpus/email';
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
