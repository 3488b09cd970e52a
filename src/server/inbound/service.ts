import type { ParsedMail } from 'mailparser';
import type { Deps } from '../deps';
import type { BounceFact, InboundFacts } from '../engine/inbound/facts';
import { decideInbound } from '../engine/inbound/decide';
import { domainOf, isFreeMailDomain } from '../engine/free-mail';
import { normaliseSubject } from '../engine/subject';
import { AppError } from '../http/errors';
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
import { dedupeKey, messageFacts, messageLabel, type MessageFacts } from './message-facts';
import {
  bounceFacts,
  colleagueEnrollments,
  enrollmentFacts,
  senderContacts,
  sentSubjects,
  sentTo,
  threadByMessageIds,
} from './queries';
import { insertInbound, lockInbound, markProcessed, type InboundAction } from './store';

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
async function threadOf(
  db: Queryable,
  accountId: string,
  message: MessageFacts,
  extraIds: string[],
  senderContactIds: string[],
) {
  const ids = [...message.inReplyTo, ...message.references, ...extraIds];
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

/** A8: the failed addresses, each with who holds it; a report naming none is matched by the returned message. */
async function bouncesOf(
  db: Queryable,
  deps: Deps,
  accountId: string,
  classification: Extract<Classification, { kind: 'bounce' }>,
  returnedMessageId: string | null,
  now: Date,
): Promise<BounceFact[]> {
  const fallback = returnedMessageId ? await sentTo(db, accountId, returnedMessageId) : undefined;
  const windowStart = new Date(now.getTime() - deps.config.inbound.softBounceWindowDays * DAY);
  const byAddress = new Map<string, BounceRecipient>();
  for (const recipient of classification.recipients) {
    const address = recipient.address ?? fallback;
    if (address && !byAddress.has(address)) byAddress.set(address, recipient);
  }
  const facts: BounceFact[] = [];
  for (const [address, recipient] of byAddress) {
    facts.push(
      await bounceFacts(
        db,
        accountId,
        { address, severity: recipient.severity, status: recipient.status, diagnostic: recipient.diagnostic },
        windowStart,
      ),
    );
  }
  return facts;
}

async function gatherFacts(
  db: Queryable,
  deps: Deps,
  accountId: string,
  input: { parsed: ParsedMail; message: MessageFacts; classification: Classification; now: Date },
): Promise<InboundFacts> {
  const { message, classification, now } = input;
  const sender = message.from ?? '';
  const returned = classification.kind === 'bounce' ? returnedMessageHeaders(input.parsed) : null;
  const contacts =
    sender && classification.kind !== 'bounce' ? await senderContacts(db, accountId, sender) : [];
  const contactIds = contacts.map((contact) => contact.contactId);
  const thread = await threadOf(
    db,
    accountId,
    message,
    returned?.messageId ? [returned.messageId] : [],
    contactIds,
  );

  let colleagues: InboundFacts['colleagues'] = [];
  if (classification.kind === 'human' && sender) {
    const domain = domainOf(sender);
    colleagues = await colleagueEnrollments(db, accountId, {
      companyIds: [...new Set(contacts.flatMap((contact) => (contact.companyId ? [contact.companyId] : [])))],
      domain: isFreeMailDomain(domain) ? null : domain,
      excludeContactIds: contactIds,
    });
  }

  return {
    now,
    kind: classification.kind,
    returnDate: classification.kind === 'auto_reply' ? classification.returnDate : null,
    sender,
    label: messageLabel(classification.kind, message),
    thread: classification.kind === 'bounce' ? [] : thread,
    senderContacts: contacts,
    colleagues,
    bounces:
      classification.kind === 'bounce'
        ? await bouncesOf(db, deps, accountId, classification, returned?.messageId ?? null, now)
        : [],
  };
}

/**
 * Takes one raw RFC 5322 message for an account: parses and classifies it,
 * stores its facts (committed before anything acts on them), then — once per
 * message, under a lock on the stored row — gathers the facts the rules need,
 * decides, and applies the decisions in one transaction.
 */
export async function ingestEmail(deps: Deps, accountId: string, raw: Buffer): Promise<IngestResult> {
  const now = deps.clock.now();
  const parsed = await parseOr4xx(raw, deps.config.inbound.maxBytes);
  const classification = classifyMessage(parsed, raw, { now });
  const message = messageFacts(parsed, raw);
  const key = dedupeKey(message, raw);
  await insertInbound(deps.db, { accountId, dedupeKey: key, facts: message, classification, now });

  return deps.db.transaction(async (tx) => {
    const row = await lockInbound(tx, accountId, key);
    if (row.status === 'processed') {
      return {
        messageId: row.message_id,
        classification: row.classification as Classification,
        actions: row.actions ?? [],
        duplicate: true,
      };
    }
    const facts = await gatherFacts(tx, deps, accountId, { parsed, message, classification, now });
    const decisions = decideInbound(facts, deps.config.inbound);
    const actions = await applyDecisions(tx, {
      accountId,
      inboundId: row.id,
      sourceRef: key,
      decisions,
      now,
    });
    await markProcessed(tx, row.id, actions, now);
    return { messageId: message.messageId, classification, actions, duplicate: false };
  });
}
