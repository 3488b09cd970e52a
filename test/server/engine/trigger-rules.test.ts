import type { UnenrollmentTrigger } from '../../../src/shared/schemas';
import {
  conditionHolds,
  decideTriggers,
  describeTrigger,
  fires,
  triggerProblems,
  type Properties,
  type TriggerChange,
} from '../../../src/server/engine/trigger-rules';

const contactChange = (before: Properties | null, after: Properties | null): TriggerChange => ({
  contact: { before, after },
  company: { before: null, after: null },
  dealCreated: null,
});
const companyChange = (before: Properties | null, after: Properties | null): TriggerChange => ({
  contact: { before: {}, after: {} },
  company: { before, after },
  dealCreated: null,
});

const stage = (operator: string, value?: unknown) =>
  ({ type: 'contact_property', property: 'lifecycleStage', operator, value }) as UnenrollmentTrigger;
const industry = (operator: string, value?: unknown) =>
  ({ type: 'company_property', property: 'industry', operator, value }) as UnenrollmentTrigger;

describe('conditionHolds', () => {
  test.each<[string, UnenrollmentTrigger, Properties | null, boolean]>([
    ['eq matches', stage('eq', 'customer'), { lifecycleStage: 'customer' }, true],
    ['eq ignores case and spaces', stage('eq', 'customer'), { lifecycleStage: ' Customer ' }, true],
    ['eq: another value', stage('eq', 'customer'), { lifecycleStage: 'lead' }, false],
    ['eq: no value', stage('eq', 'customer'), {}, false],
    ['eq: no record', stage('eq', 'customer'), null, false],
    ['eq: number against text', stage('eq', 5), { lifecycleStage: '5' }, true],
    ['eq: multi-select contains it', stage('eq', 'customer'), { lifecycleStage: ['lead', 'customer'] }, true],
    ['neq: another value', stage('neq', 'customer'), { lifecycleStage: 'lead' }, true],
    ['neq: no value holds', stage('neq', 'customer'), {}, true],
    ['neq: the value', stage('neq', 'customer'), { lifecycleStage: 'customer' }, false],
    ['in: one of them', stage('in', ['customer', 'evangelist']), { lifecycleStage: 'evangelist' }, true],
    ['in: none of them', stage('in', ['customer', 'evangelist']), { lifecycleStage: 'lead' }, false],
    ['known: a value', stage('known'), { lifecycleStage: 'lead' }, true],
    ['known: false is a value', stage('known'), { lifecycleStage: false }, true],
    ['known: blank text is no value', stage('known'), { lifecycleStage: '  ' }, false],
    ['known: null is no value', stage('known'), { lifecycleStage: null }, false],
    ['unknown: absent', stage('unknown'), {}, true],
    ['unknown: empty list', stage('unknown'), { lifecycleStage: [] }, true],
    ['unknown: a value', stage('unknown'), { lifecycleStage: 'lead' }, false],
  ])('%s', (_name, trigger, properties, expected) => {
    expect(conditionHolds(trigger as Extract<UnenrollmentTrigger, { property: string }>, properties)).toBe(
      expected,
    );
  });
});

describe('fires: only on a transition into the condition', () => {
  test.each<[string, UnenrollmentTrigger, TriggerChange, boolean]>([
    [
      'lead → customer',
      stage('eq', 'customer'),
      contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'customer' }),
      true,
    ],
    ['unset → customer', stage('eq', 'customer'), contactChange({}, { lifecycleStage: 'customer' }), true],
    [
      'lead → opportunity: another value that still does not match',
      stage('eq', 'customer'),
      contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'opportunity' }),
      false,
    ],
    [
      'customer → customer (another property edited)',
      stage('eq', 'customer'),
      contactChange({ lifecycleStage: 'customer', phone: '1' }, { lifecycleStage: 'customer', phone: '2' }),
      false,
    ],
    [
      'customer → Customer: same value, other case',
      stage('eq', 'customer'),
      contactChange({ lifecycleStage: 'customer' }, { lifecycleStage: 'Customer' }),
      false,
    ],
    [
      'customer → lead: leaving the condition',
      stage('eq', 'customer'),
      contactChange({ lifecycleStage: 'customer' }, { lifecycleStage: 'lead' }),
      false,
    ],
    [
      'neq: customer → lead',
      stage('neq', 'customer'),
      contactChange({ lifecycleStage: 'customer' }, { lifecycleStage: 'lead' }),
      true,
    ],
    [
      'neq: lead → opportunity (held already)',
      stage('neq', 'customer'),
      contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'opportunity' }),
      false,
    ],
    [
      'in: lead → evangelist',
      stage('in', ['customer', 'evangelist']),
      contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'evangelist' }),
      true,
    ],
    [
      'in: customer → evangelist (held already)',
      stage('in', ['customer', 'evangelist']),
      contactChange({ lifecycleStage: 'customer' }, { lifecycleStage: 'evangelist' }),
      false,
    ],
    ['known: set for the first time', stage('known'), contactChange({}, { lifecycleStage: 'lead' }), true],
    [
      'known: changed from one value to another',
      stage('known'),
      contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'customer' }),
      false,
    ],
    ['unknown: cleared', stage('unknown'), contactChange({ lifecycleStage: 'lead' }, {}), true],
    [
      'a contact trigger ignores company changes',
      stage('eq', 'customer'),
      companyChange({}, { lifecycleStage: 'customer' }),
      false,
    ],
    [
      'company: retail → banking',
      industry('eq', 'banking'),
      companyChange({ industry: 'retail' }, { industry: 'banking' }),
      true,
    ],
    [
      'company: retail → insurance',
      industry('eq', 'banking'),
      companyChange({ industry: 'retail' }, { industry: 'insurance' }),
      false,
    ],
    [
      'company: the contact moves from no company to a bank',
      industry('eq', 'banking'),
      companyChange(null, { industry: 'banking' }),
      true,
    ],
    [
      'company: the contact moves from one bank to another',
      industry('eq', 'banking'),
      companyChange({ industry: 'banking' }, { industry: 'Banking' }),
      false,
    ],
    [
      'a company trigger ignores contact changes',
      industry('eq', 'banking'),
      contactChange({}, { industry: 'banking' }),
      false,
    ],
    [
      'deal_created fires on a deal',
      { type: 'deal_created' },
      { ...contactChange({}, {}), dealCreated: { id: 'd', name: 'Renewal' } },
      true,
    ],
    [
      'deal_created ignores property changes',
      { type: 'deal_created' },
      contactChange({}, { lifecycleStage: 'customer' }),
      false,
    ],
  ])('%s', (_name, trigger, change, expected) => {
    expect(fires(trigger, change)).toBe(expected);
  });
});

