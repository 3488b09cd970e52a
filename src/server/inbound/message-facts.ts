import { createHash } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

/** What ingestion keeps of a message (no bodies): enough to match it and to explain what it did. */
export interface MessageFacts {
  messageId: string | null;
  from: string | null;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  date: string | null;
  inReplyTo: string[];
  references: string[];
  sizeBytes: number;
}

/**
 * Header text as stored: without NUL characters. An encoded word may decode to U+0000
 * (`=?utf-8?B?AA==?=` in a Subject or a display name), which PostgreSQL's text and jsonb
 * cannot hold: it was a 500 over HTTP and a 451 over SMTP, so the sender retried for ever
 * (issue 14, finding 3). The character carries nothing a person reads.
 */
const withoutNul = (text: string) => text.replaceAll('\u0000', '');

/** `<a@b>` → `a@b`; several ids in one header → each. */
export function messageIds(value: string | string[] | undefined): string[] {
  const values = (Array.isArray(value) ? value : value ? [value] : []).map(withoutNul);
  return values.flatMap((item) => {
    const bracketed = [...item.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]);
    return bracketed.length > 0 ? bracketed : item.split(/\s+/).filter((id) => id.includes('@'));
  });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.address ? [withoutNul(entry.address).trim().toLowerCase()] : [])),
  );
}

/** Where a server says it delivered the message: Delivered-To, X-Original-To, Envelope-To (lower case). */
export function deliveredToHeaders(parsed: ParsedMail): string[] {
  return ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to'].flatMap((name) => {
    const value = parsed.headers.get(name);
    const values = Array.isArray(value) ? value : value ? [value] : [];
    return values.flatMap((item) =>
      [
        ...String(typeof item === 'object' && item && 'text' in item ? item.text : item).matchAll(
          /[^\s<>,;"]+@[^\s<>,;"]+/g,
        ),
      ].map((match) => match[0].toLowerCase()),
    );
  });
}

export function messageFacts(parsed: ParsedMail, raw: Buffer): MessageFacts {
  const from = parsed.from?.value.find((entry) => entry.address);
  return {
    messageId: messageIds(parsed.messageId)[0] ?? null,
    from: from?.address ? withoutNul(from.address).trim().toLowerCase() : null,
    fromName: from?.name ? withoutNul(from.name) || null : null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: withoutNul(parsed.subject ?? ''),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    inReplyTo: messageIds(parsed.inReplyTo),
    references: messageIds(parsed.references),
    sizeBytes: raw.length,
  };
}

/** The same message twice has the same key: its Message-ID, or its bytes when it has none. */
export function dedupeKey(facts: MessageFacts, raw: Buffer): string {
  return facts.messageId
    ? `mid:${facts.messageId.toLowerCase()}`
    : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** How a message is named in unenrollment details and the audit trail. */
export function messageLabel(kind: string, facts: MessageFacts): string {
  const what =
    { human: 'email', auto_reply: 'auto-reply', auto_generated: 'automatic email', bounce: 'bounce' }[kind] ??
    'email';
  const id = facts.messageId ? ` <${facts.messageId}>` : '';
  return `${what} "${facts.subject.slice(0, 120)}" from ${facts.from ?? 'an unknown sender'}${id}`;
}
