import { FIELDS, type ComposeSimulation, type Field } from './compose-simulation';

const LABEL: Record<Field, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

export interface ComposeWindowOptions {
  onThemeChange(theme: 'light' | 'dark'): void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The simulated Outlook compose window of the preview (dev only): To, Cc and Bcc text boxes a
 * person can edit (comma-separated; Enter or leaving the box commits, which fires
 * RecipientsChanged in the task pane's Office.js stand-in), a subject and a body.
 *
 * Plain DOM on purpose: this page shares the browser's main thread with the task pane beside
 * it, and React + Fluent here delayed the pane's first answer by a third (bench/addin).
 */
export function mountComposeWindow(
  root: HTMLElement,
  simulation: ComposeSimulation,
  options: ComposeWindowOptions,
): HTMLElement {
  const main = element('main', { class: 'compose', 'aria-labelledby': 'compose-title' });
  main.append(
    element('h1', { id: 'compose-title' }, 'New message'),
    element('p', { class: 'from' }, `From: ${simulation.from.displayName} <${simulation.from.emailAddress}>`),
  );

  for (const field of FIELDS) {
    const input = element('input', {
      id: `compose-${field}`,
      type: 'text',
      autocomplete: 'off',
      placeholder: 'name@example.com, Name <name@example.com>',
    });
    input.value = simulation.text(field);
    input.addEventListener('change', () => simulation.setField(field, input.value));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') simulation.setField(field, input.value);
    });
    main.append(element('label', { for: input.id }, LABEL[field]), input);
  }
  main.append(
    element(
      'p',
      { class: 'hint' },
      'Separate addresses with commas; press Enter or leave the field to apply.',
    ),
  );

  const subject = element('input', { id: 'compose-subject', type: 'text' });
  subject.value = simulation.subject;
  subject.addEventListener('input', () => (simulation.subject = subject.value));
  const body = element('textarea', { id: 'compose-body', rows: '10' });
  body.addEventListener('input', () => (simulation.body = body.value));
  main.append(
    element('label', { for: subject.id }, 'Subject'),
    subject,
    element('label', { for: body.id }, 'Body'),
    body,
  );

  const dark = element('input', { id: 'compose-dark', type: 'checkbox', role: 'switch' });
  dark.checked = simulation.theme === 'dark';
  dark.addEventListener('change', () => options.onThemeChange(dark.checked ? 'dark' : 'light'));
  const toggle = element('label', { class: 'switch', for: dark.id });
  toggle.append(dark, document.createTextNode(' Outlook dark theme'));
  main.append(toggle);

  root.replaceChildren(main);
  return main;
}
