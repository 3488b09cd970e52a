import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmUnenrollDialog } from '../../../src/addin/taskpane/components/ConfirmUnenrollDialog';
import { confirmation } from './fakes';

function renderDialog(props: Partial<Parameters<typeof ConfirmUnenrollDialog>[0]> = {}) {
  const onConfirm = jest.fn();
  const onCancel = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <ConfirmUnenrollDialog
        open
        title="Unenroll Ann Lee?"
        description="Ann Lee will get no further steps."
        onConfirm={onConfirm}
        onCancel={onCancel}
        {...props}
      />
    </FluentProvider>,
  );
  return { onConfirm, onCancel, user: userEvent.setup() };
}

describe('the unenroll confirmation', () => {
  test('an alert dialog named by its title, with Unenroll and Cancel', async () => {
    const { onConfirm, onCancel, user } = renderDialog();
    const dialog = await confirmation('Unenroll Ann Lee?');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText('Ann Lee will get no further steps.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel', hidden: true }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  test('Escape cancels', async () => {
    const { onCancel, user } = renderDialog();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });

  test('while busy both buttons are disabled and Escape does nothing', async () => {
    const { onCancel, user } = renderDialog({ busy: true });
    const dialog = await confirmation();
    expect(
      within(dialog).getByRole('button', { name: 'Unenroll', hidden: true }).hasAttribute('disabled'),
    ).toBe(true);
    expect(
      within(dialog).getByRole('button', { name: 'Cancel', hidden: true }).hasAttribute('disabled'),
    ).toBe(true);
    await user.keyboard('{Escape}');
    expect(onCancel).not.toHaveBeenCalled();
  });

  test('several people are listed; an error is shown', () => {
    renderDialog({ names: ['Ann Lee — Q4', 'Bo Chen — Q4'], error: 'Could not unenroll them: offline' });
    expect(screen.getByText('Ann Lee — Q4')).toBeTruthy();
    expect(screen.getByText('Bo Chen — Q4')).toBeTruthy();
    expect(screen.getByText('Could not unenroll them: offline')).toBeTruthy();
  });
});
