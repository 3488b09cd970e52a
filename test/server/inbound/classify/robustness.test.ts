/** Adversarial bodies: classification stays linear (capped text, bounded patterns). */
import { classifyMessage, extractReturnDate, parseMessage } from '../../../../src/server/inbound/classify';

const NOW = new Date('2026-11-20T00:00:00Z');

const bodies: Record<string, string> = {
  'a@ repeated': 'a@'.repeat(100000),
  'angle brackets': '<'.repeat(100000) + '@' + '>'.repeat(1000),
  'blank lines after a bounce phrase':
    'delivery to the following recipient failed permanently:\n' + '\n'.repeat(50000),
  'one huge domain': 'x'.repeat(60) + '@' + 'a.'.repeat(50000),
  'dotted numbers': '1.'.repeat(100000),
  'status-code prefixes': '5.1.'.repeat(50000),
  'header-like lines': 'From: x\n'.repeat(30000),
  'out-of-office phrases': 'i am out of the office until '.repeat(10000),
  'month names': '7 december '.repeat(20000),
  colons: 'failed ' + ':'.repeat(100000),
  'indented addresses': ('  ' + 'x'.repeat(50) + '@y.example\n').repeat(5000),
  // The bounce lexicon, the recipient cues and the report fields (issue 12).
  'failure phrases': 'this is the mail system at host mx. could not be delivered. '.repeat(3000),
  '"host … said"': 'host ' + 'a'.repeat(100000) + ' said: 550',
  'feedback fields': 'Feedback-Type: abuse\n'.repeat(10000),
  'recipient cues': 'rcpt to:<'.repeat(20000) + 'a@b.example>',
  'addresses on one line': 'x@y.example '.repeat(20000),
  'sender cues': 'from "'.repeat(20000) + 'a'.repeat(80) + '" <a@b.example>',
  'reason words': 'mailbox user account '.repeat(10000) + 'disabled',
  'Japanese failure words': '配信できませんでした宛先不明'.repeat(10000),
};

describe('classification cost on adversarial input', () => {
  // Compile every pattern once before the clock runs: the first use of a large regex costs more
  // than the input does.
  beforeAll(async () => {
    const raw = Buffer.from(
      'From: MAILER-DAEMON@x.example\nReturn-Path: <>\nSubject: Undelivered Mail\n\nuser unknown\n',
    );
    classifyMessage(await parseMessage(raw), raw, { now: NOW });
  });

  it.each(Object.entries(bodies))('%s', async (_name, body) => {
    for (const contentType of ['text/plain', 'multipart/report; report-type=delivery-status; boundary="b"']) {
      const prefix = contentType.startsWith('multipart') ? '--b\nContent-Type: text/plain\n\n' : '';
      const raw = Buffer.from(
        `From: MAILER-DAEMON@x.example\nReturn-Path: <>\nSubject: Undelivered Mail Returned to Sender\nContent-Type: ${contentType}\n\n${prefix}${body}\n`,
      );
      const parsed = await parseMessage(raw);
      const t0 = performance.now();
      classifyMessage(parsed, raw, { now: NOW });
      extractReturnDate(body, { now: NOW });
      expect(performance.now() - t0).toBeLessThan(250);
    }
  });
});
