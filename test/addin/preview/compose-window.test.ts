import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createComposeSimulation } from '../../../src/preview/compose-simulation';
import { mountComposeWindow } from '../../../src/preview/compose-window';

function setup(init: Parameters<typeof createComposeSimulation>[0] = {}) {
  const simulation = createComposeSimulation({ to: 'a@x.example', from: 'rep@contoso.example', ...init });
  const changes: string[][] = [];
  simulation.subscribe((fields) => changes.push(fields));
  const onThemeChange = jest.fn();
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  const onNotificationAction = jest.fn();
  const onTogglePane = jest.fn();
  mountComposeWindow(root, simulation, { onThemeChange, onNotificationAction, onTogglePane });
  return { simulation, changes, onThemeChange, onNotificationAction, onTogglePane, user: userEvent.setup() };
}

describe('the preview’s compose window', () => {
  test('To, Cc and Bcc text boxes, a subject, the sender', () => {
    setup();
    expect((screen.getByRole('textbox', { name: 'To' }) as HTMLInputElement).value).toBe('a@x.example');
    expect(screen.getByRole('textbox', { name: 'Cc' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Bcc' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Subject' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Body' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New message' })).toBeTruthy();
    expect(screen.getByText('From: Riley Rep <rep@contoso.example>')).toBeTruthy();
  });

  test('typing does not fire; Enter commits and fires RecipientsChanged for that field', async () => {
    const { simulation, changes, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Cc' }), 'b@x.example');
    expect(changes).toEqual([]);
    await user.keyboard('{Enter}');
    expect(changes).toEqual([['cc']]);
    expect(simulation.recipients('cc').map((d) => d.emailAddress)).toEqual(['b@x.example']);
  });

  test('leaving the field commits too', async () => {
    const { changes, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Bcc' }), 'c@x.example');
    await user.tab();
    expect(changes).toEqual([['bcc']]);
  });

  test('subject and body reach the simulated item', async () => {
    const { simulation, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'Hello');
    await user.type(screen.getByRole('textbox', { name: 'Body' }), 'Hi there');
    expect(simulation.subject).toBe('Hello');
    expect(simulation.body).toBe('Hi there');
  });

  test('the dark theme switch', async () => {
    const { onThemeChange, user } = setup();
    await user.click(screen.getByRole('switch', { name: 'Outlook dark theme' }));
    expect(onThemeChange).toHaveBeenCalledWith('dark');
  });

  test('a notification shows as a bar above the body, with its action; removing it removes the bar', async () => {
    const { simulation, onNotificationAction, user } = setup();
    const region = document.querySelector<HTMLElement>('[aria-label="Notifications"]')!;
    expect(region.hidden).toBe(true);
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
    const action = {
      actionType: 'showTaskPane',
      actionText: 'View contact',
      commandId: 'x',
      contextData: '{}',
    };
    simulation.setNotification('k', {
      key: 'k',
      type: 'insightMessage',
      message: 'Ann Lee is enrolled in a sequence: Q4 (step 1 of 2)',
      actions: [action],
    });
    expect(region.hidden).toBe(false);
    expect(screen.getByRole('region', { name: 'Notifications' })).toBe(region);
    expect(screen.getByRole('status').textContent).toContain('enrolled in a sequence');
    // Above the body, below the subject, as in Outlook.
    const body = screen.getByRole('textbox', { name: 'Body' });
    expect(region.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'View contact' }));
    expect(onNotificationAction).toHaveBeenCalledWith(action);
    simulation.setNotification('k', null);
    expect(region.hidden).toBe(true);
    expect(screen.queryByRole('status')).toBeNull();
  });

  test('the ribbon’s Sales Tools button opens the pane', async () => {
    const { onTogglePane, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Sales Tools' }));
    expect(onTogglePane).toHaveBeenCalledTimes(1);
  });

  test('read mode: a received message from the sender, nothing to edit', () => {
    setup({ mode: 'read', sender: 'Ann Lee <ann@x.example>', subject: 'Re: Quick question' });
    expect(screen.getByRole('heading', { name: 'Re: Quick question' })).toBeTruthy();
    expect(screen.getByText('Ann Lee <ann@x.example>')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