describe('decideTriggers', () => {
  const change = contactChange({ lifecycleStage: 'lead' }, { lifecycleStage: 'customer' });

  test('names the first trigger that fires, in the sequence order, for each current enrollment', () => {
    const decisions = decideTriggers(
      [
        {
          enrollmentId: 'e1',
          contactId: 'c1',
          status: 'active',
          triggers: [stage('eq', 'lead'), { type: 'deal_created' }, stage('eq', 'customer'), stage('known')],
        },
        {
          enrollmentId: 'e2',
          contactId: 'c2',
          status: 'paused',
          triggers: [stage('known'), stage('eq', 'customer')],
        },
        { enrollmentId: 'e3', contactId: 'c3', status: 'active', triggers: [stage('eq', 'opportunity')] },
        { enrollmentId: 'e4', contactId: 'c4', status: 'unenrolled', triggers: [stage('eq', 'customer')] },
      ],
      () => change,
    );
    expect(decisions).toEqual([
      {
        enrollmentId: 'e1',
        contactId: 'c1',
        trigger: stage('eq', 'customer'),
        detail: 'contact property lifecycleStage eq customer',
      },
      {
        enrollmentId: 'e2',
        contactId: 'c2',
        trigger: stage('eq', 'customer'),
        detail: 'contact property lifecycleStage eq customer',
      },
    ]);
  });

  test('a deal trigger names the deal', () => {
    const [decision] = decideTriggers(
      [{ enrollmentId: 'e1', contactId: 'c1', status: 'active', triggers: [{ type: 'deal_created' }] }],
      () => ({ ...contactChange({}, {}), dealCreated: { id: 'd1', name: 'Fabrikam renewal' } }),
    );
    expect(decision.detail).toBe('deal created: Fabrikam renewal');
  });

  test('no triggers, no decisions', () => {
    expect(
      decideTriggers([{ enrollmentId: 'e1', contactId: 'c1', status: 'active', triggers: [] }], () => change),
    ).toEqual([]);
  });
});

describe('describeTrigger and triggerProblems', () => {
  test.each<[UnenrollmentTrigger, string]>([
    [stage('eq', 'customer'), 'contact property lifecycleStage eq customer'],
    [stage('in', ['customer', 'evangelist']), 'contact property lifecycleStage in [customer, evangelist]'],
    [stage('known'), 'contact property lifecycleStage known'],
    [industry('neq', 5), 'company property industry neq 5'],
    [{ type: 'deal_created' }, 'deal created'],
  ])('%j reads "%s"', (trigger, words) => {
    expect(describeTrigger(trigger)).toBe(words);
  });

  test.each<[UnenrollmentTrigger, number]>([
    [stage('eq', 'customer'), 0],
    [stage('eq'), 1],
    [stage('eq', { nested: true }), 1],
    [stage('neq', ['a']), 1],
    [stage('in', ['a', 1, true]), 0],
    [stage('in', []), 1],
    [stage('in', 'customer'), 1],
    [stage('in', [{}]), 1],
    [stage('known'), 0],
    [stage('unknown', 'x'), 1],
    [{ type: 'deal_created' }, 0],
  ])('%j has %i problem(s)', (trigger, count) => {
    expect(triggerProblems(trigger)).toHaveLength(count);
  });
});
