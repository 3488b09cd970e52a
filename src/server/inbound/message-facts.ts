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

/** `<a@b>` → `a@b`; several ids in one header → each. */
export function messageIds(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values.flatMap((item) => {
    const bracketed = [...item.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]);
    return bracketed.length > 0 ? bracketed : item.split(/\s+/).filter((id) => id.includes('@'));
  });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.address ? [entry.address.trim().toLowerCase()] : [])),
  );
}

export function messageFacts(parsed: ParsedMail, raw: Buffer): MessageFacts {
  const from = parsed.from?.value.find((entry) => entry.address);
  return {
    messageId: messageIds(parsed.messageId)[0] ?? null,
    from: from?.address?.trim().toLowerCase() ?? null,
    fromName: from?.name || null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
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
