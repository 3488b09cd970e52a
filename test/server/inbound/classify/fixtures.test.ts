/**
 * The hand-written messages under test/fixtures/email: real client and server formats,
 * each with the answer the classifier must give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, classifyFile } from './helpers';

type Expect =
  | { kind: 'human' }
  | { kind: 'auto_reply'; returnDate: string | null }
  | { kind: 'auto_generated'; type: string }
  | {
      kind: 'bounce';
      recipients: {
        address: string | null;
        status: string | null;
        severity: 'hard' | 'soft';
        reason?: string;
      }[];
    };

/** A bounce's single failed recipient, as the table below writes it. */
const bounce = (
  address: string,
  status: string | null,
  severity: 'hard' | 'soft',
  reason: string,
): Expect => ({ kind: 'bounce', recipients: [{ address, status, severity, reason }] });

const cases: [string, Expect][] = [
  // People, including hard negatives for the out-of-office rules.
  ['human/gmail-web-reply.eml', { kind: 'human' }],
  ['human/gmail-mentions-out-of-office.eml', { kind: 'human' }],
  ['human/short-note-out-of-office-until.eml', { kind: 'human' }],
  ['human/outlook-reply.eml', { kind: 'human' }],
  ['human/outlook-de-reply-mentions-urlaub.eml', { kind: 'human' }],
  ['human/apple-mail-reply.eml', { kind: 'human' }],
  ['human/thunderbird-reply-de.eml', { kind: 'human' }],
  ['human/iphone-reply.eml', { kind: 'human' }],
  ['human/android-gmail-reply.eml', { kind: 'human' }],
  ['human/subject-mentions-out-of-office.eml', { kind: 'human' }],
  // Out-of-office in the seven languages, with and without a return date.
  ['auto-reply/exchange-oof-en.eml', { kind: 'auto_reply', returnDate: '2026-12-07' }],
  ['auto-reply/outlook-oof-de.eml', { kind: 'auto_reply', returnDate: '2026-12-07' }],
  ['auto-reply/abwesenheitsnotiz-de.eml', { kind: 'auto_reply', returnDate: '2026-12-08' }],
  ['auto-reply/outlook-oof-fr.eml', { kind: 'auto_reply', returnDate: '2026-12-08' }],
  ['auto-reply/absence-fr-no-date.eml', { kind: 'auto_reply', returnDate: null }],
  ['auto-reply/outlook-oof-es.eml', { kind: 'auto_reply', returnDate: '2026-12-07' }],
  ['auto-reply/gmail-vacation-es-no-date.eml', { kind: 'auto_reply', returnDate: null }],
  ['auto-reply/outlook-oof-pt.eml', { kind: 'auto_reply', returnDate: '2026-12-08' }],
  ['auto-reply/ausente-pt-no-date.eml', { kind: 'auto_reply', returnDate: null }],
  ['auto-reply/outlook-oof-it.eml', { kind: 'auto_reply', returnDate: '2026-12-08' }],
  ['auto-reply/fuori-ufficio-it-no-date.eml', { kind: 'auto_reply', returnDate: null }],
  ['auto-reply/outlook-oof-nl.eml', { kind: 'auto_reply', returnDate: '2026-12-08' }],
  ['auto-reply/afwezig-nl-no-date.eml', { kind: 'auto_reply', returnDate: null }],
  ['auto-reply/gmail-vacation-en-us-date.eml', { kind: 'auto_reply', returnDate: '2026-12-07' }],
  ['auto-reply/icloud-vacation.eml', { kind: 'auto_reply', returnDate: '2026-12-10' }],
  ['auto-reply/lotus-notes-auto.eml', { kind: 'auto_reply', returnDate: '2026-12-14' }],
  ['auto-reply/autoresponder-ack.eml', { kind: 'auto_reply', returnDate: null }],
  // Bounces of several servers, hard and soft.
  [
    'bounce/o365-ndr-5.1.10.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'm.ortiz@tailspin.example', status: '5.1.10', severity: 'hard' }],
    },
  ],
  [
    'bounce/exchange-2016-ndr-text.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'nina.patel@woodgrove.example', status: '5.1.1', severity: 'hard' }],
    },
  ],
  [
    'bounce/gmail-address-not-found.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'no.such.person@gmail.com', status: '5.1.1', severity: 'hard' }],
    },
  ],
  [
    'bounce/gmail-delay.eml',
    { kind: 'bounce', recipients: [{ address: 'ops@slow-mx.example', status: '4.4.1', severity: 'soft' }] },
  ],
  [
    'bounce/postfix-user-unknown.eml',
    { kind: 'bounce', recipients: [{ address: 'a.kim@litware.example', status: '5.1.1', severity: 'hard' }] },
  ],
  [
    'bounce/postfix-mailbox-full.eml',
    { kind: 'bounce', recipients: [{ address: 's.berg@adatum.example', status: '5.2.2', severity: 'soft' }] },
  ],
  [
    'bounce/exim-permanent.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'h.ito@proseware.example', status: '5.1.1', severity: 'hard' }],
    },
  ],
  [
    'bounce/exim-delayed.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'b.lopez@fourthcoffee.example', status: '4.7.1', severity: 'soft' }],
    },
  ],
  [
    'bounce/qmail.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'r.silva@wingtip.example', status: '5.1.1', severity: 'hard' }],
    },
  ],
  [
    'bounce/yahoo.eml',
    { kind: 'bounce', recipients: [{ address: 'dmitri.volkov@yahoo.com', status: null, severity: 'hard' }] },
  ],
  [
    'bounce/sendmail-dsn.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'g.hansen@relecloud.example', status: '5.1.1', severity: 'hard' }],
    },
  ],
  [
    'bounce/dsn-returning-list-message.eml',
    {
      kind: 'bounce',
      recipients: [{ address: 'old.member@lucerne.example', status: '5.1.1', severity: 'hard' }],
    },
  ],
  // Mail systems with their own wording (issue 12); see test/fixtures/email/README.md for what each imitates.
  [
    'bounce/dragonfly-mail-agent-mailbox-full.eml',
    bounce('t.okafor@brightline.example', '5.2.2', 'soft', 'mailbox_full'),
  ],
  [
    'bounce/dragonfly-mail-agent-no-such-domain.eml',
    bounce('m.haas@brightlnie.example', null, 'hard', 'domain_unknown'),
  ],
  [
    'bounce/apache-james-no-such-user.eml',
    bounce('k.tanaka@northwind.example', null, 'hard', 'user_unknown'),
  ],
  [
    'bounce/trend-micro-interscan-user-unknown.eml',
    bounce('y.sato@fabrikam.example', '5.1.1', 'hard', 'user_unknown'),
  ],
  ['bounce/fml-not-a-member.eml', bounce('devteam@lists.contoso.example', null, 'hard', 'rejected')],
  [
    'bounce/m-filter-unknown-user-ja.eml',
    bounce('h.yamada@kitaguni.example', '5.1.1', 'hard', 'user_unknown'),
  ],
  ['bounce/au-kddi-mailbox-full.eml', bounce('hiro.kato@ezweb.ne.jp', null, 'soft', 'mailbox_full')],
  ['bounce/au-japanese-address-not-found.eml', bounce('aya.m@au.com', '5.1.1', 'hard', 'user_unknown')],
  [
    'bounce/sendmail-docomo-too-much-mail-data.eml',
    bounce('taro.y@docomo.ne.jp', '5.0.0', 'soft', 'mailbox_full'),
  ],
  ['bounce/verizon-vtext-no-such-user.eml', bounce('2025550143@vtext.com', null, 'hard', 'user_unknown')],
  [
    'bounce/exchange-2003-ndr.eml',
    bounce('dana.whitfield@corp.tailspin.example', '5.1.1', 'hard', 'user_unknown'),
  ],
  [
    'bounce/french-non-remis-mailbox-full.eml',
    bounce('c.dubois@lesvergers.example', '5.2.2', 'soft', 'mailbox_full'),
  ],
  [
    'bounce/office365-german-unzustellbar.eml',
    bounce('k.mueller@bergwerk.example', '5.1.1', 'hard', 'user_unknown'),
  ],
  [
    'bounce/spanish-no-se-pudo-entregar.eml',
    bounce('pablo.ruiz@ibermail.example', null, 'hard', 'user_unknown'),
  ],
  ['bounce/postmaster-null-sender.eml', bounce('lena.berg@nordic.example', null, 'hard', 'other')],
  ['bounce/no-from-header.eml', bounce('o.costa@harbor.example', null, 'hard', 'user_unknown')],
  [
    'bounce/postfix-bounce-with-list-headers.eml',
    bounce('olaf.n@fabrikam.example', '5.1.1', 'hard', 'user_unknown'),
  ],
  [
    'bounce/auto-replied-mailbox-disabled.eml',
    bounce('j.moreau@atelier.example', null, 'hard', 'mailbox_disabled'),
  ],
  ['bounce/amazon-ses-sns-bounce.eml', bounce('s.ng@lumen.example', '5.1.1', 'hard', 'user_unknown')],
  [
    'bounce/gmail-text-multi-label-domain.eml',
    bounce('j.benitez@webmail.correo.net.py', '5.1.1', 'hard', 'user_unknown'),
  ],
  ['auto-generated/arf-fields-in-text.eml', { kind: 'auto_generated', type: 'feedback_report' }],
  ['auto-reply/oof-mentions-undeliverable.eml', { kind: 'auto_reply', returnDate: '2026-12-14' }],
  ['human/reply-about-a-bounce.eml', { kind: 'human' }],
  // Other machine mail.
  ['auto-generated/list-mail-naming-contact.eml', { kind: 'auto_generated', type: 'list' }],
  ['auto-generated/bulk-newsletter.eml', { kind: 'auto_generated', type: 'list' }],
  ['auto-generated/outlook-read-receipt.eml', { kind: 'auto_generated', type: 'read_receipt' }],
  ['auto-generated/spamarrest-challenge.eml', { kind: 'auto_generated', type: 'challenge_response' }],
  ['auto-generated/generic-challenge-response.eml', { kind: 'auto_generated', type: 'challenge_response' }],
  ['auto-generated/arf-complaint.eml', { kind: 'auto_generated', type: 'feedback_report' }],
  ['auto-generated/dsn-delivered.eml', { kind: 'auto_generated', type: 'delivery_report' }],
  ['auto-generated/auto-generated-notification.eml', { kind: 'auto_generated', type: 'other' }],
];

describe('classifyMessage on the hand-written fixtures', () => {
  it.each(cases)('%s', async (file, expected) => {
    const c = await classifyFile(file);
    expect(c.kind).toBe(expected.kind);
    if (expected.kind === 'auto_reply' && c.kind === 'auto_reply')
      expect(c.returnDate).toBe(expected.returnDate);
    if (expected.kind === 'auto_generated' && c.kind === 'auto_generated') expect(c.type).toBe(expected.type);
    if (expected.kind === 'bounce' && c.kind === 'bounce') {
      expect(
        c.recipients.map(({ address, status, severity, reason }, i) => ({
          address,
          status,
          severity,
          ...(expected.recipients[i]?.reason ? { reason } : {}),
        })),
      ).toEqual(expected.recipients);
    }
  });

  it('covers every fixture file', () => {
    const files: string[] = [];
    for (const dir of fs.readdirSync(FIXTURES)) {
      if (!fs.statSync(path.join(FIXTURES, dir)).isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(FIXTURES, dir)))
        if (f.endsWith('.eml')) files.push(`${dir}/${f}`);
    }
    expect(files.sort()).toEqual(cases.map(([f]) => f).sort());
  });
});
