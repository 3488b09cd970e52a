import { bounceRule } from '../../../../src/server/engine/inbound/bounce-rule';
import { DEFAULT_INBOUND_OPTIONS, type BounceFact } from '../../../../src/server/engine/inbound/facts';
import { enrollment, facts } from './builders';

const bounce = (overrides: Partial<BounceFact>): BounceFact => ({
  address: 'ann@fabrikam.example',
  severity: 'hard',
  status: '5.1.1',
  diagnostic: 'User unknown',
  recentSoftBounces: 0,
  contactIds: ['contact-ann'],
  enrollments: [enrollment('ann')],
  ...overrides,
});

describe('bounce rule (A8)', () => {
  test.each([
    ['hard: refused and unenrolled at once', bounce({}), true, ['ann']],
    ['soft, the first', bounce({ severity: 'soft', status: '4.2.2', recentSoftBounces: 1 }), false, []],
    ['soft, the second', bounce({ severity: 'soft', status: '4.2.2', recentSoftBounces: 2 }), false, []],
    [
      'soft, the third within the window',
      bounce({ severity: 'soft', status: '4.2.2', recentSoftBounces: 3 }),
      true,
      ['ann'],
    ],
    ['hard, nobody enrolled', bounce({ enrollments: [] }), true, []],
    [
      'hard, the enrollment had ended',
      bounce({ enrollments: [enrollment('ann', { status: 'unenrolled' })] }),
      true,
      [],
    ],
  ])('%s', (_name, fact, refused, unenrolled) => {
    const decisions = bounceRule(facts({ kind: 'bounce', bounces: [fact] }), DEFAULT_INBOUND_OPTIONS);
    expect(decisions[0]).toMatchObject({ type: 'record_bounce', address: fact.address, refuse: refused });
    expect(decisions.filter((d) => d.type === 'unenroll').map((d) => d.enrollmentId)).toEqual(unenrolled);
  });

  test('the soft limit is configurable', () => {
    const decisions = bounceRule(
      facts({ kind: 'bounce', bounces: [bounce({ severity: 'soft', recentSoftBounces: 2 })] }),
      { softBounceLimit: 2, softBounceWindowDays: 3 },
    );
    expect(decisions.some((d) => d.type === 'unenroll')).toBe(true);
  });

  test('only bounces are bounces', () => {
    expect(bounceRule(facts({ kind: 'human', bounces: [bounce({})] }), DEFAULT_INBOUND_OPTIONS)).toEqual([]);
  });
});
