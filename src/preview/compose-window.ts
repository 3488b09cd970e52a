import { FIELDS, type ComposeSimulation, type Field, type SimulatedNotification } from './compose-simulation';

const LABEL: Record<Field, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

export interface ComposeWindowOptions {
  onThemeChange(theme: 'light' | 'dark'): void;
  /** A notification's action (View contact): open the task pane with its context. */
  onNotificationAction(action: SimulatedNotification['actions'][number]): void;
  /** The ribbon's **Sales Tools** button: open or close the task pane. */
  onTogglePane(): void;
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
 * The notifications on the message as Outlook shows them: a bar above the body per
 * notification, its text and its action (an InsightMessage's **View contact**).
 */
function notificationBar(simulation: ComposeSimulation, options: ComposeWindowOptions): HTMLElement {
  const bar = element('div', { class: 'notifications', role: 'region', 'aria-label': 'Notifications' });
  const render = () => {
    bar.replaceChildren(
      ...simulation.notifications().map((notification) => {
        const row = element('div', {
          class: `notification ${notification.type}`,
          role: 'status',
          'data-key': notification.key,
        });
        row.append(element('span', { class: 'notification-text' }, notification.message));
        for (const action of notification.actions) {
          const button = element('button', { type: 'button' }, action.actionText);
          button.addEventListener('click', () => options.onNotificationAction(action));
          row.append(button);
        }
        return row;
      }),
    );
    bar.hidden = bar.childElementCount === 0;
    // Measured by bench/addin: when the bar last changed.
    bar.dataset.changedAt = String(performance.now());
  };
  simulation.onNotificationsChanged(render);
  render();
  return bar;
}

function ribbon(options: ComposeWindowOptions): HTMLElement {
  const bar = element('div', { class: 'ribbon', role: 'toolbar', 'aria-label': 'Message' });
  const button = element(
    'button',
    { type: 'button', id: 'ribbon-sales-tools', 'aria-pressed': 'false' },
    'Sales Tools',
  );
  button.addEventListener('click', () => options.onTogglePane());
  bar.append(button);
  return bar;
}

/** A received message (read mode): who sent it, to whom, its subject; nothing to edit. */
function mountReadWindow(root: HTMLElement, simulation: ComposeSimulation, options: ComposeWindowOptions) {
  const main = element('main', { class: 'compose read', 'aria-labelledby': 'compose-title' });
  const sender = simulation.sender;
  const line = (label: string, value: string) => {
    const p = element('p', { class: 'field' });
    p.append(element('span', { class: 'field-label' }, `${label}: `), document.createTextNode(value));
    return p;
  };
  const list = (field: Field) =>
    simulation
      .recipients(field)
      .map((d) =>
        d.displayName && d.displayName !== d.emailAddress
          ? `${d.displayName} <${d.emailAddress}>`
          : d.emailAddress,
      )
      .join(', ');
  main.append(
    ribbon(options),
    element('h1', { id: 'compose-title' }, simulation.subject || '(no subject)'),
    line('From', sender ? `${sender.displayName} <${sender.emailAddress}>` : '(unknown sender)'),
    line('To', list('to')),
  );
  if (simulation.recipients('cc').length > 0) main.append(line('Cc', list('cc')));
  main.append(
    element(
      'p',
      { class: 'hint' },
      `Read by ${simulation.from.displayName} <${simulation.from.emailAddress}>`,
    ),
    notificationBar(simulation, options),
    element('div', { class: 'read-body' }, simulation.body || 'Thanks for your note.'),
  );
  root.replaceChildren(main);
  return main;
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
  if (simulation.mode === 'read') return mountReadWindow(root, simulation, options);
  const main = element('main', { class: 'compose', 'aria-labelledby': 'compose-title' });
  main.append(
    ribbon(options),
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
    notificationBar(simulation, options),
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
