import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Recipient } from '../../../src/addin/office/types';
import type { LookupResult } from '../../../src/shared/schemas';
import { SalesPanel } from '../../../src/addin/taskpane/components/SalesPanel';
import type { PanelPreload } from '../../../src/addin/taskpane/preload';
import {
  confirmation,
  contact,
  enrollment,
  fakeApi,
  fakeMailbox,
  recipient,
  renderWithServices,
} from './fakes';

const ann = contact('ann.lee@fabrikam.example', 'Ann', 'Lee');
const bo = contact('bo.chen@fabrikam.example', 'Bo', 'Chen');
const cara = contact('cara.diaz@adatum.example', 'Cara', 'Diaz');

function setup(
  options: {
    enrolled?: string[];
    recipients?: ReturnType<typeof recipient>[];
    holdLookup?: boolean;
    /** What the boot script read and asked before the mount (services.preload). */
    preload?: (recipients: Recipient[]) => PanelPreload;
  } = {},
) {
  const enrolled = new Set(options.enrolled ?? ['ann.lee@fabrikam.example']);
  const table = Object.fromEntries(
    [ann, bo, cara].map((c) => [
      c.email,
      { contact: c, enrollment: enrolled.has(c.email) ? enrollment(c) : undefined },
    ]),
  );
  const { api, state } = fakeApi(table);
  let release: () => void = () => undefined;
  if (options.holdLookup) {
    const answer = api.lookup.getMockImplementation()!;
    api.lookup.mockImplementationOnce(
      (emails) => new Promise((resolve) => (release = () => resolve(answer(emails)))),
    );
  }
  const recipients = options.recipients ?? [
    recipient('ann.lee@fabrikam.example', 'Ann Lee', 'to'),
    recipient('bo.chen@fabrikam.example', 'Bo Chen', 'cc'),
    recipient('someone@northwind.example', 'someone@northwind.example', 'bcc'),
  ];
  const { mailbox, setRecipients } = fakeMailbox(recipients);
  const user = userEvent.setup();
  renderWithServices(<SalesPanel />, { mailbox, api, preload: options.preload?.(recipients) });
  return { api, state, mailbox, setRecipients, user, release: () => release() };
}

const row = (email: RegExp) => screen.getByRole('listitem', { name: email });

