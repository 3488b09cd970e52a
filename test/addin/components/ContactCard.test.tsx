import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContactCard } from '../../../src/addin/taskpane/components/ContactCard';
import { formatDateTime } from '../../../src/addin/taskpane/format';
import { confirmation, contact, enrollment, fakeApi } from './fakes';

function setup(options: { enrolled?: boolean; paused?: boolean } = {}) {
  const ann = contact('ann.lee@fabrikam.example', 'Ann', 'Lee', {
    properties: { lifecycleStage: 'opportunity', phone: '+1 555 0100' },
  });
  const current =
    options.enrolled === false
      ? null
      : enrollment(ann, options.paused ? { status: 'paused', pausedUntil: '2026-12-10T08:00:00.000Z' } : {});
  const { api } = fakeApi({ [ann.email]: { contact: ann, enrollment: current ?? undefined } });
  const onBack = jest.fn();
  const onUnenrolled = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <ContactCard contact={ann} enrollment={current} api={api} onBack={onBack} onUnenrolled={onUnenrolled} />
    </FluentProvider>,
  );
  return { api, onBack, onUnenrolled, current, user: userEvent.setup() };
}

describe('the contact card (M4)', () => {
  test('who the contact is: name, address, company, owner and properties', () => {
    setup({ enrolled: false });
    expect(screen.getByRole('heading', { name: 'Ann Lee' })).toBeTruthy();
    expect(screen.getByText('ann.lee@fabrikam.example')).toBeTruthy();
    expect(screen.getByText('Fabrikam')).toBeTruthy();
    expect(screen.getByText('Riley Rep (rep@contoso.example)')).toBeTruthy();
    expect(screen.getByText('lifecycleStage')).toBeTruthy();
    expect(screen.getByText('opportunity')).toBeTruthy();
    expect(screen.getByText('+1 555 0100')).toBeTruthy();
    expect(screen.queryByText(/currently enrolled in a sequence/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unenroll from sequence' })).toBeNull();
  });

  test('the alert: currently enrolled in a sequence, its name, step N of M, next step time, who enrolled', () => {
    const { current } = setup();
    expect(screen.getByText(/Ann Lee is currently enrolled in a sequence/)).toBeTruthy();
    expect(screen.getByText('Q4 outreach')).toBeTruthy();
    expect(screen.getByText('Step 1 of 3')).toBeTruthy();
    expect(screen.getByText(`Next step ${formatDateTime(current!.nextStepAt!)}`)).toBeTruthy();
    expect(screen.getByText('Enrolled by Riley Rep')).toBeTruthy();
  });

  test('a paused enrollment says until when', () => {
    setup({ paused: true });
    expect(screen.getByText(`Paused until ${formatDateTime('2026-12-10T08:00:00.000Z')}`)).toBeTruthy();
  });

  test('Cancel in the confirmation leaves the enrollment alone', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Unenroll from sequence' }));
    await user.click(within(await confirmation()).getByRole('button', { name: 'Cancel', hidden: true }));
    expect(api.unenroll).not.toHaveBeenCalled();
    expect(screen.getByText(/currently enrolled in a sequence/)).toBeTruthy();
  });

  test('Unenroll: the alert turns into a confirmation, and the panel is told', async () => {
    const { api, user, current, onUnenrolled } = setup();
    await user.click(screen.getByRole('button', { name: 'Unenroll from sequence' }));
    const dialog = await confirmation('Unenroll Ann Lee?');
    expect(within(dialog).getByText(/no further steps of Q4 outreach/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(await screen.findByText(/Ann Lee was unenrolled from Q4 outreach/)).toBeTruthy();
    expect(screen.queryByText(/currently enrolled in a sequence/)).toBeNull();
    expect(api.unenroll).toHaveBeenCalledWith(current!.id);
    expect(onUnenrolled).toHaveBeenCalledWith(expect.objectContaining({ status: 'unenrolled' }));
  });

  test('a failed unenroll says why in the dialog, and Unenroll again retries', async () => {
    const { api, user } = setup();
    api.unenroll.mockRejectedValueOnce(new Error('Sales Tools could not be reached. Check your connection.'));
    await user.click(screen.getByRole('button', { name: 'Unenroll from sequence' }));
    const dialog = await confirmation();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(
      await within(dialog).findByText(
        'Could not unenroll Ann Lee: Sales Tools could not be reached. Check your connection.',
      ),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(await screen.findByText(/Ann Lee was unenrolled/)).toBeTruthy();
    expect(api.unenroll).toHaveBeenCalledTimes(2);
  });

  test('Back to recipients', async () => {
    const { onBack, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Back to recipients' }));
    expect(onBack).toHaveBeenCalled();
  });
});
