import { simpleParser, type ParsedMail } from 'mailparser';
import { trimLargeParts } from './trim-large-parts';

/** Why a message could not be accepted; the ingestion layer maps `code` to a 4xx answer. */
export type InvalidMessageCode =
  'empty_message' | 'message_too_large' | 'not_a_message' | 'unparseable_message';

export class InvalidMessageError extends Error {
  readonly code: InvalidMessageCode;
  constructor(code: InvalidMessageCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidMessageError';
    this.code = code;
  }
}

export interface ParseOptions {
  /** Largest accepted message in bytes (default 25 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** HTML bodies longer than this are not converted to text (mailparser's own guard). */
const MAX_HTML_TO_PARSE = 2 * 1024 * 1024;
/** How much of the head of the input is examined for a header block. */
const HEADER_PROBE_BYTES = 64 * 1024;

/**
 * Parses one raw RFC 5322 message with mailparser's `simpleParser`.
 *
 * - Empty input, input larger than `maxBytes`, and input that has no header block at all
 *   (binary data, plain prose) throw `InvalidMessageError` with a code.
 * - Blank or whitespace-only lines before the header block (left by some exports and
 *   mbox tools) are skipped, so such a message keeps its headers.
 * - A message whose body is damaged (truncated multipart, bad encodings) is parsed as far as
 *   it goes, as mailparser does; any error mailparser throws is wrapped in
 *   `InvalidMessageError('unparseable_message')`, never leaked untyped.
 * - A large message is parsed without the bytes no rule reads (see trim-large-parts.ts): its
 *   text is the start of its text parts, and attachments other than reports and returned
 *   messages are listed with an empty content. The caller keeps `raw` for its size and hash.
 */
export async function parseMessage(raw: Buffer, options: ParseOptions = {}): Promise<ParsedMail> {
  if (!Buffer.isBuffer(raw)) throw new InvalidMessageError('not_a_message', 'message must be a Buffer');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (raw.length > maxBytes) {
    throw new InvalidMessageError(
      'message_too_large',
      `message is ${raw.length} bytes; the limit is ${maxBytes}`,
    );
  }
  const start = headerStart(raw);
  if (start < 0) throw new InvalidMessageError('empty_message', 'message is empty');
  if (!looksLikeHeaderBlock(raw, start)) {
    throw new InvalidMessageError('not_a_message', 'input does not start with an RFC 5322 header block');
  }
  const { raw: input, trimmedParts } = trimLargeParts(start === 0 ? raw : raw.subarray(start));
  try {
    return await simpleParser(input, {
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      maxHtmlLengthToParse: MAX_HTML_TO_PARSE,
      // html-to-text takes ~2 ms per KiB of HTML: on a cut message the classifier's own cheap
      // conversion of the HTML's start (text.ts) does instead, as it does for any HTML-only mail.
      skipHtmlToText: trimmedParts > 0,
    });
  } catch (error) {
    throw new InvalidMessageError('unparseable_message', 'message could not be parsed', { cause: error });
  }
}

/** Offset of the first line that is not blank/whitespace-only; -1 when there is none. */
export function headerStart(raw: Buffer): number {
  let lineStart = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x0a) {
      lineStart = i + 1;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      return lineStart;
    }
  }
  return -1;
}

// A field name as mail software writes them (RFC 5322 allows any printable ASCII but ':';
// real names are tokens: letters, digits and a few marks).
const HEADER_LINE = /^[A-Za-z0-9][A-Za-z0-9!#$%&'*+.^_`|~-]{0,99}[ \t]*:/;
const MBOX_FROM = /^From \S/;

/**
 * True when the bytes at `start` begin with header fields: the first line is a header field
 * (or an mbox "From " line followed by one) and no NUL byte appears in the header block.
 */
function looksLikeHeaderBlock(raw: Buffer, start: number): boolean {
  const head = raw.toString('latin1', start, Math.min(raw.length, start + HEADER_PROBE_BYTES));
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  if (block.includes('\u0000')) return false;
  const lines = block.split(/\r?\n/).filter((l) => l.length > 0);
  let i = 0;
  if (MBOX_FROM.test(lines[0] ?? '')) i = 1;
  if (!HEADER_LINE.test(lines[i] ?? '')) return false;
  // Most lines of a header block are fields or folded continuations.
  let good = 0;
  for (const line of lines) if (HEADER_LINE.test(line) || /^[ \t]/.test(line) || MBOX_FROM.test(line)) good++;
  return good / lines.length >= 0.8;
}
