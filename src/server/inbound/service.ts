import type { ParsedMail } from 'mailparser';
import type { Deps } from '../deps';
import type { BounceFact, InboundFacts } from '../engine/inbound/facts';
import { decideInbound } from '../engine/inbound/decide';
import { domainOf, isFreeMailDomain } from '../engine/free-mail';
import { normaliseSubject } from '../engine/subject';
import { AppError } from '../http/errors';
import { sentMessageOfBounceAddress } from '../mail/bounce-address';
import { changeEnrollments } from '../lifecycle';
import type { Queryable } from '../db/port';
import { applyDecisions } from './apply';
import {
  classifyMessage,
  InvalidMessageError,
  parseMessage,
  returnedMessageHeaders,
  type BounceRecipient,
  type Classification,
} from './classify';
import {
  dedupeKey,
  deliveredToHeaders,
  messageFacts,
  messageIds,
  messageLabel,
  type MessageFacts,
} from './message-facts';
import {
  bounceFacts,
  colleagueEnrollments,
  enrollmentFacts,
  senderContacts,
  sentMessagesProven,
  sentSubjects,
  threadByMessageIds,
} from './queries';
import { insertInbound, lockInbound, markProcessed, type InboundAction } from './queries';

export interface IngestResult {
  messageId: string | null;
  classification: Classification;
  actions: InboundAction[];
  /** True when this message had been processed before: nothing was done again. */
  duplicate: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

async function parseOr4xx(raw: Buffer, maxBytes: number): Promise<ParsedMail> {
  try {
    return await parseMessage(raw, { maxBytes });
  } catch (error: unknown) {
    if (!(error instanceof InvalidMessageError)) throw error;
    if (error.code === 'message_too_large') throw new AppError('payload_too_large', error.message);
    throw new AppError(error.code, `This is not a message we can read: ${error.message}`);
  }
}

/** A1: the enrollments this message answers — by thread headers, else (headers missing) by sender and subject. */
async function threadOf(db: Queryable, accountId: string, message: MessageFacts, senderContactIds: string[]) {
  const ids = [...message.inReplyTo, ...message.references];
  if (ids.length > 0) return threadByMessageIds(db, accountId, ids);
  const subject = normaliseSubject(message.subject);
  if (!subject) return [];
  const sent = await sentSubjects(db, accountId, senderContactIds);
  const matching = [
    ...new Set(
      sent.filter((row) => normaliseSubject(row.subject) === subject).map((row) => row.enrollment_id),
    ),
  ];
  return enrollmentFacts(db, matching);
}

/** Envelope facts a mail server gave with the message (the SMTP listener), beside its headers. */
export interface Envelope {
  /** RCPT TO addresses. */
  to: string[];
}

/**
 * S4: which of our sent messages a bounce proves it answers — its own return path (the
 * VERP address it was delivered to: the envelope recipient, or To / Delivered-To /
 * X-Original-To) or the Message-ID of the returned message.
 */
async function provenSends(
  db: Queryable,
  deps: Deps,
  accountId: string,
  input: { parsed: ParsedMail; message: MessageFacts; envelope?: Envelope; returnedMessageId: string | null },
) {
  const { domain } = deps.config.inbound;
  const delivered = [
    ...(input.envelope?.to ?? []),
    ...input.message.to,
    ...input.message.cc,
    ...deliveredToHeaders(input.parsed),
  ];
  const ids = [
    ...new Set(
      delivered.flatMap(
        (address) => sentMessageOfBounceAddress(deps.config.unsubscribeSecret, address, domain) ?? [],
      ),
    ),
  ];
  const messageIds = [
    input.returnedMessageId,
    ...input.message.inReplyTo,
    ...input.message.references,
  ].filter((id): id is string => Boolean(id));
  return sentMessagesProven(db, accountId, { ids, messageIds });
}

export type BounceIgnored = { address: string; reason: string } | { count: number; reason: string };

/** Ignored addresses listed one by one in a message's actions; beyond them, a count per reason. */
const LISTED_IGNORED = 20;

function summariseIgnored(ignored: { address: string; reason: string }[]): BounceIgnored[] {
  const listed: BounceIgnored[] = ignored.slice(0, LISTED_IGNORED);
  const rest = new Map<string, number>();
  for (const { reason } of ignored.slice(LISTED_IGNORED)) rest.set(reason, (rest.get(reason) ?? 0) + 1);
  for (const [reason, count] of rest) listed.push({ count, reason });
  return listed;
}

/**
 * A8 and S4: the failed addresses a bounce may act on, each with who holds it — only
 * addresses the service mailed with a message the bounce proves it answers (a report naming
 * no address is about that message's recipient), at most INBOUND_MAX_BOUNCE_RECIPIENTS of
 * them. Whatever the count, three statements.
 */
async function bouncesOf(
  db: Queryable,
  deps: Deps,
  accountId: string,
  classification: Extract<Classification, { kind: 'bounce' }>,
  proven: Awaited<ReturnType<typeof sentMessagesProven>>,
  now: Date,
): Promise<{ facts: BounceFact[]; ignored: BounceIgnored[] }> {
  const mailed = new Set(proven.map((sent) => sent.to_address));
  const fallback = proven.length === 1 ? proven[0].to_address : undefined;
  const byAddress = new Map<string, BounceRecipient>();
  const ignored: { address: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const recipient of classification.recipients) {
    const address = recipient.address?.toLowerCase() ?? fallback;
    if (!address || seen.has(address)) continue;
    seen.add(address);
    if (!mailed.has(address)) {
      ignored.push({ address, reason: 'the bounce does not answer an email we sent to this address' });
    } else if (byAddress.size >= deps.config.inbound.maxBounceRecipients) {
      ignored.push({
        address,
        reason: `more than ${deps.config.inbound.maxBounceRecipients} recipients in one bounce`,
      });
    } else {
      byAddress.set(address, recipient);
    }
  }
  const windowStart = new Date(now.getTime() - deps.config.inbound.softBounceWindowDays * DAY);
  const facts = await bounceFacts(
    db,
    accountId,
    [...byAddress].map(([address, recipient]) => ({
      address,
      severity: recipient.severity,
      status: recipient.status,
      diagnostic: recipient.diagnostic,
    })),
    windowStart,
  );
  return { facts, ignored: summariseIgnored(ignored) };
}

async function gatherFacts(
  db: Queryable,
  deps: Deps,
  accountId: string,
  input: {
    parsed: ParsedMail;
    message: MessageFacts;
    classification: Classification;
    now: Date;
    envelope?: Envelope;
  },
): Promise<{ facts: InboundFacts; ignored: BounceIgnored[] }> {
  const { message, classification, now } = input;
  const sender = message.from ?? '';
  const base = {
    now,
    kind: classification.kind,
    returnDate: classification.kind === 'auto_reply' ? classification.returnDate : null,
    sender,
    label: messageLabel(classification.kind, message),
  };

  if (classification.kind === 'bounce') {
    // A bounce comes from a mail server, not from the contact: it acts only through what it proves.
    const returned = returnedMessageHeaders(input.parsed);
    const proven = await provenSends(db, deps, accountId, {
      ...input,
      returnedMessageId: messageIds(returned?.messageId ?? undefined)[0] ?? null,
    });
    const { facts: bounces, ignored } = await bouncesOf(db, deps, accountId, classification, proven, now);
    return { facts: { ...base, thread: [], senderContacts: [], colleagues: [], bounces }, ignored };
  }

  const contacts = sender ? await senderContacts(db, accountId, sender) : [];
  const contactIds = contacts.map((contact) => contact.contactId);
  const thread = await threadOf(db, accountId, message, contactIds);
  let colleagues: InboundFacts['colleagues'] = [];
  if (classification.kind === 'human' && sender) {
    const domain = domainOf(sender);
    colleagues = await colleagueEnrollments(db, accountId, {
      companyIds: [...new Set(contacts.flatMap((contact) => (contact.companyId ? [contact.companyId] : [])))],
      domain: isFreeMailDomain(domain) ? null : domain,
      excludeContactIds: contactIds,
    });
  }
  return { facts: { ...base, thread, senderContacts: contacts, colleagues, bounces: [] }, ignored: [] };
}

/**
 * Takes one raw RFC 5322 message for an account: parses and classifies it,
 * stores its facts (committed before anything acts on them), then — once per
 * message, under a lock on the stored row — gathers the facts the rules need,
 * decides, and applies the decisions in one transaction. `envelope`: what the SMTP
 * listener was told besides the message (its envelope recipients).
 */
export async function ingestEmail(
  deps: Deps,
  accountId: string,
  raw: Buffer,
  envelope?: Envelope,
): Promise<IngestResult> {
  const now = deps.clock.now();
  const parsed = await parseOr4xx(raw, deps.config.inbound.maxBytes);
  const classification = classifyMessage(parsed, raw, { now });
  const message = messageFacts(parsed, raw);
  const key = dedupeKey(message, raw);
  await insertInbound(deps.db, { accountId, dedupeKey: key, facts: message, classification, now });

  return changeEnrollments(deps, async (tx) => {
    const row = await lockInbound(tx, accountId, key);
    if (row.status === 'processed') {
      return {
        messageId: row.message_id,
        classification: row.classification as Classification,
        actions: row.actions ?? [],
        duplicate: true,
      };
    }
    const { facts, ignored } = await gatherFacts(tx, deps, accountId, {
      parsed,
      message,
      classification,
      now,
      envelope,
    });
    const decisions = decideInbound(facts, deps.config.inbound);
    const actions = await applyDecisions(tx, {
      accountId,
      inboundId: row.id,
      sourceRef: key,
      decisions,
      now,
    });
    actions.push(...ignored.map((bounce): InboundAction => ({ type: 'bounce_ignored', ...bounce })));

    await markProcessed(tx, row.id, actions, now);
    return { messageId: message.messageId, classification, actions, duplicate: false };
  });
}
