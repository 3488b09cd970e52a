/**
 * Retargets a stored message (a fixture written against made-up people and Message-IDs) at a
 * real enrollment: its sender becomes the enrolled contact, its thread headers name the
 * sequence email the engine really sent, and — for bounces and reports — the failed or
 * reported address and the returned Message-ID become the contact's and the sent email's.
 *
 * Only those spans change; every other byte stays as it was: line ends (CRLF or LF), folded
 * headers, encoded words, 8-bit bodies, header order and case. The work is done on a
 * byte-for-byte `latin1` view of the message, and the replacements must be plain ASCII.
 */

export interface RetargetOptions {
  /**
   * The new address of the first mailbox in `From`. Its display name, comments, quoting and
   * folding are kept; only the addr-spec changes (inside `<…>`, or the bare address).
   */
  from?: string;
  /**
   * The Message-ID (without `<>`) the message now answers. The id it answered — the last id in
   * `In-Reply-To`, else the last in `References` — is replaced by it in both headers; other ids
   * in `References` stay. A message without thread headers gets none (it stays a new message).
   */
  inReplyTo?: string;
  /**
   * Addresses replaced wherever they occur, in headers and body: `{ old: new }`, matched
   * whole and case-insensitively. An address split by a quoted-printable soft line break or
   * inside a base64 part is not seen. Throws when an old address does not occur at all.
   */
  addresses?: Record<string, string>;
  /**
   * Message-IDs (without `<>`) replaced wherever they occur in angle brackets: `{ old: new }`.
   * Throws when an old id does not occur at all.
   */
  messageIds?: Record<string, string>;
}

/** A header field as it stands in the message: its name and its raw text, folding and line ends included. */
export interface RawField {
  name: string;
  text: string;
}

/** The header block (as fields), the separator line, and the body, exactly as in `raw`. */
export interface SplitMessage {
  fields: RawField[];
  /** The empty line that ends the header block (`\r\n` or `\n`), or '' when there is none. */
  separator: string;
  body: string;
}

/** Splits a message (as a latin1 string) into its header fields and body without changing a byte. */
export function splitMessage(message: string): SplitMessage {
  const fields: RawField[] = [];
  let offset = 0;
  while (offset < message.length) {
    const newline = message.indexOf('\n', offset);
    const end = newline < 0 ? message.length : newline + 1;
    const line = message.slice(offset, end);
    if (line === '\n' || line === '\r\n') {
      return { fields, separator: line, body: message.slice(end) };
    }
    if ((line[0] === ' ' || line[0] === '\t') && fields.length > 0) {
      fields[fields.length - 1].text += line;
    } else {
      const colon = line.indexOf(':');
      fields.push({ name: (colon < 0 ? line : line.slice(0, colon)).trim().toLowerCase(), text: line });
    }
    offset = end;
  }
  return { fields, separator: '', body: '' };
}

export function joinMessage(split: SplitMessage): string {
  return split.fields.map((field) => field.text).join('') + split.separator + split.body;
}

const SAFE_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;
const SAFE_ID = /^[\x21-\x7e]+$/;

function checkValue(kind: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value) || /[<>()",;\s\\[\]]/.test(value)) {
    throw new Error(`retarget: ${kind} must be plain printable ASCII without brackets or spaces: ${value}`);
  }
}

/**
 * The field's text with quoted strings and comments blanked out (same length), so that an
 * `@` or `<` inside a display name or a comment is not taken for an address.
 */
function maskPhrases(text: string): string {
  let out = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if ((quoted || depth > 0) && c === '\\' && i + 1 < text.length) {
      out += '\0\0';
      i += 1;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      out += '\0';
    } else if (depth > 0) {
      if (c === '(') depth += 1;
      else if (c === ')') depth -= 1;
      out += '\0';
    } else if (c === '"') {
      quoted = true;
      out += '\0';
    } else if (c === '(') {
      depth = 1;
      out += '\0';
    } else {
      out += c;
    }
  }
  return out;
}

