import { waitFor } from '@testing-library/react';
import type { AuthoringApi } from '../../../src/console/authoring/api';
import type { Contact, Me, SequenceDetail, StepPreview } from '../../../src/shared/schemas';

export const ann: Contact = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ann.lee@fabrikam.example',
  firstName: 'Ann',
  lastName: 'Lee',
  companyId: null,
  company: null,
  aliases: [],
  properties: {},
  owner: null,
  optedOutAt: null,
  bouncedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export const bo: Contact = {
  ...ann,
  id: '22222222-2222-4222-8222-222222222222',
  email: 'bo.chen@fabrikam.example',
  firstName: 'Bo',
  lastName: 'Chen',
};

export const me: Me = {
  id: '33333333-3333-4333-8333-333333333333',
  email: 'rep@contoso.example',
  name: 'Riley Rep',
  accountId: '44444444-4444-4444-8444-444444444444',
  tier: 'professional',
  seat: 'sales',
  roles: [],
  scopes: [],
  timeZone: 'Europe/Berlin',
  signature: 'Riley',
};

export function sequenceDetail(overrides: Partial<SequenceDetail> = {}): SequenceDetail {
  return {
    owner: null,
    id: '55555555-5555-4555-8555-555555555555',
    name: 'Welcome',
    steps: [
      { type: 'email', delayMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}' },
      { type: 'task', delayMinutes: 2880, title: 'Call {{fullName}}' },
    ],
    settings: { unenrollSameCompany: false, outOfOffice: 'defer', sendWindow: null },
    unenrollmentTriggers: [],
    ownerId: me.id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    performance: {
      enrolled: 0,
      active: 0,
      paused: 0,
      unenrolled: 0,
      unenrolledByReason: {},
      emailsSent: 0,
      replies: 0,
      meetings: 0,
      bounces: 0,
    },
    ...overrides,
  };
}

/** An API error as the console's client throws it. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Every method a jest mock with a harmless default; tests override what they exercise. */
export function fakeApi(overrides: Partial<AuthoringApi> = {}): jest.Mocked<AuthoringApi> {
  const rendered = (subject: string): StepPreview => ({
    type: 'email',
    from: { name: me.name, email: me.email },
    to: { name: 'Ann Lee', email: ann.email },
    subject,
    text: 'Hi Ann\n\nUnsubscribe: http://localhost/unsubscribe/…',
    title: null,
    unknownMergeFields: [],
  });
  const api: AuthoringApi = {
    me: async () => me,
    saveSignature: async () => undefined,
    sequence: async () => sequenceDetail(),
    sequences: async () => [sequenceDetail()],
    createSequence: async (body) => sequenceDetail({ name: body.name, steps: body.steps }),
    patchSequence: async (_id, body) => sequenceDetail(body as Partial<SequenceDetail>),
    renderStep: async (body) => {
      const step = body.steps[body.stepIndex];
      return step.type === 'task'
        ? { ...rendered(''), type: 'task', subject: null, text: null, title: step.title ?? '' }
        : rendered((step.subject ?? '').replace('{{firstName}}', 'Ann'));
    },
    knownProperties: async () => ({
      contact: [
        {
          key: 'lifecycleStage',
          count: 3,
          values: [
            { value: 'Customer', count: 2 },
            { value: 'Lead', count: 1 },
          ],
        },
      ],
      company: [{ key: 'industry', count: 1, values: [{ value: 'Retail', count: 1 }] }],
    }),
    searchContacts: async () => [ann, bo],
    enroll: async () => {
      throw new Error('not expected');
    },
    enrollMany: async () => ({ enrolled: [], refused: [] }),
    ...overrides,
  };
  const mutable = api as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const key of Object.keys(mutable)) mutable[key] = jest.fn(mutable[key]);
  return api as jest.Mocked<AuthoringApi>;
}

/**
 * The open dialog (or alertdialog), named by its title (aria-labelledby). In jsdom Fluent's focus
 * manager (tabster) cannot move focus into a modal and role queries of dialogs turn unreliable
 * (test/addin/components/fakes.tsx says the same); Chromium checks the real tree in test/e2e.
 */
export const openDialog = (name: RegExp) =>
  waitFor(() => {
    const dialogs = [...document.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"]')];
    const titled = dialogs.find((dialog) =>
      name.test(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''),
    );
    if (!titled) throw new Error(`no open dialog is named ${String(name)}`);
    return titled;
  });
