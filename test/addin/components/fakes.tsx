import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Contact, Enrollment, LookupResult, Me } from '../../../src/shared/schemas';
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
};

/** A mailbox whose recipients a test changes, firing the watcher like Outlook would (without the debounce). */
export function fakeMailbox(initial: Recipient[]) {
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
export function fakeApi(table: Record<string, { contact?: Contact; enrollment?: Enrollment }>) {
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
    contact: jest.fn(),
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
