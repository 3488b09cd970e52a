import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PanelHeader } from '../../../src/addin/taskpane/components/PanelHeader';

test('the header names the panel and the signed-in user, and refreshes', async () => {
  const onRefresh = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <PanelHeader user={{ name: 'Riley Rep', email: 'rep@contoso.example' }} onRefresh={onRefresh} />
    </FluentProvider>,
  );
  expect(screen.getByRole('heading', { level: 1, name: 'Sales Tools' })).toBeTruthy();
  expect(screen.getByLabelText('Signed in as Riley Rep (rep@contoso.example)')).toBeTruthy();
  await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
  expect(onRefresh).toHaveBeenCalledTimes(1);
});
