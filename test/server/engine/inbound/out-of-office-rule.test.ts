import { outOfOfficeRule } from '../../../../src/server/engine/inbound/out-of-office-rule';
import { enrollment, facts } from './builders';

const ann = enrollment('ann');
const ignoring = enrollment('ann', {
  settings: { unenrollSameCompany: false, outOfOffice: 'ignore', sendWindow: null },
});

describe('out-of-office rule (A13)', () => {
  test.each([
    [
      'dated, defer: pause until the date',
      facts({ kind: 'auto_reply', returnDate: '2026-12-07', thread: [ann] }),
      'pause',
    ],
    [
      'no date: a note only',
      facts({ kind: 'auto_reply', returnDate: null, thread: [ann] }),
      'note_auto_reply',
    ],
    [
      'dated, ignore: a note only',
      facts({ kind: 'auto_reply', returnDate: '2026-12-07', thread: [ignoring] }),
      'note_auto_reply',
    ],
    [
      'the date is today: a note only',
      facts({ kind: 'auto_reply', returnDate: '2026-12-01', thread: [ann] }),
      'note_auto_reply',
    ],
    [
      'the date has passed: a note only',
      facts({ kind: 'auto_reply', returnDate: '2026-11-20', thread: [ann] }),
      'note_auto_reply',
    ],
    [
      "the date is today in the enrolling user's zone, tomorrow in UTC: a note only",
      facts({
        kind: 'auto_reply',
        now: new Date('2026-12-01T12:00:00Z'), // 01:00 on 2 December in Auckland (UTC+13)
        returnDate: '2026-12-02',
        thread: [{ ...ann, timeZone: 'Pacific/Auckland' }],
      }),
      'note_auto_reply',
    ],
    [
      "the date is tomorrow in the enrolling user's zone, today in UTC: pause",
      facts({
        kind: 'auto_reply',
        now: new Date('2026-12-02T03:00:00Z'), // 22:00 on 1 December in New York
        returnDate: '2026-12-02',
        thread: [{ ...ann, timeZone: 'America/New_York' }],
      }),
      'pause',
    ],
    [
      'an unknown zone counts as UTC',
      facts({ kind: 'auto_reply', returnDate: '2026-12-02', thread: [{ ...ann, timeZone: 'Mars/Olympus' }] }),
      'pause',
    ],
    [
      'matched by sender rather than thread',
      facts({
        kind: 'auto_reply',
        returnDate: '2026-12-07',
        senderContacts: [{ contactId: ann.contactId, match: 'exact', currentEnrollment: ann }],
      }),
      'pause',
    ],
  ])('%s', (_name, input, expected) => {
    const decisions = outOfOfficeRule(input);
    expect(decisions.map((d) => d.type)).toEqual([expected]);
    expect(decisions.every((d) => d.type !== 'unenroll')).toBe(true);
  });

  test.each([
    [
      'a paused enrollment stays as it is',
      facts({ kind: 'auto_reply', returnDate: '2026-12-07', thread: [{ ...ann, status: 'paused' }] }),
    ],
    [
      'an ended one too',
      facts({ kind: 'auto_reply', returnDate: '2026-12-07', thread: [{ ...ann, status: 'unenrolled' }] }),
    ],
    [
      'a human message is no out-of-office',
      facts({ kind: 'human', returnDate: '2026-12-07', thread: [ann] }),
    ],
  ])('%s', (_name, input) => {
    expect(outOfOfficeRule(input)).toEqual([]);
  });

  test('one decision per enrollment even when matched twice', () => {
    const input = facts({
      kind: 'auto_reply',
      returnDate: '2026-12-07',
      thread: [ann],
      senderContacts: [{ contactId: ann.contactId, match: 'exact', currentEnrollment: ann }],
    });
    expect(outOfOfficeRule(input)).toHaveLength(1);
  });
});
