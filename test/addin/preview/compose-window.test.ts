import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createComposeSimulation } from '../../../src/preview/compose-simulation';
import { mountComposeWindow } from '../../../src/preview/compose-window';

function setup() {
  const simulation = createComposeSimulation({ to: 'a@x.example', from: 'rep@contoso.example' });
  const changes: string[][] = [];
  simulation.subscribe((fields) => changes.push(fields));
  const onThemeChange = jest.fn();
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  mountComposeWindow(root, simulation, { onThemeChange });
  return { simulation, changes, onThemeChange, user: userEvent.setup() };
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
});
