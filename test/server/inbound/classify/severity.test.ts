/**
 * The hard/soft policy, row by row as the table in src/server/inbound/classify/README.md
 * ("Hard or soft") writes it: each row with inputs of each kind it covers.
 */
import { gradeFailure, type FailureInput } from '../../../../src/server/inbound/classify/status';
import type { BounceReason } from '../../../../src/server/inbound/classify';

type Row = [string, FailureInput, BounceReason, 'hard' | 'soft'];

const rows: Record<string, Row[]> = {
  '1. user unknown: hard, whatever the code': [
    ['5.1.1', { status: '5.1.1' }, 'user_unknown', 'hard'],
    ['Microsoft 5.1.10', { status: '5.1.10' }, 'user_unknown', 'hard'],
    [
      '4.x.x with the words',
      {
        status: '4.1.1',
        diagnostic:
          '450 4.1.1 <a@b.example>: Recipient address rejected: User unknown in local recipient table',
      },
      'user_unknown',
      'hard',
    ],
    ['no code, the words', { status: null, diagnostic: 'No such user here' }, 'user_unknown', 'hard'],
    [
      'in a delay notice',
      { status: '4.0.0', action: 'delayed', diagnostic: '451 unknown user' },
      'user_unknown',
      'hard',
    ],
    ['French', { status: null, diagnostic: 'Utilisateur inconnu' }, 'user_unknown', 'hard'],
    ['Japanese', { status: null, diagnostic: '宛先のメールアドレスが存在しません' }, 'user_unknown', 'hard'],
  ],
  '2. no such domain: hard, whatever the code': [
    ['5.1.2', { status: '5.1.2' }, 'domain_unknown', 'hard'],
    ['5.4.4 unable to route', { status: '5.4.4' }, 'domain_unknown', 'hard'],
    [
      'Postfix, no code',
      {
        status: null,
        diagnostic:
          'Host or domain name not found. Name service error for name=nowhere.example type=A: Host not found',
      },
      'domain_unknown',
      'hard',
    ],
    [
      '4.x.x NXDOMAIN',
      { status: '4.4.0', diagnostic: 'DNS lookup failed: NXDOMAIN' },
      'domain_unknown',
      'hard',
    ],
  ],
  '3. mailbox disabled: hard, whatever the code': [
    ['5.2.1', { status: '5.2.1' }, 'mailbox_disabled', 'hard'],
    [
      '4.x.x with the words',
      { status: '4.2.1', diagnostic: 'The email account that you tried to reach is disabled' },
      'mailbox_disabled',
      'hard',
    ],
    [
      'no code',
      { status: null, diagnostic: 'This address no longer accepts mail' },
      'mailbox_disabled',
      'hard',
    ],
  ],
  '4. mailbox moved: hard, whatever the code': [
    ['5.1.6', { status: '5.1.6' }, 'mailbox_moved', 'hard'],
    [
      'no code',
      { status: null, diagnostic: 'User has moved; no forwarding address' },
      'mailbox_moved',
      'hard',
    ],
  ],
  '5. mailbox full: soft, whatever the code': [
    ['5.2.2', { status: '5.2.2' }, 'mailbox_full', 'soft'],
    ['5.0.0 with the words', { status: '5.0.0', diagnostic: '552 mailbox full' }, 'mailbox_full', 'soft'],
    [
      '5.1.1 with the words (the words win)',
      { status: '5.1.1', diagnostic: '550 5.1.1 Mailbox is full' },
      'mailbox_full',
      'soft',
    ],
    ['no code, over quota', { status: null, diagnostic: 'user is over quota' }, 'mailbox_full', 'soft'],
  ],
  '6. message too large: soft, whatever the code': [
    ['5.3.4', { status: '5.3.4' }, 'message_too_large', 'soft'],
    ['5.2.3', { status: '5.2.3' }, 'message_too_large', 'soft'],
    [
      '5.0.0 with the words',
      { status: '5.0.0', diagnostic: '552 Message size exceeds fixed maximum message size' },
      'message_too_large',
      'soft',
    ],
  ],
  '7. delivery time expired: soft, whatever the code': [
    ['5.4.7', { status: '5.4.7' }, 'expired', 'soft'],
    ['Exim, class 5', { status: '5.0.0', diagnostic: 'retry timeout exceeded' }, 'expired', 'soft'],
    [
      'DragonFly, no code',
      { status: null, diagnostic: 'Could not deliver for the last 345600 seconds. Giving up.' },
      'expired',
      'soft',
    ],
  ],
  '8. rate limiting: soft, whatever the code': [
    [
      '5.x.x',
      { status: '5.7.1', diagnostic: '550 5.7.1 Too many connections from your host' },
      'rate_limited',
      'soft',
    ],
    ['no code', { status: null, diagnostic: '421 Throttled, try again later' }, 'rate_limited', 'soft'],
  ],
  '9. a delay: soft': [
    ['Action: delayed', { status: '5.7.1', action: 'delayed' }, 'rejected', 'soft'],
    ['a delay warning without a code', { status: null, delayed: true }, 'other', 'soft'],
  ],
  '10. otherwise the status class: 5 hard, 4 soft': [
    [
      '5.7.1 spam rejection',
      { status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam' },
      'rejected',
      'hard',
    ],
    ['5.0.0 with nothing said', { status: '5.0.0' }, 'other', 'hard'],
    [
      '4.7.1 greylisted',
      { status: '4.7.1', diagnostic: '451 4.7.1 Greylisted, please try again later' },
      'rejected',
      'soft',
    ],
    [
      '4.4.1 connection timed out',
      { status: '4.4.1', diagnostic: '421 4.4.1 Connection timed out' },
      'network',
      'soft',
    ],
  ],
  '11. only an SMTP reply code: 5xx hard (552 soft), 4xx soft': [
    [
      '550',
      { status: null, diagnostic: '550 Requested action not taken: mailbox unavailable' },
      'other',
      'hard',
    ],
    ['554 policy', { status: null, diagnostic: '554 Message refused by policy' }, 'rejected', 'hard'],
    ['552 alone', { status: null, diagnostic: '552 Requested mail action aborted' }, 'other', 'soft'],
    ['451', { status: null, diagnostic: '451 Local error in processing' }, 'other', 'soft'],
  ],
  '12. no code: the words, else hard': [
    ['permanent', { status: null, diagnostic: 'This is a permanent error' }, 'other', 'hard'],
    ['temporary', { status: null, diagnostic: 'I will retry later' }, 'other', 'soft'],
    ['nothing said', { status: null }, 'other', 'hard'],
  ],
};

describe.each(Object.entries(rows))('%s', (_row, cases) => {
  it.each(cases)('%s', (_name, input, reason, severity) => {
    expect(gradeFailure(input)).toEqual({ reason, severity });
  });
});