describe('the Sales panel', () => {
  test('recipients grouped To / Cc / Bcc, each with its badge, from ONE lookup', async () => {
    const { api } = setup();
    expect(
      await screen.findByRole('listitem', { name: /ann\.lee@fabrikam\.example, Enrolled/ }),
    ).toBeTruthy();
    expect(row(/bo\.chen@fabrikam\.example, Contact/)).toBeTruthy();
    expect(row(/someone@northwind\.example, Not in CRM/)).toBeTruthy();
    for (const [heading, email] of [
      ['To', /ann\.lee/],
      ['Cc', /bo\.chen/],
      ['Bcc', /someone@/],
    ] as const) {
      const group = screen.getByRole('region', { name: heading });
      expect(within(group).getByRole('listitem', { name: email })).toBeTruthy();
    }
    expect(api.lookup).toHaveBeenCalledTimes(1);
    expect(api.lookup).toHaveBeenCalledWith([
      'ann.lee@fabrikam.example',
      'bo.chen@fabrikam.example',
      'someone@northwind.example',
    ]);
    // View contact for known contacts only
    expect(within(row(/ann\.lee/)).getByRole('button', { name: 'View contact' })).toBeTruthy();
    expect(within(row(/someone@/)).queryByRole('button', { name: 'View contact' })).toBeNull();
    expect(screen.getByText('1 of 3 recipients are enrolled in a sequence.')).toBeTruthy();
  });

  test('the signed-in user is shown', async () => {
    setup();
    expect(await screen.findByLabelText('Signed in as Riley Rep (rep@contoso.example)')).toBeTruthy();
  });

  test('loading: skeleton badges and a busy panel until the lookup answers', async () => {
    const { release } = setup({ holdLookup: true });
    expect(await screen.findByLabelText('Looking up ann.lee@fabrikam.example')).toBeTruthy();
    expect(screen.getByText('Looking up 3 recipients…')).toBeTruthy();
    expect(screen.queryByText('Enrolled')).toBeNull();
    await act(async () => release());
    expect(await screen.findByText('Enrolled')).toBeTruthy();
    expect(screen.queryByLabelText('Looking up ann.lee@fabrikam.example')).toBeNull();
  });

  test('started by the boot script: its answered lookup is the first render, and nothing is asked again', async () => {
    const results: LookupResult[] = [
      { email: 'ann.lee@fabrikam.example', contact: ann, enrollment: enrollment(ann) },
      { email: 'bo.chen@fabrikam.example', contact: bo, enrollment: null },
      { email: 'someone@northwind.example', contact: null, enrollment: null },
    ];
    const { api } = setup({
      preload: (recipients) => ({ recipients, lookup: Promise.resolve(results), results }),
    });
    // Synchronously, in the first render: no skeleton, no "Looking up…".
    expect(screen.getByText('1 of 3 recipients are enrolled in a sequence.')).toBeTruthy();
    expect(row(/ann\.lee@fabrikam\.example, Enrolled/)).toBeTruthy();
    expect(screen.queryByLabelText('Loading recipients')).toBeNull();
    await screen.findByLabelText('Signed in as Riley Rep (rep@contoso.example)');
    expect(api.lookup).not.toHaveBeenCalled();
  });

  test('started by the boot script, its lookup still in flight: the panel waits for that one, not a second', async () => {
    let answer: (results: LookupResult[]) => void = () => undefined;
    const { api } = setup({
      preload: (recipients) => ({ recipients, lookup: new Promise((resolve) => (answer = resolve)) }),
    });
    expect(screen.getByText('Looking up 3 recipients…')).toBeTruthy();
    expect(screen.getByLabelText('Looking up ann.lee@fabrikam.example')).toBeTruthy();
    await act(async () =>
      answer([
        { email: 'ann.lee@fabrikam.example', contact: ann, enrollment: enrollment(ann) },
        { email: 'bo.chen@fabrikam.example', contact: bo, enrollment: null },
        { email: 'someone@northwind.example', contact: null, enrollment: null },
      ]),
    );
    expect(await screen.findByText('1 of 3 recipients are enrolled in a sequence.')).toBeTruthy();
    expect(api.lookup).not.toHaveBeenCalled();
  });

  test('no recipients: an empty state', async () => {
    setup({ recipients: [] });
    expect(await screen.findByRole('heading', { name: 'No recipients yet' })).toBeTruthy();
  });

  test('a failed lookup shows a MessageBar with Retry, which looks up again', async () => {
    const { api, user } = setup();
    await screen.findByText('Enrolled');
    api.lookup.mockReset();
    api.lookup.mockRejectedValueOnce(new Error('Sales Tools could not be reached. Check your connection.'));
    api.lookup.mockImplementation(async (emails: string[]) =>
      emails.map((email) => ({ email, contact: null, enrollment: null })),
    );
    await user.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(await screen.findByText('Couldn’t look up your recipients')).toBeTruthy();
    expect(screen.getByText('Sales Tools could not be reached. Check your connection.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText('Couldn’t look up your recipients')).toBeNull());
    expect(
      await screen.findByRole('listitem', { name: /ann\.lee@fabrikam\.example, Not in CRM/ }),
    ).toBeTruthy();
  });

  test('changed recipients (RecipientsChanged) are looked up again', async () => {
    const { api, setRecipients } = setup();
    await screen.findByRole('listitem', { name: /ann\.lee.*Enrolled/ });
    act(() => setRecipients([recipient('cara.diaz@adatum.example', 'Cara Diaz', 'to')]));
    expect(await screen.findByRole('listitem', { name: /cara\.diaz@adatum\.example, Contact/ })).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: /ann\.lee/ })).toBeNull();
    expect(api.lookup).toHaveBeenLastCalledWith(['cara.diaz@adatum.example']);
  });

  test('Unenroll all asks first: Cancel unenrolls no one', async () => {
    const { api, user } = setup({ enrolled: ['ann.lee@fabrikam.example', 'bo.chen@fabrikam.example'] });
    await screen.findByText('2 of 3 recipients are enrolled in a sequence.');
    await user.click(screen.getByRole('button', { name: 'Unenroll all' }));
    const dialog = await confirmation('Unenroll 2 recipients?');
    expect(within(dialog).getByText('Ann Lee — Q4 outreach')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel', hidden: true }));
    await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());
    expect(api.unenrollMany).not.toHaveBeenCalled();
    expect(screen.getByText('2 of 3 recipients are enrolled in a sequence.')).toBeTruthy();
  });

  test('Unenroll all → Unenroll: one bulk call with every enrolled recipient, then a confirmation', async () => {
    const { api, user, state } = setup({
      enrolled: ['ann.lee@fabrikam.example', 'bo.chen@fabrikam.example'],
    });
    await screen.findByText('2 of 3 recipients are enrolled in a sequence.');
    const ids = [
      state['ann.lee@fabrikam.example'].enrollment!.id,
      state['bo.chen@fabrikam.example'].enrollment!.id,
    ];
    await user.click(screen.getByRole('button', { name: 'Unenroll all' }));
    const dialog = await confirmation('Unenroll 2 recipients?');
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(await screen.findByText('2 recipients were unenrolled from their sequences.')).toBeTruthy();
    expect(api.unenrollMany).toHaveBeenCalledWith(ids);
    expect(await screen.findByRole('listitem', { name: /ann\.lee.*, Contact/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unenroll all' })).toBeNull();
  });

  test('a failed Unenroll all keeps the dialog open with the reason', async () => {
    const { api, user } = setup({ enrolled: ['ann.lee@fabrikam.example', 'bo.chen@fabrikam.example'] });
    api.unenrollMany.mockRejectedValueOnce(new Error('This token lacks the Sequences.ReadWrite scope'));
    await screen.findByText('2 of 3 recipients are enrolled in a sequence.');
    await user.click(screen.getByRole('button', { name: 'Unenroll all' }));
    const dialog = await confirmation();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(
      await within(dialog).findByText(
        'Could not unenroll them: This token lacks the Sequences.ReadWrite scope',
      ),
    ).toBeTruthy();
  });

  test('with one enrolled recipient there is no Unenroll all', async () => {
    setup();
    await screen.findByRole('listitem', { name: /ann\.lee.*Enrolled/ });
    expect(screen.queryByRole('button', { name: 'Unenroll all' })).toBeNull();
  });

  test('M4 with the keyboard only: View contact → alert → Unenroll from sequence → Unenroll → confirmation', async () => {
    const { api, user, state } = setup();
    const enrollmentId = state['ann.lee@fabrikam.example'].enrollment!.id;
    await screen.findByRole('listitem', { name: /ann\.lee.*Enrolled/ });

    const view = within(row(/ann\.lee/)).getByRole('button', { name: 'View contact' });
    // Tab order is checked in real Chromium (test/e2e): tabster's focus guards do not run in jsdom.
    view.focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { name: 'Ann Lee' })).toBeTruthy();
    expect(screen.getByText(/is currently enrolled in a sequence/)).toBeTruthy();
    const unenroll = screen.getByRole('button', { name: 'Unenroll from sequence' });
    unenroll.focus();
    await user.keyboard('{Enter}');
    const dialog = await confirmation('Unenroll Ann Lee?');
    within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }).focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText(/Ann Lee was unenrolled from Q4 outreach/)).toBeTruthy();
    expect(screen.queryByText(/is currently enrolled in a sequence/)).toBeNull();
    expect(api.unenroll).toHaveBeenCalledWith(enrollmentId);

    await user.click(screen.getByRole('button', { name: 'Back to recipients' }));
    expect(await screen.findByRole('listitem', { name: /ann\.lee@fabrikam\.example, Contact/ })).toBeTruthy();
  });

  test('the message’s notification follows an unenroll in the pane (none on the lookup alone)', async () => {
    const { mailbox, user } = setup({ enrolled: ['ann.lee@fabrikam.example', 'bo.chen@fabrikam.example'] });
    await screen.findByText('2 of 3 recipients are enrolled in a sequence.');
    expect(mailbox.showEnrolled).not.toHaveBeenCalled();

    await user.click(within(row(/ann\.lee/)).getByRole('button', { name: 'View contact' }));
    await user.click(await screen.findByRole('button', { name: 'Unenroll from sequence' }));
    const dialog = await confirmation('Unenroll Ann Lee?');
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    await screen.findByText(/Ann Lee was unenrolled from Q4 outreach/);

    await waitFor(() => expect(mailbox.showEnrolled).toHaveBeenCalledTimes(1));
    const [shown] = jest.mocked(mailbox.showEnrolled).mock.calls[0];
    const enrolledNow = shown.filter((result) => result.enrollment).map((result) => result.email);
    expect(enrolledNow).toEqual(['bo.chen@fabrikam.example']);
  });

  test('after Unenroll all the notification is told nobody is enrolled', async () => {
    const { mailbox, user } = setup({ enrolled: ['ann.lee@fabrikam.example', 'bo.chen@fabrikam.example'] });
    await screen.findByText('2 of 3 recipients are enrolled in a sequence.');
    await user.click(screen.getByRole('button', { name: 'Unenroll all' }));
    const dialog = await confirmation('Unenroll 2 recipients?');
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    await screen.findByText('2 recipients were unenrolled from their sequences.');
    await waitFor(() => expect(mailbox.showEnrolled).toHaveBeenCalled());
    const calls = jest.mocked(mailbox.showEnrolled).mock.calls;
    const [last] = calls[calls.length - 1];
    expect(last.length).toBeGreaterThan(0);
    expect(last.some((result) => result.enrollment)).toBe(false);
  });
});
