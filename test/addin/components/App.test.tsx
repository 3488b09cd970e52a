import { render, screen } from '@testing-library/react';
import { App } from '../../../src/addin/taskpane/components/App';
import { fakeApi, fakeMailbox } from './fakes';

/** The theme's colours reach the page as CSS variables in rules Fluent inserts (CSSOM). */
const themeCss = () =>
  [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');

describe('the task pane root', () => {
  test('follows Outlook’s dark theme', async () => {
    const { api } = fakeApi({});
    const { mailbox } = fakeMailbox([]);
    render(<App state="ready" services={{ mailbox, api }} theme="dark" />);
    expect(await screen.findByRole('heading', { name: 'No recipients yet' })).toBeTruthy();
    expect(themeCss()).toMatch(/--colorNeutralBackground1:\s*#292929/);
  });

  test('and the light one', async () => {
    const { api } = fakeApi({});
    const { mailbox } = fakeMailbox([]);
    render(<App state="ready" services={{ mailbox, api }} theme="light" />);
    expect(await screen.findByRole('heading', { name: 'No recipients yet' })).toBeTruthy();
    expect(themeCss()).toMatch(/--colorNeutralBackground1:\s*#ffffff/i);
    expect(themeCss()).not.toMatch(/--colorNeutralBackground1:\s*#292929/);
  });

  test('a start-up failure reaches the person', () => {
    render(
      <App
        state="failed"
        message="Office.js did not load: open Sales Tools from Outlook (or use /preview)"
      />,
    );
    expect(screen.getByText('Sales Tools could not start')).toBeTruthy();
    expect(screen.getByText(/Office.js did not load/)).toBeTruthy();
  });
});
