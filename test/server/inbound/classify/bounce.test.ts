/** Bounce rules: RFC 3464 parsing (dsn.ts), status codes (status.ts), prose bounces. The policy: severity.test.ts. */
import { parseDeliveryStatus } from '../../../../src/server/inbound/classify/dsn';
import { enhancedCodes, refineStatus } from '../../../../src/server/inbound/classify/status';
import { classifyRaw, rawMessage } from './helpers';

describe('parseDeliveryStatus', () => {
  it('reads per-message and per-recipient fields, unfolding continuation lines', () => {
    const ds = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mx.example.org',
        'Arrival-Date: Tue, 1 Dec 2026 09:00:00 +0000',
        '',
        'Original-Recipient: rfc822;Alias@Example.org',
        'Final-Recipient: rfc822; real@example.org',
        'Action: failed',
        'Status: 5.1.1 (bad mailbox)',
        'Diagnostic-Code: smtp; 550 5.1.1 <real@example.org>: Recipient address',
        '    rejected: User unknown',
        '',
        'Final-Recipient: rfc822; <slow@example.net>',
        'Action: delayed',
        'Status: 4.4.1',
        '',
      ].join('\r\n'),
    );
    expect(ds.reportingMta).toBe('mx.example.org');
    expect(ds.recipients).toEqual([
      {
        originalRecipient: 'alias@example.org',
        finalRecipient: 'real@example.org',
        action: 'failed',
        status: '5.1.1 (bad mailbox)',
        diagnostic: '550 5.1.1 <real@example.org>: Recipient address rejected: User unknown',
        remoteMta: null,
      },
      {
        originalRecipient: null,
        finalRecipient: 'slow@example.net',
        action: 'delayed',
        status: '4.4.1',
        diagnostic: null,
        remoteMta: null,
      },
    ]);
  });

  it('splits recipients that an MTA wrote without blank lines between them', () => {
    const ds = parseDeliveryStatus(
      'Final-Recipient: rfc822; a@x.example\nAction: failed\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@x.example\nAction: failed\nStatus: 5.2.2\n',
    );
    expect(ds.recipients.map((r) => [r.finalRecipient, r.status])).toEqual([
      ['a@x.example', '5.1.1'],
      ['b@x.example', '5.2.2'],
    ]);
  });
});

describe('status codes', () => {
  it('prefers a specific code from the diagnostic over a generic status', () => {
    expect(refineStatus('5.0.0', '550 5.1.1 <a@b.example>... User unknown')).toBe('5.1.1');
    expect(refineStatus('5.1.1', '550 5.7.1 blocked')).toBe('5.1.1');
    expect(refineStatus(null, 'said: 550-5.1.1 The email account does not exist')).toBe('5.1.1');
    expect(refineStatus('4.0.0', '550 5.1.1 no')).toBe('4.0.0'); // another class is not a refinement
  });

  it('does not read IP addresses or versions as status codes', () => {
    expect(enhancedCodes('host 10.2.1.5 said: 550 5.1.1 unknown; Exim 4.97.1; v2.6.0')).toEqual(['5.1.1']);
  });
});

