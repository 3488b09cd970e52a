/**
 * Cuts a large message down to what classification and ingestion read, before mailparser
 * decodes it: the headers, the report parts, the start of the text, and the header block of a
 * returned message. mailparser decodes (and checksums) every part, so an 18 MB attachment cost
 * seconds although no rule looks at it (issue 14, finding 7).
 *
 * The walk works on the bytes (`Buffer.indexOf` for the boundaries, no decoding, no copy but
 * the final one), so its cost is one pass over the message. Kept parts keep their own header
 * lines; a cut body ends on a line boundary (base64 on a whole quantum), which mailparser
 * decodes as a shorter body. Messages below `TRIM_ABOVE` pass unchanged.
 */
import { parseContentType, parseHeaderBlock } from './mime';

/** Messages up to this size are parsed as they are. */
export const TRIM_ABOVE = 256 * 1024;
/** Encoded bytes kept of each text/plain or text/html body (the rules read 16 KiB of text). */
const TEXT_KEEP = 128 * 1024;
/** Encoded bytes of text kept over the whole message. */
const TEXT_BUDGET = 512 * 1024;
/** Bytes kept of a report part (delivery-status, feedback report, returned headers). */
const REPORT_KEEP = 1024 * 1024;
/** Bytes kept of an attached message: its header block and the start of its body. */
const ATTACHED_MESSAGE_KEEP = 64 * 1024;
/** Leaf parts kept; mailparser refuses more than 1,000 nodes, and no rule needs the 100th part. */
const MAX_LEAVES = 100;
const MAX_DEPTH = 8;
/** A header block longer than this is not a part we can read; the message is left as it is. */
const MAX_HEAD = 256 * 1024;

const REPORT_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'message/feedback-report',
  'message/disposition-notification',
  'message/global-disposition-notification',
  'text/rfc822-headers',
  'message/rfc822-headers',
  'message/global-headers',
]);
const ATTACHED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);

export interface TrimResult {
  raw: Buffer;
  /** Parts whose body was cut or dropped (0 when the message passed unchanged). */
  trimmedParts: number;
}

interface Walk {
  chunks: Buffer[];
  leaves: number;
  textLeft: number;
  trimmed: number;
}

/** The message with large bodies cut; `raw` itself when it is small or cannot be walked. */
export function trimLargeParts(raw: Buffer): TrimResult {
  if (raw.length <= TRIM_ABOVE) return { raw, trimmedParts: 0 };
  const walk: Walk = { chunks: [], leaves: 0, textLeft: TEXT_BUDGET, trimmed: 0 };
  if (!trimEntity(raw, 0, raw.length, 0, walk) || walk.trimmed === 0) return { raw, trimmedParts: 0 };
  return { raw: Buffer.concat(walk.chunks), trimmedParts: walk.trimmed };
}

/** End of the header block starting at `start`: the offset of the body, or -1. */
function bodyStart(raw: Buffer, start: number, end: number): number {
  const limit = Math.min(end, start + MAX_HEAD);
  if (raw[start] === 0x0a) return start + 1;
  if (raw[start] === 0x0d && raw[start + 1] === 0x0a) return start + 2;
  let pos = start;
  while (pos < limit) {
    const nl = raw.indexOf(0x0a, pos);
    if (nl < 0 || nl >= limit) return -1;
    if (raw[nl + 1] === 0x0a) return nl + 2;
    if (raw[nl + 1] === 0x0d && raw[nl + 2] === 0x0a) return nl + 3;
    pos = nl + 1;
  }
  return -1;
}

/**
 * Appends the entity `raw[start, end)` to `walk.chunks`, cut where it is large; false when its
 * header block cannot be found (the caller then keeps the message whole).
 */
function trimEntity(raw: Buffer, start: number, end: number, depth: number, walk: Walk): boolean {
  const body = bodyStart(raw, start, end);
  if (body < 0) {
    if (depth === 0) return false;
    // A part whose header block never ends: kept as the start of a text.
    const cut = Math.min(end, start + TEXT_KEEP);
    if (cut < end) walk.trimmed++;
    walk.chunks.push(raw.subarray(start, cut));
    return true;
  }
  const headers = parseHeaderBlock(raw.toString('latin1', start, body));
  const { type, params } = parseContentType(headers.get('content-type'));
  walk.chunks.push(raw.subarray(start, body));
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    trimMultipart(raw, body, end, params.boundary, depth, walk);
    return true;
  }
  walk.leaves++;
  const keep = keptBytes(type, headers, walk);
  if (end - body <= keep) {
    walk.chunks.push(raw.subarray(body, end));
    if (isText(type, headers)) walk.textLeft -= end - body;
    return true;
  }
  walk.trimmed++;
  const cut = cutPoint(raw, body, body + keep, headers.get('content-transfer-encoding'));
  walk.chunks.push(raw.subarray(body, cut), Buffer.from('\r\n'));
  if (isText(type, headers)) walk.textLeft -= cut - body;
  return true;
}

