/**
 * A small, bounded MIME walker over the raw bytes. mailparser folds a
 * `message/delivery-status` part into `parsed.text` and keeps the headers of attached
 * messages only as attachments; the report parsers need the parts themselves. Only the
 * first `MAX_RAW_SCAN` bytes are examined and at most `MAX_PARTS` parts are visited.
 */
export const MAX_RAW_SCAN = 1024 * 1024;
const MAX_PARTS = 64;
const MAX_DEPTH = 5;

export interface RawPart {
  type: string; // lower-cased media type, e.g. 'message/delivery-status'
  params: Record<string, string>;
  headers: Map<string, string>;
  /** Decoded body as a string (transfer encoding undone, bytes read as UTF-8). */
  body: string;
}

export function parseContentType(value: string | undefined): {
  type: string;
  params: Record<string, string>;
} {
  if (!value) return { type: '', params: {} };
  const [head, ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[k] = v;
  }
  return { type: head.trim().toLowerCase(), params };
}

function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parses an unfolded header block into lower-cased names → first value. */
export function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits an entity into its header block and body; skips leading blank lines. */
function splitEntity(s: string): { head: string; body: string } {
  const lead = /^(?:[ \t]*\r?\n)*/.exec(s);
  const start = lead ? lead[0].length : 0;
  if (/^\r?\n/.test(s.slice(start))) return { head: '', body: s.slice(start) };
  const m = /\r?\n\r?\n/.exec(s.slice(start));
  if (!m) return { head: s.slice(start), body: '' };
  return { head: s.slice(start, start + m.index), body: s.slice(start + m.index + m[0].length) };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  let bytes: Buffer;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const decoded = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    bytes = Buffer.from(decoded, 'latin1');
  } else bytes = Buffer.from(body, 'latin1');
  return bytes.toString('utf8');
}

/**
 * Visits the MIME parts of the raw message (depth first, without entering attached
 * messages) and returns those whose media type satisfies `wanted`.
 */
export function findParts(raw: Buffer, wanted: (type: string) => boolean): RawPart[] {
  const text = raw.toString('latin1', 0, Math.min(raw.length, MAX_RAW_SCAN));
  const found: RawPart[] = [];
  let visited = 0;
  const visit = (entity: string, depth: number): void => {
    if (visited++ >= MAX_PARTS) return;
    const { head, body } = splitEntity(entity);
    const headers = parseHeaderBlock(head);
    const { type, params } = parseContentType(headers.get('content-type'));
    if (wanted(type)) {
      found.push({ type, params, headers, body: decodeBody(body, headers.get('content-transfer-encoding')) });
    }
    const boundary = type.startsWith('multipart/') ? (params.boundary ?? inferBoundary(body)) : undefined;
    if (boundary && depth < MAX_DEPTH) {
      for (const part of splitMultipart(body, boundary)) visit(part, depth + 1);
    }
  };
  visit(text, 0);
  return found;
}

/** The parts between the boundary delimiters; a missing closing delimiter is tolerated. */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = '--' + boundary;
  const parts: string[] = [];
  let pos = body.startsWith(delimiter) ? 0 : body.indexOf('\n' + delimiter);
  if (pos < 0) return parts;
  if (pos > 0) pos += 1;
  while (pos >= 0 && parts.length < MAX_PARTS) {
    const afterDelim = pos + delimiter.length;
    if (body.startsWith('--', afterDelim)) break; // closing delimiter
    const lineEnd = body.indexOf('\n', afterDelim);
    if (lineEnd < 0) break;
    const next = body.indexOf('\n' + delimiter, lineEnd);
    const end = next < 0 ? body.length : next;
    parts.push(body.slice(lineEnd + 1, end > lineEnd + 1 && body[end - 1] === '\r' ? end - 1 : end));
    pos = next < 0 ? -1 : next + 1;
  }
  return parts;
}

/** A multipart whose Content-Type lost its boundary parameter: take the first delimiter line. */
function inferBoundary(body: string): string | undefined {
  const m = /^--([^\s-][^\s]{0,69})[ \t]*\r?$/m.exec(body.slice(0, 64 * 1024));
  return m ? m[1] : undefined;
}

/** The body of the raw message (after the header block), read as Latin-1, at most `max` characters. */
export function rawBody(raw: Buffer, max: number): string {
  const head = raw.toString('latin1', 0, Math.min(raw.length, MAX_RAW_SCAN));
  const { body } = splitEntity(head);
  return body.length > max ? body.slice(0, max) : body;
}
