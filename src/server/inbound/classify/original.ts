/**
 * The headers of the message a bounce returns (attached as message/rfc822 or
 * text/rfc822-headers, or pasted below the notice). The decision layer can match a bounce to
 * the message the engine sent by `messageId`; the text-bounce parser uses `to` as the failed
 * recipient when the notice itself names none.
 */
import type { ParsedMail } from 'mailparser';
import { parseHeaderBlock } from './mime';
import { ADDRESS } from './text';

export interface ReturnedHeaders {
  messageId: string | null;
  to: string[];
  subject: string | null;
}

const HEADER_TYPES = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/rfc822-headers',
  'message/global',
  'message/global-headers',
]);

/** Headers of the returned message; null when the bounce carries none. */
export function returnedMessageHeaders(parsed: ParsedMail, text?: string): ReturnedHeaders | null {
  for (const a of parsed.attachments) {
    if (!HEADER_TYPES.has((a.contentType ?? '').toLowerCase())) continue;
    const block = headerBlockOf(a.content.toString('utf8', 0, Math.min(a.content.length, 32 * 1024)));
    if (block) return fromBlock(block);
  }
  const source = text ?? (typeof parsed.text === 'string' ? parsed.text.slice(0, 64 * 1024) : '');
  // A pasted header block: a run of header lines containing Message-ID, To or Subject.
  const m =
    /^(?:(?:return-path|received|from|to|cc|subject|date|message-id|mime-version|x-[\w-]+|content-[\w-]+|reply-to|sender|references|in-reply-to)[ \t]*:.*\r?\n(?:[ \t]+.*\r?\n)*){2,}/im.exec(
      source,
    );
  return m ? fromBlock(m[0]) : null;
}

function headerBlockOf(s: string): string | null {
  const start = s.search(/^[\x21-\x39\x3b-\x7e]+:/m);
  if (start < 0) return null;
  const rest = s.slice(start);
  const end = rest.search(/\r?\n\r?\n/);
  return end < 0 ? rest : rest.slice(0, end);
}

function fromBlock(block: string): ReturnedHeaders | null {
  const h = parseHeaderBlock(block);
  const messageId = /<[^<>\s]+>/.exec(h.get('message-id') ?? '')?.[0] ?? null;
  const to = [...(h.get('to') ?? '').matchAll(ADDRESS)].map((m) => m[0].toLowerCase());
  const subject = h.get('subject') ?? null;
  if (!messageId && to.length === 0 && !subject) return null;
  return { messageId, to, subject };
}
