import { endedWords, historyLine, splitName } from '../../src/addin/taskpane/format';

describe('words of the second wave', () => {
  test('splitName: a new contact’s first and last name from Outlook’s display name or the address', () => {
    expect(splitName('Ann Lee', 'x@y.example')).toEqual({ firstName: 'Ann', lastName: 'Lee' });
    expect(splitName('Lee, Ann', 'x@y.example')).toEqual({ firstName: 'Ann', lastName: 'Lee' });
    expect(splitName('Ann Marie van Dyke', 'x@y.example')).toEqual({
      firstName: 'Ann Marie',
      lastName: 'van Dyke',
    });
    expect(splitName('Cher', 'x@y.example')).toEqual({ firstName: 'Cher', lastName: '' });
    expect(splitName('ann.lee@y.example', 'ann.lee@y.example')).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
    });
    expect(splitName('', 'bo_chen2@y.example')).toEqual({ firstName: 'Bo', lastName: 'Chen2' });
  });

  test('endedWords: a reply names its subject without Re:', () => {
    expect(
      endedWords({
        reason: 'replied',
        at: '2026-12-01T00:00:00.000Z',
        by: { type: 'system', id: null },
        detail: 'reply "Re: Quick question" from ann@x.example <id@host>',
      }),
    ).toBe('Replied to “Quick question”');
    expect(
      endedWords({
        reason: 'unsubscribed',
        at: '2026-12-01T00:00:00.000Z',
        by: { type: 'contact', id: null },
        detail: null,
      }),
    ).toBe('Unsubscribed');
  });

  test('historyLine: an out-of-office pause says until when', () => {
    const line = historyLine(
      {
        type: 'paused',
        at: '2026-12-01T00:00:00.000Z',
        by: { type: 'system', id: null },
        detail: 'Out of office until 2026-12-11: auto-reply "OOO" from ann@x.example',
        data: { until: '2026-12-11' },
      },
      { enrolledBy: null, sequenceName: 'Q4' },
      0,
    );
    expect(line?.text).toMatch(/^Out of office until (11 Dec|Dec 11) — paused$/);
  });
});
