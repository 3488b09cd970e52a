/**
 * End to end with the hand-written real-client messages under test/fixtures/email: each one is
 * retargeted at a real enrollment (its sender, thread headers, failed or reported address and
 * returned Message-ID become the enrolled contact's and the sequence email the engine sent) and
 * posted to POST /inbound/email — twice, the second time as a duplicate.
 *
 * Table-driven over the folder listing: a new fixture in a folder is covered by that folder's
 * expectations without touching this file (a new soft bounce needs its name in SOFT_BOUNCES, and
 * an auto-generated message about someone other than its sender its address in ABOUT).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import {
  classifyMessage,
  extractReturnDate,
  parseMessage,
  returnedMessageHeaders,
} from '../../../src/server/inbound/classify';
import type { TestUser } from '../../helpers/context';
import { describeEachDb } from '../../helpers/context';
import { createContact, createSequence, enroll } from '../../helpers/fixtures';
import { postEmail, sentEmail } from '../../helpers/mail';
import { retarget, type RetargetOptions } from '../../helpers/retarget';

const FIXTURES = path.resolve(__dirname, '../../fixtures/email');
const listing = (category: string) =>
  fs
    .readdirSync(path.join(FIXTURES, category))
    .filter((name) => name.endsWith('.eml'))
    .sort();
const read = (category: string, name: string) => fs.readFileSync(path.join(FIXTURES, category, name));

/** The fixtures answer sequence emails sent on 1 December 2026, 09:00 UTC or a little later. */
const SENT_AT = new Date('2026-12-01T08:00:00Z');
const HOUR = 60 * 60 * 1000;

/** When a message arrives: as its Date header says, but not before an hour after the sequence email. */
function receivedAt(parsed: ParsedMail): Date {
  const date = parsed.date?.getTime();
  return new Date(Math.max(date && !Number.isNaN(date) ? date : 0, SENT_AT.getTime() + HOUR));
}

/** Bounces that are soft: delays, greylisting, a full mailbox (5.2.2 counts as soft, see the classifier's README). */
const SOFT_BOUNCES = new Set([
  'au-kddi-mailbox-full.eml',
  'dragonfly-mail-agent-mailbox-full.eml',
  'exim-delayed.eml',
  'french-non-remis-mailbox-full.eml',
  'gmail-delay.eml',
  'postfix-mailbox-full.eml',
  'sendmail-docomo-too-much-mail-data.eml',
]);

/**
 * Auto-generated messages about a person other than their sender: that person's address becomes
 * the contact's (the list post naming the contact, the read receipt and delivery report for the
 * contact, the challenge protecting the contact's mailbox, the complaint by the contact). The
 * others are made to come from the contact — the case where a misjudged one would unenroll.
 */
const ABOUT: Record<string, string> = {
  'arf-complaint.eml': 'someone@mailbox-provider.example',
  'dsn-delivered.eml': 'p.novak@fabrikam.example',
  'generic-challenge-response.eml': 'm.ng@ngstudio.example',
  'list-mail-naming-contact.eml': 'dana.whitfield@gmail.com',
  'outlook-read-receipt.eml': 'olivia.harper@contoso.example',
};

/** Time zones of the enrolling users, taken in turn: whole and half hours, both sides of UTC. */
const TIME_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/St_Johns',
];

