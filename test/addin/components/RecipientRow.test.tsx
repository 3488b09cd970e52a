import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecipientRow } from '../../../src/addin/taskpane/components/RecipientRow';
import { contact, enrollment, recipient } from './fakes';

const ann = contact('ann.lee@fabrikam.example', 'Ann', 'Lee');

const who = recipient('Ann.Lee@fabrikam.example', 'Ann (Outlook name)');

function renderRow(result?: Parameters<typeof RecipientRow>[0]['result']) {
  const onViewContact = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <ul>
        <RecipientRow recipient={who} result={result} onViewContact={onViewContact} />
      </ul>
    </FluentProvider>,
  );
  return { onViewContact };
}

describe('a recipient row', () => {
  test('enrolled: the CRM name, the address, the Enrolled badge and View contact', async () => {
    const { onViewContact } = renderRow({ email: who.email, contact: ann, enrollment: enrollment(ann) });
    expect(
      screen.getByRole('listitem', { name: 'Ann Lee, Ann.Lee@fabrikam.example, Enrolled' }),
    ).toBeTruthy();
    expect(screen.getByText('Enrolled')).toBeTruthy();
    const view = screen.getByRole('button', { name: 'View contact' });
    // described by the person's name, so a screen reader says whose contact it opens
    expect(document.getElementById(view.getAttribute('aria-describedby')!)?.textContent).toBe('Ann Lee');
    await userEvent.setup().click(view);
    expect(onViewContact).toHaveBeenCalledWith(who);
  });

  test('a known contact: Contact', () => {
    renderRow({ email: 'x', contact: ann, enrollment: null });
    expect(screen.getByText('Contact')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'View contact' })).toBeTruthy();
  });

  test('not in the CRM: the Outlook name, Not in CRM, no View contact', () => {
    renderRow({ email: 'x', contact: null, enrollment: null });
    expect(screen.getByText('Ann (Outlook name)')).toBeTruthy();
    expect(screen.getByText('Not in CRM')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'View contact' })).toBeNull();
  });

  test('while looking up: a labelled skeleton instead of a badge', () => {
    renderRow(undefined);
    expect(screen.getByLabelText('Looking up Ann.Lee@fabrikam.example')).toBeTruthy();
    expect(screen.queryByText('Not in CRM')).toBeNull();
  });
});
