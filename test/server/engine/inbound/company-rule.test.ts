import { companyRule } from '../../../../src/server/engine/inbound/company-rule';
import { enrollment, facts } from './builders';

const on = { unenrollSameCompany: true, outOfOffice: 'defer' as const, sendWindow: null };
const bo = enrollment('bo', { settings: on });

describe('company rule (A5)', () => {
  test.each([
    ['a colleague in a sequence with the setting on', facts({ colleagues: [bo] }), new Set<string>(), ['bo']],
    [
      'a colleague in a sequence with the setting off',
      facts({ colleagues: [enrollment('bo')] }),
      new Set<string>(),
      [],
    ],
    ['a colleague already decided by a more specific rule', facts({ colleagues: [bo] }), new Set(['bo']), []],
    [
      'a colleague whose enrollment ended',
      facts({ colleagues: [{ ...bo, status: 'unenrolled' }] }),
      new Set<string>(),
      [],
    ],
    ['a paused colleague', facts({ colleagues: [{ ...bo, status: 'paused' }] }), new Set<string>(), ['bo']],
    [
      'an auto-reply from the company',
      facts({ kind: 'auto_reply', colleagues: [bo] }),
      new Set<string>(),
      [],
    ],
    [
      'list mail from the company',
      facts({ kind: 'auto_generated', colleagues: [bo] }),
      new Set<string>(),
      [],
    ],
  ])('%s', (_name, input, decided, expected) => {
    const decisions = companyRule(input, decided);
    expect(decisions.map((d) => (d.type === 'unenroll' ? d.enrollmentId : null))).toEqual(expected);
    for (const decision of decisions)
      expect(decision).toMatchObject({ type: 'unenroll', reason: 'company_replied' });
  });
});
