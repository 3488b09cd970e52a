/** Auto-generated mail (auto-generated.ts) and the order of the categories (index.ts). */
import { classifyRaw, rawMessage } from './helpers';

const report = (reportType: string, parts: string) =>
  rawMessage(
    { 'Content-Type': `multipart/report; report-type=${reportType}; boundary="b1"`, 'Return-Path': '<>' },
    `--b1\nContent-Type: text/plain\n\nReport.\n\n${parts}--b1--`,
  );

describe('auto-generated detection', () => {
  const cases: [string, Buffer, string][] = [
    ['List-Id', rawMessage({ 'List-Id': '<news.lists.example>' }, 'Hi all'), 'list'],
    ['Precedence: list', rawMessage({ Precedence: 'list' }, 'Hi all'), 'list'],
    [
      'List-Unsubscribe + Precedence: bulk',
      rawMessage({ 'List-Unsubscribe': '<mailto:u@lists.example>', Precedence: 'bulk' }, 'Offer'),
      'list',
    ],
    [
      'List-Unsubscribe + Precedence: junk',
      rawMessage({ 'List-Unsubscribe': '<https://x.example/u>', Precedence: 'junk' }, 'Offer'),
      'list',
    ],
    ['Mailman', rawMessage({ 'X-Mailman-Version': '2.1.39' }, 'Post'), 'list'],
    [
      'ARF report',
      report('feedback-report', '--b1\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n\n'),
      'feedback_report',
    ],
    [
      'MDN read receipt',
      report(
        'disposition-notification',
        '--b1\nContent-Type: message/disposition-notification\n\nDisposition: manual-action/MDN-sent-manually; displayed\n\n',
      ),
      'read_receipt',
    ],
    [
      'DSN: delivered',
      report(
        'delivery-status',
        '--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@example.org\nAction: delivered\nStatus: 2.0.0\n\n',
      ),
      'delivery_report',
    ],
    [
      'DSN: relayed',
      report(
        'delivery-status',
        '--b1\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\nAction: relayed\nStatus: 2.0.0\n\n',
      ),
      'delivery_report',
    ],
    [
      'DSN: expanded',
      report(
        'delivery-status',
        '--b1\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\nAction: expanded\nStatus: 2.0.0\n\n',
      ),
      'delivery_report',
    ],
    [
      'Boxbe sender',
      rawMessage(
        { From: 'noreply@boxbe.com', Subject: 'Re: Offer (Action Required)' },
        'Please click the link below to have your address added to the approved senders list.',
      ),
      'challenge_response',
    ],
    [
      'X-Challenge header + phrase',
      rawMessage({ 'X-Challenge': 'abc' }, 'Please confirm that you are a human by clicking the link.'),
      'challenge_response',
    ],
    [
      'null sender + phrase',
      rawMessage(
        { 'Return-Path': '<>' },
        'This mailbox is protected by SpamShield. Verify that you are a real person: https://x.example/v',
      ),
      'challenge_response',
    ],
    [
      'Auto-Submitted: auto-generated, not a response',
      rawMessage({ 'Auto-Submitted': 'auto-generated', Subject: 'Your invoice' }, 'Invoice attached.'),
      'other',
    ],
    [
      'Precedence: bulk alone',
      rawMessage({ Precedence: 'bulk', Subject: 'Monthly report' }, 'Numbers.'),
      'other',
    ],
  ];
  it.each(cases)('%s', async (_name, raw, type) => {
    expect(await classifyRaw(raw)).toMatchObject({ kind: 'auto_generated', type });
  });

  it('a person mentioning verification is human', async () => {
    const c = await classifyRaw(
      rawMessage(
        { Subject: 'Re: Offer' },
        'Please verify that you are a real person before I share pricing :)',
      ),
    );
    expect(c.kind).toBe('human');
  });

  it('List-Unsubscribe alone does not make a reply list mail', async () => {
    const c = await classifyRaw(
      rawMessage({ 'List-Unsubscribe': '<mailto:u@crm.example>', Subject: 'Re: Offer' }, 'Yes, call me.'),
    );
    expect(c.kind).toBe('human');
  });
});

describe('precedence between categories', () => {
  it('a bounce that returns a list message is a bounce', async () => {
    const raw = report(
      'delivery-status',
      '--b1\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.1.1\n\n--b1\nContent-Type: message/rfc822\n\nList-Id: <news.example>\nPrecedence: list\nSubject: News\n\nNews\n\n',
    );
    expect(await classifyRaw(raw)).toMatchObject({
      kind: 'bounce',
      recipients: [{ address: 'a@example.org', severity: 'hard' }],
    });
  });

  it('a bounce that returns an out-of-office reply is a bounce', async () => {
    const raw = report(
      'delivery-status',
      '--b1\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.1.1\n\n--b1\nContent-Type: message/rfc822\n\nAuto-Submitted: auto-replied\nSubject: Automatic reply: Offer\n\nI am out of the office.\n\n',
    );
    expect((await classifyRaw(raw)).kind).toBe('bounce');
  });

  it('a bounce carrying Auto-Submitted: auto-replied is a bounce, not an auto-reply', async () => {
    const raw = rawMessage(
      {
        From: 'MAILER-DAEMON@mx.example.net',
        'Auto-Submitted': 'auto-replied',
        Subject: 'Undelivered Mail Returned to Sender',
      },
      'This is the mail system at host mx.example.net.\n\n<a@example.org>: host x said: 550 5.1.1 unknown',
    );
    expect((await classifyRaw(raw)).kind).toBe('bounce');
  });

  it('a read receipt quoting a bounce is a read receipt', async () => {
    const raw = report(
      'disposition-notification',
      '--b1\nContent-Type: text/plain\n\nDelivery has failed to these recipients or groups: 550 5.1.1\n\n',
    );
    expect(await classifyRaw(raw)).toMatchObject({ kind: 'auto_generated', type: 'read_receipt' });
  });

  it('a challenge sent as a delivery-status report is a challenge, not a bounce', async () => {
    const raw = rawMessage(
      {
        From: 'noreply@boxbe.com',
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"',
      },
      '--b1\nContent-Type: text/plain\n\nYour message is being held. Please click the link below to verify that you are a real person.\n\n--b1--',
    );
    expect(await classifyRaw(raw)).toMatchObject({ kind: 'auto_generated', type: 'challenge_response' });
  });
});