const daemon = { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', 'Return-Path': '<>' };

describe('non-standard bounces', () => {
  const cases: [
    string,
    Record<string, string>,
    string,
    { address: string | null; status: string | null; severity: 'hard' | 'soft' }[],
  ][] = [
    [
      'Gmail (old text format)',
      {
        From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        Subject: 'Delivery Status Notification (Failure)',
      },
      'Delivery to the following recipient failed permanently:\n\n     lost.person@gmail.com\n\nTechnical details of permanent failure:\nThe email account that you tried to reach does not exist. 550-5.1.1 The email account does not exist.',
      [{ address: 'lost.person@gmail.com', status: '5.1.1', severity: 'hard' }],
    ],
    [
      'Gmail delay (text)',
      {
        From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        Subject: 'Delivery Status Notification (Delay)',
      },
      'This is an automatically generated Delivery Status Notification\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipient has been delayed:\n\n     slow@slow.example\n\nMessage will be retried for 2 more day(s)',
      [{ address: 'slow@slow.example', status: null, severity: 'soft' }],
    ],
    [
      'Postfix text without a DSN part',
      { ...daemon, Subject: 'Undelivered Mail Returned to Sender' },
      'This is the mail system at host mx.example.net.\n\n<gone@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    <gone@example.org>: Recipient address rejected: User unknown',
      [{ address: 'gone@example.org', status: '5.1.1', severity: 'hard' }],
    ],
    [
      'Postfix mailbox full, reply code only',
      { ...daemon, Subject: 'Undelivered Mail Returned to Sender' },
      'This is the mail system at host mx.example.net.\n\n<full@example.org>: host mx.example.org[192.0.2.1] said: 552 Mailbox full',
      [{ address: 'full@example.org', status: null, severity: 'soft' }],
    ],
    [
      'Exim two recipients',
      { ...daemon, Subject: 'Mail delivery failed: returning message to sender' },
      'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  one@example.org\n    SMTP error from remote mail server after RCPT TO:<one@example.org>:\n    550 5.1.1 User unknown\n  two@example.org\n    SMTP error from remote mail server after RCPT TO:<two@example.org>:\n    452 4.2.2 Mailbox full\n',
      [
        { address: 'one@example.org', status: '5.1.1', severity: 'hard' },
        { address: 'two@example.org', status: '4.2.2', severity: 'soft' },
      ],
    ],
    [
      'qmail',
      { From: 'MAILER-DAEMON@mail.example.net', Subject: 'failure notice' },
      "Hi. This is the qmail-send program at mail.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<nobody@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n",
      [{ address: 'nobody@example.org', status: '5.1.1', severity: 'hard' }],
    ],
    [
      'Domino',
      {
        From: 'Postmaster@example.net',
        Subject: 'DELIVERY FAILURE: User J Doe (jdoe@example.net) not listed in Domino Directory',
      },
      'Your message\n\n  Subject: Offer\n\nwas not delivered to:\n\n  jdoe@example.net\n\nbecause:\n\n  User J Doe (jdoe@example.net) not listed in Domino Directory',
      [{ address: 'jdoe@example.net', status: null, severity: 'hard' }],
    ],
  ];

  it.each(cases)('%s', async (_name, headers, body, expected) => {
    const c = await classifyRaw(rawMessage({ To: 'rep@acme-tools.example', ...headers }, body));
    expect(c.kind).toBe('bounce');
    if (c.kind !== 'bounce') return;
    expect(c.recipients.map(({ address, status, severity }) => ({ address, status, severity }))).toEqual(
      expected,
    );
  });

  it('a person forwarding a bounce is not a bounce', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Fwd: Undeliverable: Offer' },
        "Riley, your mail to my colleague bounced, see below. Her new address is ana@example.org.\n\n---------- Forwarded message ---------\nDelivery has failed to these recipients or groups:\n\nold@example.org\nThe email address you entered couldn't be found.",
      ),
    );
    expect(c.kind).toBe('human');
  });

  it('a logistics prospect writing about failed deliveries is not a bounce', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Re: Delivery failure rates at Contoso Freight' },
        'Our delivery failed for 3% of parcels last month: packages that could not be delivered to the recipient. Can your tool help?',
      ),
    );
    expect(c.kind).toBe('human');
  });

  it('a person who mentions an undeliverable mail is not a bounce', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Re: Offer' },
        'Your first email could not be delivered to my old address, use this one.',
      ),
    );
    expect(c.kind).toBe('human');
  });
});

describe('Amazon SES notifications', () => {
  it('reads a Bounce notification', async () => {
    const json = JSON.stringify({
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [
          {
            emailAddress: 'gone@example.org',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        reportingMTA: 'dns; a1-2.smtp-out.amazonses.com',
      },
      mail: { messageId: 'x' },
    });
    const c = await classifyRaw(
      rawMessage({ From: 'no-reply@sns.amazonaws.com', Subject: 'AWS Notification Message' }, json),
    );
    expect(c).toEqual({
      kind: 'bounce',
      recipients: [
        {
          address: 'gone@example.org',
          status: '5.1.1',
          severity: 'hard',
          reason: 'user_unknown',
          diagnostic: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      reportingMta: 'a1-2.smtp-out.amazonses.com',
      signals: ['ses:notificationType=bounce'],
    });
  });
});
