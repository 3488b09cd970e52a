import type { Step } from '../../../src/shared/schemas';
import {
  advancePast,
  planAfterDelivery,
  planStep,
  type DeliveryResult,
  type StepFacts,
} from '../../../src/server/engine/step-plan';
import { MAX_SOFT_BOUNCES } from '../../../src/server/engine/send-retry';

const NOW = new Date('2026-01-05T10:00:00Z'); // a Monday
const HOUR = 3_600_000;
const email = (delayMinutes = 0): Step => ({ type: 'email', delayMinutes, subject: 'Hi', body: 'Hello' });
const task = (delayMinutes = 0): Step => ({ type: 'task', delayMinutes, title: 'Call {{firstName}}' });

function facts(overrides: Partial<StepFacts> = {}): StepFacts {
  return {
    status: 'active',
    currentStep: 0,
    steps: [email(), email(24 * 60)],
    sendAttempts: 0,
    optedOut: false,
    bounced: false,
    schedule: { timeZone: 'UTC' },
    ...overrides,
  };
}

describe('planStep: what a claimed step does, from facts and now', () => {
  const window = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  test.each<[string, Partial<StepFacts>, Date, object]>([
    ['paused since it was due (E6)', { status: 'paused' }, NOW, { kind: 'not_active' }],
    ['unenrolled since it was due (E6)', { status: 'unenrolled' }, NOW, { kind: 'not_active' }],
    ['an email step inside the window', {}, NOW, { kind: 'send_email', stepIndex: 0 }],
    ['the second email', { currentStep: 1 }, NOW, { kind: 'send_email', stepIndex: 1 }],
    [
      'an email outside the send window waits for it to open',
      { schedule: { timeZone: 'UTC', sendWindow: window } },
      new Date('2026-01-05T18:00:00Z'),
      { kind: 'wait_for_window', until: new Date('2026-01-06T09:00:00Z') },
    ],
    [
      'a task step is not held by the send window',
      { steps: [task()], schedule: { timeZone: 'UTC', sendWindow: window } },
      new Date('2026-01-05T18:00:00Z'),
      { kind: 'create_task', stepIndex: 0 },
    ],
    [
      'the contact opted out meanwhile (A7)',
      { optedOut: true },
      NOW,
      { kind: 'end', reason: 'unsubscribed' },
    ],
    ['the address bounced meanwhile (A8)', { bounced: true }, NOW, { kind: 'end', reason: 'bounced' }],
    [
      'a task is created even for an opted-out contact (the rep decides)',
      { steps: [task()], optedOut: true },
      NOW,
      { kind: 'create_task' },
    ],
    [
      'the sequence was shortened below this position (A11)',
      { currentStep: 2 },
      NOW,
      { kind: 'end', reason: 'completed', detail: 'No steps left in the sequence' },
    ],
  ])('%s', (_name, overrides, now, expected) => {
    expect(planStep(facts(overrides), now)).toMatchObject(expected);
  });
});

describe('advancePast: after a step ran', () => {
  test.each<[string, Step[], number, object]>([
    [
      'the next email is due after its delay',
      [email(), email(60)],
      0,
      { currentStep: 1, nextStepAt: new Date(NOW.getTime() + HOUR), completes: false },
    ],
    [
      'the last step completes the enrollment (A11)',
      [email(), email(60)],
      1,
      { currentStep: 2, nextStepAt: null, completes: true },
    ],
    [
      'a task holds the sequence until it is completed',
      [task(), email(60)],
      0,
      { currentStep: 1, nextStepAt: null, completes: false },
    ],
    [
      'a last task does not complete before it is done',
      [email(), task()],
      1,
      { currentStep: 2, nextStepAt: null, completes: false },
    ],
  ])('%s', (_name, steps, index, expected) => {
    expect(advancePast({ steps, schedule: { timeZone: 'UTC' } }, index, NOW)).toEqual(expected);
  });
});

describe('planAfterDelivery: what an email’s delivery result means (A8)', () => {
  const sent: DeliveryResult = { status: 'sent' };
  const soft: DeliveryResult = {
    status: 'deferred',
    kind: 'soft_bounce',
    response: '452 4.2.2 Mailbox full',
  };
  const down: DeliveryResult = { status: 'deferred', kind: 'unavailable', response: 'ECONNREFUSED' };
  const hard: DeliveryResult = { status: 'rejected', scope: 'recipient', response: '550 5.1.1 No such user' };
  const policy: DeliveryResult = { status: 'rejected', scope: 'message', response: '550 5.7.1 Blocked' };
  const throttled: DeliveryResult = {
    status: 'deferred',
    kind: 'unavailable',
    response: '429',
    retryAfterMs: 3 * HOUR,
  };

  test.each<[string, Partial<StepFacts>, DeliveryResult, object]>([
    [
      'sent: advance to the next step',
      {},
      sent,
      { kind: 'advance', advance: { currentStep: 1, completes: false } },
    ],
    [
      'sent, the last step: advance and complete',
      { currentStep: 1 },
      sent,
      { kind: 'advance', advance: { completes: true } },
    ],
    [
      'a soft bounce: retry after a minute',
      {},
      soft,
      { kind: 'retry', attempt: 1, retryAt: new Date(NOW.getTime() + 60_000) },
    ],
    [
      'the third soft bounce: retry after four minutes',
      { sendAttempts: 2 },
      soft,
      { kind: 'retry', attempt: 3, retryAt: new Date(NOW.getTime() + 4 * 60_000) },
    ],
    [
      `soft bounce number ${MAX_SOFT_BOUNCES}: give up as bounced`,
      { sendAttempts: MAX_SOFT_BOUNCES - 1 },
      soft,
      { kind: 'bounce', markAddress: false, attempts: MAX_SOFT_BOUNCES },
    ],
    ['the relay unavailable never gives up', { sendAttempts: 50 }, down, { kind: 'retry', attempt: 51 }],
    [
      'a hard bounce of the address: bounce and mark the address',
      {},
      hard,
      { kind: 'bounce', markAddress: true },
    ],
    [
      'a refusal of the message (policy): bounce, the address stays usable',
      {},
      policy,
      { kind: 'bounce', markAddress: false },
    ],
    [
      'throttled with Retry-After: wait as long as the server asked',
      {},
      throttled,
      { kind: 'retry', retryAt: new Date(NOW.getTime() + 3 * HOUR) },
    ],
  ])('%s', (_name, overrides, result, expected) => {
    const given = facts(overrides);
    expect(planAfterDelivery(given, given.currentStep, result, NOW)).toMatchObject(expected);
  });
});
