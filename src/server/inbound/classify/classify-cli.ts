/**
 * `npm run classify -- <file.eml …>`: how the classifier reads stored messages, for an operator
 * asking why a message was taken for a bounce, an auto-reply or a person. Prints one JSON array:
 * per file its classification (kind, recipients with reason and status, and the signals that
 * decided it) or the reason it could not be read. `-` reads a message from standard input;
 * `--now 2026-12-01` sets the clock that dates an out-of-office's return (default: now).
 * Exits 1 when a file could not be read or parsed.
 */
import fs from 'node:fs';
import { InvalidMessageError, classifyMessage, parseMessage, type Classification } from './index';
import { trimLargeParts } from './trim-large-parts';

export type FileReport =
  | { file: string; bytes: number; trimmedParts: number; classification: Classification }
  | { file: string; error: { code: string; message: string } };

export async function classifyFiles(files: string[], now: Date, stdin?: () => Buffer): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) {
    let raw: Buffer;
    try {
      raw = file === '-' && stdin ? stdin() : fs.readFileSync(file);
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code ?? 'read_error';
      reports.push({
        file,
        error: { code, message: error instanceof Error ? error.message : String(error) },
      });
      continue;
    }
    try {
      const parsed = await parseMessage(raw);
      const classification = classifyMessage(parsed, raw, { now });
      reports.push({
        file,
        bytes: raw.length,
        trimmedParts: trimLargeParts(raw).trimmedParts,
        classification,
      });
    } catch (error: unknown) {
      if (!(error instanceof InvalidMessageError)) throw error;
      reports.push({ file, error: { code: error.code, message: error.message } });
    }
  }
  return reports;
}

function parseArgs(argv: string[]): { files: string[]; now: Date } {
  const files: string[] = [];
  let now = new Date();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--now') {
      now = new Date(argv[++i] ?? '');
      if (Number.isNaN(now.getTime())) throw new Error('--now takes a date, e.g. --now 2026-12-01');
    } else files.push(argv[i]);
  }
  if (files.length === 0)
    throw new Error('usage: npm run classify -- [--now YYYY-MM-DD] <file.eml …> (- reads stdin)');
  return { files, now };
}

async function main(): Promise<void> {
  const { files, now } = parseArgs(process.argv.slice(2));
  const reports = await classifyFiles(files, now, () => fs.readFileSync(0));
  process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  if (reports.some((r) => 'error' in r)) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
}
