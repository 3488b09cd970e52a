import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Shell } from '../../src/console/app/Shell';
import ContactsList from '../../src/console/screens/contacts/ContactsList';
import { ScheduledTab } from '../../src/console/screens/sequences/ScheduledTab';
import TasksScreen from '../../src/console/screens/tasks/TasksScreen';
import { fakeApi, renderScreen } from './render';

const uuid = (n: number, group = '8000') => `00000000-0000-4000-${group}-${String(n).padStart(12, '0')}`;

function scheduled(n: number) {
  return {
    id: uuid(n),
    sequenceId: uuid(1, '9000'),
    sequenceName: 'Q4 outreach',
    contactId: uuid(n, 'a000'),
    email: `c${n}@fabrikam.example`,
    status: 'active',
    currentStep: 1,
    totalSteps: 4,
    nextStepAt: '2026-12-03T09:30:00.000Z',
    pausedUntil: null,
    enrolledAt: '2026-12-01T09:00:00.000Z',
    contact: { id: uuid(n, 'a000'), name: `Contact ${n}`, email: `c${n}@fabrikam.example` },
    nextStep: { number: 2, type: n === 2 ? 'task' : 'email' },
  };
}

function task(n: number) {
  return {
    id: uuid(n, 'b000'),
    title: `Call Contact ${n}`,
    status: 'open',
    step: 2,
    dueAt: '2026-12-03T15:00:00.000Z',
    createdAt: '2026-12-01T09:00:00.000Z',
    completedAt: null,
    completedBy: null,
    owner: null,
    enrollment: { id: uuid(n), status: 'active' },
    sequence: { id: uuid(1, '9000'), name: 'Q4 outreach' },
    contact: { id: uuid(n, 'a000'), email: `c${n}@fabrikam.example`, name: `Contact ${n}` },
  };
}

const refusal = () => {
  throw Object.assign(new Error('the enrollment is locked'), { status: 409 });
};

describe('the Scheduled tab (C2, M3)', () => {
  test('each row says the step, its type and when it is due; its Unenroll takes the row away and says so', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi({
      'GET /sequences': () => ({ items: [] }),
      'GET /scheduled': () => ({ items: [1, 2].map(scheduled), nextCursor: null }),
      [`POST /enrollments/${uuid(1)}/unenroll`]: () => ({ ...scheduled(1), status: 'unenrolled' }),
    });
    renderScreen(<ScheduledTab />, api);
    const table = await screen.findByRole('table', { name: 'Scheduled steps' });
    expect(table.textContent).toContain('Step 2 of 4');
    expect(screen.getAllByRole('row')[2].textContent).toContain('Task');
    expect(table.textContent).toMatch(/3 Dec.*09:30|09:30.*3 Dec|Dec 3.*9:30/);
    await user.click(screen.getByRole('button', { name: 'Unenroll c1@fabrikam.example' }));
    await screen.findByText('Contact 1 was unenrolled from Q4 outreach.');
    expect(screen.queryByRole('button', { name: 'Unenroll c1@fabrikam.example' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Unenroll c2@fabrikam.example' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      `/enrollments/${uuid(1)}/unenroll`,
    ]);
  });

  test('a refused unenroll puts the row back and names the reason', async () => {
    const user = userEvent.setup();
    const { api } = fakeApi({
      'GET /sequences': () => ({ items: [] }),
      'GET /scheduled': () => ({ items: [scheduled(1)], nextCursor: null }),
      [`POST /enrollments/${uuid(1)}/unenroll`]: refusal,
    });
    renderScreen(<ScheduledTab />, api);
    await user.click(await screen.findByRole('button', { name: 'Unenroll c1@fabrikam.example' }));
    await screen.findByText(/Contact 1 was not unenrolled: .*locked/);
    expect(screen.getByRole('button', { name: 'Unenroll c1@fabrikam.example' })).toBeTruthy();
  });

  test('with nothing scheduled it says what to do', async () => {
    const { api } = fakeApi({
      'GET /sequences': () => ({ items: [] }),
      'GET /scheduled': () => ({ items: [], nextCursor: null }),
    });
    renderScreen(<ScheduledTab />, api);
    expect(await screen.findByText('Nothing is scheduled')).toBeTruthy();
  });
});

describe('the Tasks screen (C5)', () => {
  test('Complete takes the task away and says the sequence moves on; a refusal puts it back', async () => {
    const user = userEvent.setup();
    const done = new Set<number>();
    const { api, calls } = fakeApi({
      'GET /tasks': () => ({ items: [1, 2].filter((n) => !done.has(n)).map(task), nextCursor: null }),
      [`POST /tasks/${uuid(1, 'b000')}/complete`]: () => {
        done.add(1);
        return { ...task(1), status: 'completed' };
      },
      [`POST /tasks/${uuid(2, 'b000')}/complete`]: refusal,
    });
    renderScreen(<TasksScreen />, api);
    await user.click(await screen.findByRole('button', { name: 'Complete Call Contact 1' }));
    await screen.findByText('“Call Contact 1” is done; Q4 outreach moves on for Contact 1.');
    expect(screen.queryByRole('button', { name: 'Complete Call Contact 1' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Complete Call Contact 2' }));
    await screen.findByText(/“Call Contact 2” was not completed: .*locked/);
    expect(screen.getByRole('button', { name: 'Complete Call Contact 2' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });
});

describe('the Contacts list (C4)', () => {
  test('the search goes to the API; no match says so', async () => {
    const user = userEvent.setup();
    const { api, calls } = fakeApi({
      'GET /contacts': (query: { q?: string }) => ({
        items: query.q
          ? []
          : [
              {
                id: uuid(1, 'a000'),
                email: 'ann@fabrikam.example',
                firstName: 'Ann',
                lastName: 'Lee',
                company: { id: uuid(1, 'c000'), name: 'Fabrikam' },
                currentEnrollment: null,
              },
            ],
        nextCursor: null,
      }),
    });
    renderScreen(<ContactsList />, api);
    expect((await screen.findByRole('link', { name: 'Ann Lee' })).getAttribute('href')).toBe(
      `/contacts/${uuid(1, 'a000')}`,
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'zz');
    expect(await screen.findByText('No contact matches “zz”')).toBeTruthy();
    expect(calls.some((c) => (c.input as { q?: string }).q === 'zz')).toBe(true);
  });
});

describe('the console’s frame', () => {
  test('shows the signed-in person by the name the API knows, not only the address sign-in gave', async () => {
    const { api } = fakeApi({
      'GET /me': () => ({ id: uuid(9), email: 'rep@contoso.example', name: 'Riley Rep-Jones' }),
    });
    renderScreen(<Shell />, api);
    await waitFor(() => expect(screen.getByText('Riley Rep-Jones')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });
});