function isText(type: string, headers: Map<string, string>): boolean {
  if (type !== '' && type !== 'text/plain' && type !== 'text/html') return false;
  const disposition = (headers.get('content-disposition') ?? '').toLowerCase();
  return !disposition.startsWith('attachment');
}

function keptBytes(type: string, headers: Map<string, string>, walk: Walk): number {
  if (REPORT_TYPES.has(type)) return REPORT_KEEP;
  if (ATTACHED_MESSAGE_TYPES.has(type)) return ATTACHED_MESSAGE_KEEP;
  if (isText(type, headers)) return Math.max(0, Math.min(TEXT_KEEP, walk.textLeft));
  return 0;
}

/** Where to cut a body of `[body, want)`: at a line end, and for base64 on a whole quantum. */
function cutPoint(raw: Buffer, body: number, want: number, encoding: string | undefined): number {
  if (want <= body) return body;
  const lastNewline = raw.lastIndexOf(0x0a, want - 1);
  if (lastNewline >= body) return lastNewline + 1;
  // One long line: base64 decodes in groups of four characters.
  const isBase64 = (encoding ?? '').trim().toLowerCase() === 'base64';
  return isBase64 ? body + Math.floor((want - body) / 4) * 4 : want;
}

/** Offsets of the delimiter lines `--boundary` in `raw[body, end)` (RFC 2046 §5.1.1), the closing one last. */
function delimiters(
  raw: Buffer,
  body: number,
  end: number,
  boundary: string,
): { at: number; close: boolean }[] {
  const needle = Buffer.from(`--${boundary}`, 'latin1');
  const found: { at: number; close: boolean }[] = [];
  let pos = body;
  while (pos < end) {
    const at = raw.indexOf(needle, pos);
    if (at < 0 || at >= end) break;
    const after = at + needle.length;
    const atLineStart = at === body || raw[at - 1] === 0x0a;
    const close = raw[after] === 0x2d && raw[after + 1] === 0x2d;
    // The delimiter is followed by the end of the line (or `--`), not by more of a longer boundary.
    const next = raw[after];
    const whole = close || after >= end || next === 0x0d || next === 0x0a || next === 0x20 || next === 0x09;
    if (atLineStart && whole) {
      found.push({ at, close });
      if (close) break;
    }
    pos = after;
  }
  return found;
}

function trimMultipart(raw: Buffer, body: number, end: number, boundary: string, depth: number, walk: Walk) {
  const marks = delimiters(raw, body, end, boundary);
  if (marks.length === 0) {
    walk.chunks.push(raw.subarray(body, end));
    return;
  }
  walk.chunks.push(raw.subarray(body, marks[0].at)); // preamble
  for (let i = 0; i < marks.length; i++) {
    const { at, close } = marks[i];
    const lineEnd = raw.indexOf(0x0a, at);
    const partStart = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    if (!close && walk.leaves >= MAX_LEAVES) {
      walk.trimmed++;
      continue; // the part is dropped with its delimiter
    }
    walk.chunks.push(raw.subarray(at, partStart));
    if (close) {
      // The epilogue is ignored by readers (RFC 2046 §5.1.1); keep a little of it.
      walk.chunks.push(raw.subarray(partStart, Math.min(end, partStart + 1024)));
      if (end - partStart > 1024) walk.trimmed++;
      return;
    }
    const partEnd = i + 1 < marks.length ? marks[i + 1].at : end;
    // The line break before the next delimiter belongs to the delimiter.
    const contentEnd = partEnd > partStart && raw[partEnd - 1] === 0x0a ? partEnd - 1 : partEnd;
    const bodyEnd = contentEnd > partStart && raw[contentEnd - 1] === 0x0d ? contentEnd - 1 : contentEnd;
    trimEntity(raw, partStart, bodyEnd, depth + 1, walk);
    walk.chunks.push(raw.subarray(bodyEnd, partEnd));
  }
}
