import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import type {
  Contact,
  ContactDetail,
  Enrollment,
  EnrollmentWithEvents,
  LookupResult,
  Me,
  Sequence,
} from '../../../src/shared/schemas';
import type { SalesApi } from '../../../src/addin/api/client';
import type { MailboxPort, Recipient } from '../../../src/addin/office/types';
import { ServicesProvider, type AddinServices } from '../../../src/addin/taskpane/services';

let ids = 0;
const id = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

export function contact(
  email: string,
  firstName: string,
  lastName: string,
  extra: Partial<Contact> = {},
): Contact {
  return {
    id: id(),
    email,
    firstName,
    lastName,
    companyId: null,
    company: { id: id(), name: 'Fabrikam' },
    aliases: [],
    properties: { lifecycleStage: 'lead' },
    owner: { id: id(), name: 'Riley Rep', email: 'rep@contoso.example' },
    optedOutAt: null,
    bouncedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function enrollment(of: Contact, extra: Partial<Enrollment> = {}): Enrollment {
  return {
    id: id(),
    sequenceId: id(),
    sequenceName: 'Q4 outreach',
    contactId: of.id,
    email: of.email,
    status: 'active',
    currentStep: 1,
    totalSteps: 3,
    nextStepAt: '2026-12-02T09:00:00.000Z',
    pausedUntil: null,
    enrolledAt: '2026-11-30T09:00:00.000Z',
    enrolledBy: { id: id(), name: 'Riley Rep' },
    unenrollment: null,
    ...extra,
  };
}

export const ME: Me = {
  id: id(),
  email: 'rep@contoso.example',
  name: 'Riley Rep',
  accountId: id(),
  tier: 'professional',
  seat: 'sales',
  roles: [],
  scopes: ['Sequences.Read', 'Sequences.ReadWrite'],
  timeZone: 'UTC',
  signature: '',
};

const step = (subject: string) => ({
  type: 'email' as const,
  delayMinutes: 0,
  subject,
  body: 'Hi',
});

/** Two sequences: one of another user (listed second), one of ME. */
export const SEQUENCES: Sequence[] = [
  {
    id: id(),
    name: 'Partner intro',
    steps: [step('Hello'), step('Again'), step('Last')],
    ownerId: id(),
  },
  { id: id(), name: 'Q4 outreach', steps: [step('Quick question'), step('Following up')], ownerId: ME.id },
].map((s) => ({
  ...s,
  settings: {},
  unenrollmentTriggers: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
})) as unknown as Sequence[];

/** A mailbox whose recipients a test changes, firing the watcher like Outlook would (without the debounce). */
export function fakeMailbox(
  initial: Recipient[],
  { mode = 'compose', context = null }: { mode?: 'compose' | 'read'; context?: string | null } = {},
) {
  let recipients = initial;
  const watchers = new Set<() => void>();
  const mailbox: MailboxPort = {
    readRecipients: jest.fn(async () => recipients),
    watchRecipients: (onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    userProfile: () => ({ email: 'rep@contoso.example', displayName: 'Riley Rep (Outlook)' }),
    theme: () => 'light',
    mode: () => mode,
    initializationContext: jest.fn(async () => context),
    showEnrolled: jest.fn(async () => undefined),
  };
  return {
    mailbox,
    setRecipients(next: Recipient[]) {
      recipients = next;
      for (const watcher of watchers) watcher();
    },
  };
}

/** An API that answers lookups from a table (and records every call). */
type Entry = { contact?: Contact; enrollment?: Enrollment; past?: EnrollmentWithEvents[] };

/** The events an enrollment has by now: enrolled, then step 1's email. */
export function eventsOf(e: Enrollment): EnrollmentWithEvents['events'] {
  return [
    {
      type: 'enrolled',
      at: e.enrolledAt,
      by: { type: 'user', id: e.enrolledBy?.id ?? null },
      detail: null,
      data: {},
    },
    ...(e.currentStep >= 1
      ? [
          {
            type: 'email_sent',
            at: '2026-11-30T09:01:00.000Z',
            by: { type: 'system' as const, id: null },
            detail: 'Quick question',
            data: { step: 1 },
          },
        ]
      : []),
  ];
}

export function fakeApi(table: Record<string, Entry>) {
  const state = { ...table };
  const api = {
    me: jest.fn(async () => ME),
    lookup: jest.fn(async (emails: string[]): Promise<LookupResult[]> =>
      emails.map((email) => ({
        email,
        contact: state[email.toLowerCase()]?.contact ?? null,
        enrollment: state[email.toLowerCase()]?.enrollment ?? null,
      })),
    ),
    contact: jest.fn(async (contactId: string): Promise<ContactDetail> => {
      const entry = Object.values(state).find((e) => e.contact?.id === contactId);
      if (!entry?.contact) throw new Error('not found');
      const current = entry.enrollment ? [{ ...entry.enrollment, events: eventsOf(entry.enrollment) }] : [];
      return { ...entry.contact, enrollments: [...current, ...(entry.past ?? [])] };
    }),
    unenroll: jest.fn(async (enrollmentId: string): Promise<Enrollment> => {
      const entry = Object.values(state).find((e) => e.enrollment?.id === enrollmentId);
      if (!entry?.enrollment) throw new Error('not found');
      const ended: Enrollment = {
        ...entry.enrollment,
        status: 'unenrolled',
        unenrollment: {
          reason: 'manual',
          at: '2026-12-01T00:00:00.000Z',
          by: { type: 'user', id: ME.id },
          detail: null,
        },
      };
      entry.enrollment = undefined;
      return ended;
    }),
    unenrollMany: jest.fn(async (ids: string[]) => {
      for (const entry of Object.values(state))
        if (entry.enrollment && ids.includes(entry.enrollment.id)) entry.enrollment = undefined;
      return { unenrolled: ids.length, alreadyUnenrolled: 0, notFound: 0 };
    }),
    sequences: jest.fn(async (): Promise<Sequence[]> => SEQUENCES),
    enroll: jest.fn(async (sequenceId: string, contactId: string): Promise<Enrollment> => {
      const entry = Object.values(state).find((e) => e.contact?.id === contactId);
      if (!entry?.contact) throw new Error('not found');
      const sequence = SEQUENCES.find((s) => s.id === sequenceId)!;
      entry.enrollment = enrollment(entry.contact, {
        sequenceId,
        sequenceName: sequence.name,
        totalSteps: sequence.steps.length,
        currentStep: 0,
        enrolledBy: { id: ME.id, name: ME.name },
      });
      return entry.enrollment;
    }),
    createContact: jest.fn(async (body: { email: string; firstName?: string; lastName?: string }) => {
      const made = contact(body.email, body.firstName ?? '', body.lastName ?? '', { properties: {} });
      state[body.email.toLowerCase()] = { contact: made };
      return made;
    }),
    pause: jest.fn(async (enrollmentId: string): Promise<Enrollment> => {
      const entry = Object.values(state).find((e) => e.enrollment?.id === enrollmentId)!;
      entry.enrollment = { ...entry.enrollment!, status: 'paused', nextStepAt: null };
      return entry.enrollment;
    }),
    resume: jest.fn(async (enrollmentId: string): Promise<Enrollment> => {
      const entry = Object.values(state).find((e) => e.enrollment?.id === enrollmentId)!;
      entry.enrollment = { ...entry.enrollment!, status: 'active', nextStepAt: '2026-12-03T09:00:00.000Z' };
      return entry.enrollment;
    }),
  } satisfies SalesApi;
  return { api, state };
}

export const recipient = (email: string, name: string, field: Recipient['field'] = 'to'): Recipient => ({
  email,
  name,
  field,
});

export function renderWithServices(ui: ReactElement, services: AddinServices) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ServicesProvider services={services}>{ui}</ServicesProvider>
    </FluentProvider>,
  );
}

/**
 * The open confirmation, found by its role and named by its title (aria-labelledby). In jsdom,
 * Fluent's focus manager (tabster) cannot move focus into a modal (no layout) and the role
 * queries of a file's later dialogs turn unreliable, so this looks the dialog up directly;
 * the accessibility tree of every dialog is checked for real in Chromium (test/e2e).
 */
export const confirmation = (name?: string) =>
  waitFor(() => {
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]');
    if (!dialog) throw new Error('no alertdialog is open');
    const title = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent;
    if (name !== undefined && title !== name)
      throw new Error(`the open alertdialog is "${title}", not "${name}"`);
    return dialog;
  });
