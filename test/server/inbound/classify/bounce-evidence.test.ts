/**
 * Bounces from mail systems the classifier has no layout for (issue 12): evidence is weighed,
 * so a notice is recognised by who sent it, how, and what it says — in any of the languages —
 * and its failed recipient by where the address stands. Table-driven; the fixtures each
 * family is written from are listed in test/fixtures/email/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findFailedAddresses } from '../../../../src/server/inbound/classify/text-recipients';
import { FIXTURES, classifyRaw, rawMessage } from './helpers';

/** A fixture with some header lines replaced (`null` removes the field). */
function variant(file: string, fields: Record<string, string | null>): Buffer {
  const raw = fs.readFileSync(path.join(FIXTURES, file), 'latin1');
  const end = raw.search(/\r?\n\r?\n/);
  let head = raw.slice(0, end);
  const body = raw.slice(end);
  for (const [name, value] of Object.entries(fields)) {
    const field = new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*$`, 'im');
    head = field.test(head)
      ? head.replace(field, value === null ? '' : `${name}: ${value}`).replace(/\n\n/g, '\n')
      : value === null
        ? head
        : `${name}: ${value}\n${head}`;
  }
  return Buffer.from(head.replace(/^\n/, '') + body, 'latin1');
}

describe('the evidence that decides, one piece taken away at a time', () => {
  const cases: [string, string, Record<string, string | null>, 'bounce' | 'human' | 'auto_reply'][] = [
    [
      'Exchange 2003 with a plain subject: null return path and wording',
      'bounce/exchange-2003-ndr.eml',
      { Subject: 'Cutting onboarding time' },
      'bounce',
    ],
    [
      'DragonFly from a person-looking sender: its Received mark',
      'bounce/dragonfly-mail-agent-mailbox-full.eml',
      { From: 'Ops <ops@brightline.example>' },
      'bounce',
    ],
    [
      'InterScan without its subject',
      'bounce/trend-micro-interscan-user-unknown.eml',
      { Subject: 'Cutting onboarding time' },
      'bounce',
    ],
    ['m-FILTER without its sender', 'bounce/m-filter-unknown-user-ja.eml', { From: null }, 'bounce'],
    [
      'the list-header bounce without its From',
      'bounce/postfix-bounce-with-list-headers.eml',
      { From: null },
      'bounce',
    ],
    [
      'Verizon with a Re: subject',
      'bounce/verizon-vtext-no-such-user.eml',
      { Subject: 'Re: Cutting onboarding time' },
      'bounce',
    ],
    [
      'the auto-replied bounce from a person, without the null return path or Auto-Submitted: a person writing',
      'bounce/auto-replied-mailbox-disabled.eml',
      { 'Return-Path': null, 'Auto-Submitted': null, From: 'Jules Moreau <jules@atelier.example>' },
      'human',
    ],
    [
      'an out-of-office with a null return path that mentions an undeliverable address',
      'auto-reply/oof-mentions-undeliverable.eml',
      { Subject: 'Cutting onboarding time' },
      'auto_reply',
    ],
  ];
  it.each(cases)('%s', async (_name, file, fields, kind) => {
    expect((await classifyRaw(variant(file, fields))).kind).toBe(kind);
  });
});

describe('failure notices in other languages, from a sender that is not a MAILER-DAEMON', () => {
  const machine = { From: 'Mail <mail@relay.example.net>', 'Return-Path': '<>' };
  const cases: [string, string, string, string, 'hard' | 'soft'][] = [
    [
      'French',
      'Non distribuable',
      "Votre message n'a pas pu être remis.\n\n  a@dest.example\n  Utilisateur inconnu",
      'a@dest.example',
      'hard',
    ],
    [
      'German',
      'Unzustellbar: Angebot',
      'Ihre Nachricht konnte nicht zugestellt werden.\n\nb@dest.example\nPostfach voll',
      'b@dest.example',
      'soft',
    ],
    [
      'Spanish',
      'Fallo en la entrega',
      'No se pudo entregar el mensaje a:\n\n  c@dest.example\n  Buzón lleno',
      'c@dest.example',
      'soft',
    ],
    [
      'Italian',
      'Non recapitabile: Offerta',
      'Impossibile recapitare il messaggio a:\n\nd@dest.example\nUtente sconosciuto',
      'd@dest.example',
      'hard',
    ],
    [
      'Portuguese',
      'Mensagem não entregue',
      'Não foi possível entregar a mensagem para:\n\ne@dest.example\nCaixa postal cheia',
      'e@dest.example',
      'soft',
    ],
    [
      'Dutch',
      'Onbestelbaar: Offerte',
      'Het bericht kon niet worden bezorgd bij:\n\nf@dest.example\nOnbekende ontvanger',
      'f@dest.example',
      'hard',
    ],
    [
      'Polish',
      'Wiadomość niedostarczona',
      'Nie można dostarczyć wiadomości do:\n\ng@dest.example\nNieznany odbiorca',
      'g@dest.example',
      'hard',
    ],
    [
      'Japanese',
      '配信エラー',
      'メールを配信できませんでした。\n\nh@dest.example\n宛先不明 (550 5.1.1)',
      'h@dest.example',
      'hard',
    ],
    [
      'Chinese',
      '退信通知',
      '您的邮件无法投递到以下地址：\n\ni@dest.example\n用户不存在',
      'i@dest.example',
      'hard',
    ],
    [
      'Russian',
      'Сообщение не доставлено',
      'Ваше сообщение не может быть доставлено:\n\nj@dest.example\nПользователь не найден',
      'j@dest.example',
      'hard',
    ],
  ];
  it.each(cases)('%s', async (_name, subject, body, address, severity) => {
    const c = await classifyRaw(rawMessage({ ...machine, Subject: subject }, body));
    expect(c).toMatchObject({ kind: 'bounce', recipients: [{ address, severity }] });
  });
});

describe('mail systems known by their header marks', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    [
      'IMail (X-Mailer <SMTP32 v…>)',
      { 'X-Mailer': '<SMTP32 v8.22>', Subject: 'Undeliverable Mail' },
      'Unknown user: a@dest.example\n\nOriginal message follows.',
      'a@dest.example',
    ],
    [
      'Active!hunter (X-AHMailID)',
      { 'X-AHMailID': '123', Subject: 'failure notice' },
      '  ----- The following addresses had permanent fatal errors -----\n\n>>> b@dest.example <b@dest.example>\n\n  ----- Transcript of session follows -----\n550 sorry, no mailbox here by that name (#5.1.1 - chkusr)',
      'b@dest.example',
    ],
    [
      'MailFoundry (Received … (MAILFOUNDRY))',
      {
        Received: 'From localhost (127.0.0.1) by smtp9.mf.dest.example (MAILFOUNDRY) id 1',
        Subject: 'Message delivery has failed',
      },
      'Unable to deliver message to: <c@dest.example>\nDelivery failed for the following reason:\nServer mx.dest.example[192.0.2.2] failed with: 550 <c@dest.example> No such user here\n\nThis has been a permanent failure.  No further delivery attempts will be made.',
      'c@dest.example',
    ],
    [
      'Exchange 2003 (X-MS-Embedded-Report)',
      { 'X-MS-Embedded-Report': '', Subject: 'Undeliverable: Offer' },
      'Your message\n\n  To: d@dest.example\n\ndid not reach the following recipient(s):\n\nd@dest.example on 12/1/2026 9:00 AM\n    The recipient name is not recognized\n    MSEXCH:IMS:DEST:SITE:EXCH 0 (000C05A6) Unknown Recipient',
      'd@dest.example',
    ],
  ];
  it.each(cases)('%s', async (_name, headers, body, address) => {
    const c = await classifyRaw(rawMessage({ From: 'Notices <notices@dest.example>', ...headers }, body));
    expect(c).toMatchObject({ kind: 'bounce', recipients: [{ address, severity: 'hard' }] });
  });
});

describe("a person's mail relayed by a system that marks everything it handles", () => {
  it.each([
    [
      'DragonFly Mail Agent',
      { Received: 'from laptop id 3f9a1 by mail.example.net (DragonFly Mail Agent v0.13)' },
    ],
    ['m-FILTER', { 'X-Mailer': 'm-FILTER' }],
    ['IMail', { 'X-Mailer': '<SMTP32 v8.22>' }],
  ])('%s: a reply that mentions a failed delivery is still a reply', async (_name, headers) => {
    const c = await classifyRaw(
      rawMessage(
        { ...headers, Subject: 'Re: Offer' },
        'Thanks Riley. Your first mail to my colleague was undeliverable, please use this address.',
      ),
    );
    expect(c.kind).toBe('human');
  });
});

describe('the failed recipient, from where the address stands', () => {
  const options = (extra: { exclude?: string[]; lists?: string[]; domain?: string } = {}) => ({
    exclude: new Set(['rep@acme-tools.example', ...(extra.exclude ?? [])]),
    listAddresses: new Set(extra.lists ?? []),
    reportingDomain: extra.domain ?? null,
  });
  const cases: [string, string, ReturnType<typeof options>, string[]][] = [
    [
      'X.400 routing in Exchange 5.5',
      'c=us;a= ;p=dest;o=site;dda:smtp=a@dest.example; on fri, 4 oct 2002\n    the recipient name is not recognized',
      options(),
      ['a@dest.example'],
    ],
    [
      'Sendmail expansion: the address the sender used',
      '<real.box@dest.example>... user unknown\n    (expanded from: <alias@dest.example>)',
      options(),
      ['alias@dest.example'],
    ],
    [
      'a cue with words between ("Delivery failed 20 attempts:")',
      'delivery failed 20 attempts: b@dest.example',
      options(),
      ['b@dest.example'],
    ],
    [
      'one address per line under a heading, bullets and brackets',
      'the following recipients failed:\n  * c1@dest.example\n  - <c2@dest.example>\n  "c3@dest.example" [user unknown]',
      options(),
      ['c1@dest.example', 'c2@dest.example', 'c3@dest.example'],
    ],
    [
      '"SMTP Server <…> rejected recipient <…>"',
      'smtp server <mx.dest.example> rejected recipient <d@dest.example> (error following rcpt command). it responded as follows: [550 5.1.1 user unknown]',
      options(),
      ['d@dest.example'],
    ],
    [
      'senders are not recipients',
      'the original message was received at tue, 1 dec 2026\nfrom rep2@acme-tools.example\nmail from: <rep3@acme-tools.example>\nreturn-path: <rep4@acme-tools.example>\n\n<e@dest.example>... user unknown',
      options(),
      ['e@dest.example'],
    ],
    [
      "the bounce's own addresses are not recipients",
      '<rep@acme-tools.example>: your message to <f@dest.example> could not be delivered',
      options(),
      ['f@dest.example'],
    ],
    [
      "a list's command addresses are instructions",
      'you are not a member of this mailing list <team@lists.dest.example>.\n\nsend "help" to the address\n\n\tteam-ctl@lists.dest.example\n\tteam-request@lists.dest.example',
      options(),
      ['team@lists.dest.example'],
    ],
    [
      'a list address only when nothing else is named',
      'delivery to the following recipient failed:\n\n  list@lists.dest.example\n  g@dest.example',
      options({ lists: ['list@lists.dest.example'] }),
      ['g@dest.example'],
    ],
    [
      '… and then it is',
      'delivery to the following recipient failed:\n\n  list@lists.dest.example',
      options({ lists: ['list@lists.dest.example'] }),
      ['list@lists.dest.example'],
    ],
    [
      'AOL: a screen name without a domain',
      'your mail to the following recipients could not be delivered because they are not accepting mail from rep@acme-tools.example:\n\tscreenname\n',
      options({ domain: 'aol.com' }),
      ['screenname@aol.com'],
    ],
    [
      'addresses in URLs and prose are not recipients',
      'see https://help.dest.example/bounce?u=h@dest.example for help. contact our support at help@dest.example if needed.',
      options(),
      [],
    ],
  ];
  it.each(cases)('%s', (_name, notice, opts, expected) => {
    expect(findFailedAddresses(notice, opts).map((hit) => hit.address)).toEqual(expected);
  });

  it('AOL: the screen name completed with the reporting domain, through the whole classifier', async () => {
    const c = await classifyRaw(
      rawMessage(
        { From: '"Mail Delivery Subsystem" <MAILER-DAEMON@aol.com>', Subject: 'Mail Delivery Problem' },
        'Your mail to the following recipients could not be delivered because they are not accepting mail from rep@acme-tools.example:\n\tscreenname\n',
      ),
    );
    expect(c).toMatchObject({ kind: 'bounce', recipients: [{ address: 'screenname@aol.com' }] });
  });
});