/** The instant a calendar day (`YYYY-MM-DD`) begins in a time zone, as an ISO string. */
function midnightIn(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (at: number) => {
    const part = (type: string) =>
      Number(format.formatToParts(new Date(at)).find((p) => p.type === type)!.value);
    return (
      Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) -
      at
    );
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** Message-IDs the fixtures give the sequence emails they answer, bounce or report on. */
const sequenceIds = (raw: Buffer) => [
  ...new Set([...raw.toString('latin1').matchAll(/<(seq-[^<>\s]+@acme-tools\.example)>/g)].map((m) => m[1])),
];
const unbracket = (id: string) => id.replace(/^<|>$/g, '');
const toCrlf = (raw: Buffer) => Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');

/** The date an auto-reply states, the way the classifier reads it: its `extractReturnDate` over subject and text, else the day after iCloud's `X-Apple-Criteria` end date. */
function statedReturnDate(parsed: ParsedMail, now: Date): string | null {
  const stated = extractReturnDate(`${parsed.subject ?? ''}\n${parsed.text ?? ''}`, { now });
  const criteria = parsed.headers.get('x-apple-criteria');
  // The vacation rule ends at the close of that day: the person is back the day after.
  const end =
    typeof criteria === 'string' ? /enddate=(\d{4}-\d{2}-\d{2})T23:59/i.exec(criteria)?.[1] : undefined;
  const apple = end
    ? new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    : undefined;
  return stated ?? apple ?? null;
}

test('midnightIn', () => {
  expect(midnightIn('2026-12-07', 'UTC')).toBe('2026-12-07T00:00:00.000Z');
  expect(midnightIn('2026-12-07', 'Europe/Berlin')).toBe('2026-12-06T23:00:00.000Z');
  expect(midnightIn('2026-07-07', 'Europe/Berlin')).toBe('2026-07-06T22:00:00.000Z');
  expect(midnightIn('2026-12-07', 'America/New_York')).toBe('2026-12-07T05:00:00.000Z');
  expect(midnightIn('2026-12-07', 'Asia/Kolkata')).toBe('2026-12-06T18:30:00.000Z');
  expect(midnightIn('2026-12-07', 'Pacific/Auckland')).toBe('2026-12-06T11:00:00.000Z');
  expect(midnightIn('2026-12-07', 'America/St_Johns')).toBe('2026-12-07T03:30:00.000Z');
});

test('the auto-reply fixtures state a return date and state none, both', async () => {
  const dates = await Promise.all(
    listing('auto-reply').map(async (name) =>
      statedReturnDate(await parseMessage(read('auto-reply', name)), SENT_AT),
    ),
  );
  expect(dates.filter((date) => date !== null).length).toBeGreaterThan(0);
  expect(dates.filter((date) => date === null).length).toBeGreaterThan(0);
});

describeEachDb(
  'real client messages through POST /inbound/email',
  (ctx) => {
    interface Setup {
      user: TestUser;
      sequenceId: string;
      contact: { id: string; email: string };
      enrollmentId: string;
      sent: { messageId: string; subject: string; returnPath?: string };
      timeZone: string;
    }

    /** A user (in `timeZone`) who enrolled a contact; the sequence's first email went out at SENT_AT. */
    async function enrolled(timeZone = 'UTC'): Promise<Setup> {
      ctx().clock.set(SENT_AT);
      const user = await ctx().newUser();
      const me = await ctx().request('PATCH', '/api/v1/me', { token: user.token, body: { timeZone } });
      expect(me.status).toBe(200);
      expect(me.body.timeZone).toBe(timeZone);
      const sequence = await createSequence(ctx(), user);
      // As people type it: mixed case. The engine sends to it as stored.
      const tag = randomUUID().slice(0, 8);
      const contact = await createContact(ctx(), user, {
        email: `Pat.Prospect-${tag}@Prospect-${tag}.example`,
      });
      const enrollment = await enroll(ctx(), user, sequence.id, contact.id);
      const sent = await sentEmail(ctx(), user, contact.email);
      expect(sent.messageId).toBeTruthy();
      return { user, sequenceId: sequence.id, contact, enrollmentId: enrollment.id, sent, timeZone };
    }

    /** What a message could change: the enrollment (with its history), the contact, the account's inbound records. */
    async function state(s: Setup) {
      const enrollment = await ctx().request('GET', `/api/v1/enrollments/${s.enrollmentId}`, {
        token: s.user.token,
      });
      const contact = await ctx().request('GET', `/api/v1/contacts/${s.contact.id}`, { token: s.user.token });
      const { rows } = await ctx().db.query<Record<string, number>>(
        `WITH account AS (SELECT account_id AS id FROM contacts WHERE id = $1::uuid)
       SELECT (SELECT count(*) FROM engagements WHERE account_id = (SELECT id FROM account))::int AS engagements,
              (SELECT count(*) FROM address_bounces WHERE account_id = (SELECT id FROM account))::int AS bounces,
              (SELECT count(*) FROM bounced_addresses WHERE account_id = (SELECT id FROM account))::int AS refused,
              (SELECT count(*) FROM inbound_messages WHERE account_id = (SELECT id FROM account))::int AS inbound`,
        [s.contact.id],
      );
      return { enrollment: enrollment.body, contact: contact.body, records: rows[0] };
    }

    /**
     * Posts the message at the time its Date header says (never before the sequence email), then
     * again: the second answer is the first marked duplicate, and nothing changes.
     */
    async function ingestTwice(s: Setup, raw: Buffer, parsed: ParsedMail) {
      const at = receivedAt(parsed);
      ctx().clock.set(at);
      const before = await state(s);
      const first = await postEmail(ctx(), s.user, raw);
      expect(first.status).toBe(200);
      expect(first.body.duplicate).toBe(false);
      const after = await state(s);
      expect(after.records.inbound).toBe(before.records.inbound + 1);

      const second = await postEmail(ctx(), s.user, raw);
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ ...first.body, duplicate: true });
      expect(await state(s)).toEqual(after);
      // The same message as an SMTP relay hands it on, with CRLF line ends, is the same message.
      const relayed = await postEmail(ctx(), s.user, toCrlf(raw));
      expect(relayed.body).toEqual({ ...first.body, duplicate: true });
      expect(await state(s)).toEqual(after);
      return { answer: first.body, before, after, at };
    }

    const newEvents = (before: { enrollment: any }, after: { enrollment: any }) =>
      after.enrollment.events.slice(before.enrollment.events.length);

    describe('human replies: unenrolled as replied', () => {
      test.each(listing('human'))('%s', async (name) => {
        const s = await enrolled();
        const raw = retarget(read('human', name), { from: s.contact.email, inReplyTo: s.sent.messageId });
        const parsed = await parseMessage(raw);
        const messageId = unbracket(parsed.messageId ?? '');
        expect(messageId).toContain('@');

        const { answer, before, after } = await ingestTwice(s, raw, parsed);
        expect(answer).toMatchObject({ messageId, classification: { kind: 'human' } });
        expect(answer.actions).toEqual([
          { type: 'reply_recorded', enrollmentId: s.enrollmentId },
          { type: 'unenrolled', enrollmentId: s.enrollmentId, contactId: s.contact.id, reason: 'replied' },
        ]);
        expect(after.enrollment).toMatchObject({
          status: 'unenrolled',
          pausedUntil: null,
          unenrollment: { reason: 'replied', by: { type: 'system', id: null } },
        });
        expect(after.enrollment.unenrollment.detail).toContain(`<${messageId}>`);
        expect(newEvents(before, after)).toEqual([
          expect.objectContaining({ type: 'unenrolled', by: { type: 'system', id: null } }),
        ]);
        expect(after.records.engagements).toBe(before.records.engagements + 1);
        expect(after.contact.bouncedAt).toBeNull();
      });
    });

    describe('out-of-office replies: never unenrolled; a stated date pauses until then', () => {
      const cases = listing('auto-reply').map((name, i) => [name, TIME_ZONES[i % TIME_ZONES.length]]);

      test.each(cases)('%s (user in %s)', async (name, timeZone) => {
        const s = await enrolled(timeZone);
        const raw = retarget(read('auto-reply', name), {
          from: s.contact.email,
          inReplyTo: s.sent.messageId,
        });
        const parsed = await parseMessage(raw);
        const at = receivedAt(parsed);
        const returnDate = statedReturnDate(parsed, at);

        const { answer, before, after } = await ingestTwice(s, raw, parsed);
        expect(answer.classification).toMatchObject({ kind: 'auto_reply', returnDate });
        expect(answer.actions.filter((a: { type: string }) => a.type === 'unenrolled')).toEqual([]);
        expect(after.enrollment.unenrollment).toBeNull();
        expect(after.records.engagements).toBe(before.records.engagements);

        if (returnDate) {
          // The clock is set so that every stated date is still ahead.
          expect(returnDate > at.toISOString().slice(0, 10)).toBe(true);
          expect(answer.actions).toEqual([
            { type: 'paused', enrollmentId: s.enrollmentId, contactId: s.contact.id, until: returnDate },
          ]);
          expect(after.enrollment).toMatchObject({
            status: 'paused',
            pausedUntil: midnightIn(returnDate, timeZone),
          });
          const events = newEvents(before, after);
          expect(events).toEqual([
            expect.objectContaining({ type: 'paused', by: { type: 'system', id: null } }),
          ]);
          expect(events[0].detail).toContain(`Out of office until ${returnDate}`);
          expect(events[0].detail).toContain(unbracket(parsed.messageId ?? ''));
        } else {
          expect(answer.actions).toEqual([{ type: 'auto_reply_noted', enrollmentId: s.enrollmentId }]);
          expect(after.enrollment).toMatchObject({ status: 'active', pausedUntil: null });
          expect(newEvents(before, after)).toEqual([
            expect.objectContaining({ type: 'auto_reply_received', by: { type: 'system', id: null } }),
          ]);
        }
      });
    });

    describe("a return date is a day in the enrolling user's time zone", () => {
      // exchange-oof-en.eml: back on Monday 7 December 2026.
      test.each([
        // 22:00 on 6 December in New York (already the 7th in UTC): the date is still ahead there.
        ['America/New_York', '2026-12-07T03:00:00Z', '2026-12-07T05:00:00.000Z'],
        // 23:59 on 6 December in Berlin.
        ['Europe/Berlin', '2026-12-06T22:59:00Z', '2026-12-06T23:00:00.000Z'],
        // 01:00 on 7 December in Auckland (still the 6th in UTC): the date has come; no pause that ends in the past.
        ['Pacific/Auckland', '2026-12-06T12:00:00Z', null],
        // 00:00 on 7 December in Berlin.
        ['Europe/Berlin', '2026-12-06T23:00:00Z', null],
      ])('user in %s, the reply at %s: paused until %s', async (timeZone, at, pausedUntil) => {
        const s = await enrolled(timeZone);
        const raw = retarget(read('auto-reply', 'exchange-oof-en.eml'), {
          from: s.contact.email,
          inReplyTo: s.sent.messageId,
        });
        ctx().clock.set(at);
        const answer = (await postEmail(ctx(), s.user, raw)).body;
        expect(answer.classification).toMatchObject({ kind: 'auto_reply', returnDate: '2026-12-07' });
        const after = (await state(s)).enrollment;
        if (pausedUntil) {
          expect(answer.actions).toEqual([
            { type: 'paused', enrollmentId: s.enrollmentId, contactId: s.contact.id, until: '2026-12-07' },
          ]);
          expect(after).toMatchObject({ status: 'paused', pausedUntil });
          expect(new Date(pausedUntil).getTime()).toBeGreaterThan(new Date(at).getTime());
        } else {
          expect(answer.actions).toEqual([{ type: 'auto_reply_noted', enrollmentId: s.enrollmentId }]);
          expect(after).toMatchObject({ status: 'active', pausedUntil: null });
          expect(after.events.at(-1).detail).toContain('the date has passed');
        }
      });
    });

    describe('bounces: hard ones unenroll and refuse the address, soft ones are counted', () => {
      test.each(listing('bounce'))('%s', async (name) => {
        const s = await enrolled();
        const original = read('bounce', name);
        const parsedOriginal = await parseMessage(original);
        const verdict = classifyMessage(parsedOriginal, original, { now: SENT_AT });
        expect(verdict.kind).toBe('bounce');
        const failed = verdict.kind === 'bounce' ? verdict.recipients.flatMap((r) => r.address ?? []) : [];
        expect(failed.length).toBeGreaterThan(0);
        const returned = returnedMessageHeaders(parsedOriginal)?.messageId;
        const options: RetargetOptions = {
          addresses: {
            ...Object.fromEntries(failed.map((address) => [address, s.contact.email])),
            // Each fixture was delivered to the rep; it is now delivered to the email's return path
            // (VERP), as a mail server addresses a bounce to the envelope sender: proof that it
            // answers mail we sent (S4), whether or not it quotes the original's Message-ID.
            'rep@acme-tools.example': s.sent.returnPath ?? '',
          },
          messageIds: Object.fromEntries(
            [...sequenceIds(original), ...(returned ? [unbracket(returned)] : [])].map((id) => [
              id,
              s.sent.messageId,
            ]),
          ),
        };
        const raw = retarget(original, options);
        const parsed = await parseMessage(raw);
        const address = s.contact.email.toLowerCase();
        const severity = SOFT_BOUNCES.has(name) ? 'soft' : 'hard';

        const { answer, before, after } = await ingestTwice(s, raw, parsed);
        expect(answer.classification.kind).toBe('bounce');
        expect(answer.classification.recipients).toEqual([expect.objectContaining({ address, severity })]);

        if (severity === 'hard') {
          expect(answer.actions).toEqual([
            { type: 'bounce_recorded', address, severity: 'hard', addressRefused: true },
            { type: 'unenrolled', enrollmentId: s.enrollmentId, contactId: s.contact.id, reason: 'bounced' },
          ]);
          expect(after.enrollment).toMatchObject({
            status: 'unenrolled',
            unenrollment: { reason: 'bounced', by: { type: 'system', id: null } },
          });
          expect(after.enrollment.unenrollment.detail).toContain(unbracket(parsed.messageId ?? ''));
          expect(after.contact.bouncedAt).not.toBeNull();
          expect(after.records).toMatchObject({ bounces: 1, refused: 1 });
          const again = await ctx().request('POST', '/api/v1/enrollments', {
            token: s.user.token,
            body: { sequenceId: s.sequenceId, contactId: s.contact.id },
          });
          expect(again.status).toBe(409);
          expect(again.body.error.code).toBe('address_bounced');
        } else {
          expect(answer.actions).toEqual([
            { type: 'bounce_recorded', address, severity: 'soft', addressRefused: false },
          ]);
          expect(after.enrollment).toMatchObject({ status: 'active', unenrollment: null });
          expect(newEvents(before, after)).toEqual([]);
          expect(after.contact.bouncedAt).toBeNull();
          expect(after.records).toMatchObject({ bounces: 1, refused: 0 });
        }
      });
    });

    describe('other automatic mail (lists, receipts, challenges, reports): nothing changes', () => {
      test.each(listing('auto-generated'))('%s', async (name) => {
        const s = await enrolled();
        const original = read('auto-generated', name);
        const about = ABOUT[name];
        const raw = retarget(original, {
          ...(about ? { addresses: { [about]: s.contact.email } } : { from: s.contact.email }),
          inReplyTo: s.sent.messageId,
          messageIds: Object.fromEntries(sequenceIds(original).map((id) => [id, s.sent.messageId])),
        });
        const parsed = await parseMessage(raw);
        // The message does concern the enrollment: it names the contact's address.
        expect(raw.toString('latin1')).toContain(s.contact.email);

        const { answer, before, after } = await ingestTwice(s, raw, parsed);
        expect(answer.classification.kind).toBe('auto_generated');
        expect(answer.actions.filter((a: { type: string }) => a.type !== 'auto_reply_noted')).toEqual([]);
        expect(after.enrollment).toMatchObject({ status: 'active', pausedUntil: null, unenrollment: null });
        expect(
          newEvents(before, after).filter((e: { type: string }) => e.type !== 'auto_reply_received'),
        ).toEqual([]);
        expect(after.contact).toEqual(before.contact);
        expect(after.records).toEqual({ ...before.records, inbound: before.records.inbound + 1 });
      });
    });
  },
  { config: { INBOUND_DOMAIN: 'inbound.acme-tools.example' } },
);
