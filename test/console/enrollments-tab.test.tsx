import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import EnrollmentsTab from '../../src/console/screens/sequence/EnrollmentsTab';
import { fakeApi, renderScreen } from './render';

const SEQUENCE_ID = '11111111-1111-4111-8111-111111111111';

function enrollment(i: number) {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    sequenceId: SEQUENCE_ID,
    sequenceName: 'Q4 outreach',
    contactId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    email: `c${i}@fabrikam.example`,
    status: 'active',
    currentStep: 1,
    totalSteps: 2,
    nextStepAt: '2026-12-03T09:00:00.000Z',
    pausedUntil: null,
    enrolledAt: '2026-12-01T09:00:00.000Z',
    enrolledBy: { id: 'u', name: 'Riley Rep' },
    unenrollment: null,
    contact: { id: `c${i}`, name: `Contact ${i}`, email: `c${i}@fabrikam.example` },
  };
}

const sequence = {
  id: SEQUENCE_ID,
  name: 'Q4 outreach',
  steps: [],
  settings: {},
  unenrollmentTriggers: [],
  ownerId: 'u',
  createdAt: '',
  updatedAt: '',
  deletedAt: null,
  owner: null,
  performance: {
    enrolled: 120,
    active: 120,
    paused: 0,
    unenrolled: 0,
    unenrolledByReason: {},
    emailsSent: 120,
    replies: 0,
    meetings: 0,
    bounces: 0,
  },
} as any;

describe('the Enrollments tab (C3, M2, M5)', () => {
  test('Select all → Select all N → Unenroll → dialog → Unenroll sends ONE request for every match', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi({
      'GET /enrollments': () => ({ items: [1, 2, 3].map(enrollment), nextCursor: 'next' }),
      'POST /enrollments/unenroll': () => ({ unenrolled: 118, alreadyUnenrolled: 2, notFound: 0 }),
      'GET /sequences/11111111-1111-4111-8111-111111111111': () => sequence,
    });
    renderScreen(<EnrollmentsTab sequence={sequence} />, api);
    await screen.findByRole('checkbox', { name: 'Select c1@fabrikam.example' });
    expect((screen.getByRole('button', { name: 'Unenroll' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Select all' }));
    expect(
      (screen.getByRole('checkbox', { name: 'Select c3@fabrikam.example' }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Select all 120' }));
    await user.click(screen.getByRole('button', { name: 'Unenroll' }));
    const dialog = await screen.findByRole('alertdialog', { hidden: true });
    expect(within(dialog).getByText(/120 contacts will be unenrolled from Q4 outreach/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    const message = await screen.findByText('118 contacts unenrolled; 2 already unenrolled.');
    await waitFor(() => expect(message.closest('[role="status"]')).toBe(document.activeElement));
    const writes = calls.filter((call) => call.method === 'POST');
    expect(writes).toEqual([
      { method: 'POST', path: '/enrollments/unenroll', input: { sequenceId: SEQUENCE_ID, all: true } },
    ]);
  });

  test('two ticked rows are unenrolled by their ids', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi({
      'GET /enrollments': () => ({ items: [1, 2, 3].map(enrollment), nextCursor: null }),
      'POST /enrollments/unenroll': () => ({ unenrolled: 2, alreadyUnenrolled: 0, notFound: 0 }),
      'GET /sequences/11111111-1111-4111-8111-111111111111': () => sequence,
    });
    renderScreen(<EnrollmentsTab sequence={sequence} />, api);
    await user.click(await screen.findByRole('checkbox', { name: 'Select c1@fabrikam.example' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select c3@fabrikam.example' }));
    // One page only: no "Select all N".
    expect(screen.queryByRole('button', { name: /Select all \d/ })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
    const bulk = screen.getByRole('button', { name: 'Unenroll' });
    // The button is enabled once the selection has rendered; a click before that does nothing.
    await waitFor(() =>
      expect(bulk.getAttribute('disabled') ?? bulk.getAttribute('aria-disabled')).toBeNull(),
    );
    await user.click(bulk);
    await user.click(
      within(await screen.findByRole('alertdialog', { hidden: true })).getByRole('button', {
        name: 'Unenroll',
        hidden: true,
      }),
    );
    await screen.findByText('2 contacts unenrolled.');
    expect(calls.filter((call) => call.method === 'POST')[0].input).toEqual({
      ids: [enrollment(1).id, enrollment(3).id],
    });
  });

  test('Actions → Pause shows the change at once and rolls it back when the server refuses', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi({
      'GET /enrollments': () => ({ items: [enrollment(1)], nextCursor: null }),
      [`POST /enrollments/${enrollment(1).id}/pause`]: () =>
        Promise.reject(new Error('The database is busy')),
    });
    renderScreen(<EnrollmentsTab sequence={sequence} />, api);
    await user.click(await screen.findByRole('button', { name: 'Actions for c1@fabrikam.example' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Pause' }));
    await screen.findByText('c1@fabrikam.example: The database is busy');
    const row = screen
      .getByRole('checkbox', { name: 'Select c1@fabrikam.example' })
      .closest('tr') as HTMLElement;
    expect(within(row).getByText('Active')).toBeTruthy();
  });
});