/** Where the first mailbox's addr-spec is in a From field's raw text: `[start, end)`. */
function fromAddressSpan(field: RawField): [number, number] | null {
  const valueStart = field.text.indexOf(':') + 1;
  const masked = maskPhrases(field.text.slice(valueStart));
  const angle = /<([^<>]*@[^<>]*)>/.exec(masked);
  if (angle) {
    const start = valueStart + angle.index + 1;
    return [start, start + angle[1].length];
  }
  const bare = /[^\s<>(),;:\0"]+@[^\s<>(),;:\0"]+/.exec(masked);
  return bare ? [valueStart + bare.index, valueStart + bare.index + bare[0].length] : null;
}

const bracketedIds = (text: string): string[] =>
  [...maskPhrases(text).matchAll(/<([^<>\s\0]+)>/g)].map((match) => match[1]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every match of `pattern` replaced; throws when there is none. */
function replaceEvery(text: string, pattern: RegExp, replacement: string, what: string): string {
  let count = 0;
  const replaced = text.replace(pattern, () => {
    count += 1;
    return replacement;
  });
  if (count === 0) throw new Error(`retarget: ${what} does not occur in the message`);
  return replaced;
}

function retargetFrom(split: SplitMessage, address: string): void {
  const field = split.fields.find((f) => f.name === 'from');
  if (!field) throw new Error('retarget: the message has no From header');
  const span = fromAddressSpan(field);
  if (!span) throw new Error(`retarget: no address in ${JSON.stringify(field.text)}`);
  field.text = field.text.slice(0, span[0]) + address + field.text.slice(span[1]);
}

function retargetThread(split: SplitMessage, id: string): void {
  const inReplyTo = split.fields.find((f) => f.name === 'in-reply-to');
  const references = split.fields.find((f) => f.name === 'references');
  const valueOf = (field: RawField | undefined) => field?.text.slice(field.text.indexOf(':') + 1) ?? '';
  const parent = bracketedIds(valueOf(inReplyTo)).at(-1) ?? bracketedIds(valueOf(references)).at(-1);
  if (!parent) return;
  const pattern = new RegExp(`<${escapeRegExp(parent)}>`, 'g');
  for (const field of [inReplyTo, references]) {
    if (!field) continue;
    const colon = field.text.indexOf(':') + 1;
    field.text = field.text.slice(0, colon) + field.text.slice(colon).replace(pattern, `<${id}>`);
  }
}

/** See `RetargetOptions`. Returns new bytes; `raw` is not modified. */
export function retarget(raw: Buffer | string, options: RetargetOptions): Buffer {
  const original = Buffer.isBuffer(raw)
    ? raw.toString('latin1')
    : Buffer.from(raw, 'utf8').toString('latin1');
  if (options.from !== undefined) checkValue('from', options.from, SAFE_ADDRESS);
  if (options.inReplyTo !== undefined) checkValue('inReplyTo', options.inReplyTo, SAFE_ID);
  for (const [old, next] of Object.entries(options.addresses ?? {})) {
    checkValue('an address', old, SAFE_ADDRESS);
    checkValue('an address', next, SAFE_ADDRESS);
  }
  for (const [old, next] of Object.entries(options.messageIds ?? {})) {
    checkValue('a Message-ID', old, SAFE_ID);
    checkValue('a Message-ID', next, SAFE_ID);
  }

  const split = splitMessage(original);
  if (options.from !== undefined) retargetFrom(split, options.from);
  if (options.inReplyTo !== undefined) retargetThread(split, options.inReplyTo);
  let message = joinMessage(split);

  for (const [old, next] of Object.entries(options.messageIds ?? {})) {
    message = replaceEvery(message, new RegExp(`<${escapeRegExp(old)}>`, 'g'), `<${next}>`, `<${old}>`);
  }
  for (const [old, next] of Object.entries(options.addresses ?? {})) {
    // Whole addresses only: not the tail of a longer local part, nor the head of a longer domain
    // (a sentence's full stop after the address is fine).
    const pattern = new RegExp(
      `(?<![A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-])${escapeRegExp(old)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`,
      'gi',
    );
    message = replaceEvery(message, pattern, next, old);
  }
  return Buffer.from(message, 'latin1');
}
