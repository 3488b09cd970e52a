import fs from 'node:fs';
import path from 'node:path';
import { classifyMessage, parseMessage, type Classification } from '../../../../src/server/inbound/classify';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/email');
/** The clock the fixtures were written against: a few days before their December 2026 dates. */
export const NOW = new Date('2026-11-20T12:00:00Z');

export async function classifyFile(relative: string, now = NOW): Promise<Classification> {
  const raw = fs.readFileSync(path.join(FIXTURES, relative));
  return classifyMessage(await parseMessage(raw), raw, { now });
}

/** Builds a raw message from header lines and a body (LF line ends, as stored mail often has). */
export function rawMessage(headers: Record<string, string>, body: string): Buffer {
  const base: Record<string, string> = {
    From: 'Pat Prospect <pat@prospect.example>',
    To: 'Riley Rep <rep@acme-tools.example>',
    Date: 'Tue, 1 Dec 2026 09:00:00 +0000',
    'Message-ID': '<test-1@prospect.example>',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
  };
  const all = { ...base, ...headers };
  const lines = Object.entries(all)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  return Buffer.from(`${lines.join('\n')}\n\n${body}\n`, 'utf8');
}

export async function classifyRaw(raw: Buffer, now = NOW): Promise<Classification> {
  return classifyMessage(await parseMessage(raw), raw, { now });
}
