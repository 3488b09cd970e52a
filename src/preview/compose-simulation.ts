/**
 * The state of the simulated compose window (SPEC §3 "The preview page"): its recipients,
 * subject, body and sender. The preview page owns it and puts it on `window` under
 * SIMULATION_GLOBAL; the Office.js stand-in inside the task pane's iframe (same origin)
 * reads it from `window.parent` and turns its changes into `RecipientsChanged` events.
 */
export const SIMULATION_GLOBAL = 'salesToolsPreview';

export const FIELDS = ['to', 'cc', 'bcc'] as const;
export type Field = (typeof FIELDS)[number];

/** Office.js's `EmailAddressDetails`. */
export interface EmailAddressDetails {
  displayName: string;
  emailAddress: string;
  recipientType: 'enterprise' | 'externalUser' | 'distributionList' | 'other';
}

/** A notification on the message, as an add-in gave it to `item.notificationMessages`. */
export interface SimulatedNotification {
  key: string;
  type: string;
  message: string;
  actions: { actionType: string; actionText: string; commandId: string; contextData?: unknown }[];
}

/** What a launch event's handler receives: the event's data and `completed()`. */
export interface SimulatedLaunchEvent {
  type: string;
  changedRecipientFields?: Record<Field, boolean>;
  completed(options?: unknown): void;
}

export interface ComposeSimulation {
  /** `compose` (a new message, the default) or `read` (a received message, issue 11). */
  mode: 'compose' | 'read';
  /** The signed-in user (`userProfile`). */
  from: { displayName: string; emailAddress: string };
  /** Read mode: who sent the message being read. */
  sender: EmailAddressDetails | null;
  theme: 'light' | 'dark';
  /** The newest Mailbox requirement set the simulated host supports (e.g. "1.5" has no RecipientsChanged). */
  mailboxVersion: string;
  subject: string;
  body: string;
  recipients(field: Field): EmailAddressDetails[];
  text(field: Field): string;
  /** Sets a field from what a person typed; notifies listeners when the recipients changed. */
  setField(field: Field, text: string): boolean;
  /** Called with the fields that changed; returns a function that unsubscribes. */
  subscribe(listener: (changed: Field[]) => void): () => void;

  /** The notifications on the message (`item.notificationMessages`), in the order they came. */
  notifications(): SimulatedNotification[];
  /** Adds or replaces (`details`), or removes (null) the notification `key`; true when it changed. */
  setNotification(key: string, details: SimulatedNotification | null): boolean;
  onNotificationsChanged(listener: () => void): () => void;

  /** `Office.actions.associate` in the commands runtime: the launch events' handlers by name. */
  associate(name: string, handler: (event: SimulatedLaunchEvent) => void): void;
  /**
   * Fires a launch event at the handler `name` (queued until it is associated, as Outlook waits
   * for the runtime to load); resolves when the handler calls `completed()`.
   */
  fireLaunchEvent(name: string, event: Omit<SimulatedLaunchEvent, 'completed'>): Promise<void>;

  /** The `contextData` of the action that opened the task pane (`getInitializationContextAsync`). */
  paneContext: string | null;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

/** Splits on commas, semicolons and new lines outside "quotes" and <angle brackets>. */
function splitRecipients(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let bracketed = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) bracketed = true;
    else if (char === '>' && !quoted) bracketed = false;
    if (!quoted && !bracketed && (char === ',' || char === ';' || char === '\n')) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/** "Ann Lee <ann@x.com>, bo@y.com; someone" → Office.js details; unresolved text keeps its raw form. */
export function parseRecipientList(text: string): EmailAddressDetails[] {
  return splitRecipients(text)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const named = /^"?([^"<]*?)"?\s*<([^>]*)>$/.exec(part);
      const displayName = named ? named[1].trim() : '';
      const address = (named ? named[2] : part).trim();
      return ADDRESS.test(address)
        ? {
            displayName: displayName || address,
            emailAddress: address,
            recipientType: 'externalUser' as const,
          }
        : // Outlook's unresolved entry: what was typed, no address it could resolve.
          { displayName: part, emailAddress: '', recipientType: 'other' as const };
    });
}

/** "ann.lee@x" → "Ann Lee": a readable name for a `from` address given without one. */
export function nameFromAddress(address: string): string {
  const local = address.split('@')[0] ?? address;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

export const DEMO_SENDER = { emailAddress: 'rep@contoso.example', displayName: 'Riley Rep' };

export interface SimulationInit {
  mode?: string;
  sender?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  from?: string;
  fromName?: string;
  theme?: string;
  mailbox?: string;
  subject?: string;
}

/** Reads `?to=…&cc=…&bcc=…&from=…&fromName=…&theme=dark&mailbox=1.5` */
export function initFromQuery(search: string): SimulationInit {
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name) ?? undefined;
  return {
    mode: get('mode'),
    sender: get('sender'),
    to: get('to'),
    cc: get('cc'),
    bcc: get('bcc'),
    from: get('from'),
    fromName: get('fromName'),
    theme: get('theme'),
    mailbox: get('mailbox'),
    subject: get('subject'),
  };
}

export function createComposeSimulation(init: SimulationInit = {}): ComposeSimulation {
  const texts: Record<Field, string> = { to: init.to ?? '', cc: init.cc ?? '', bcc: init.bcc ?? '' };
  const listeners = new Set<(changed: Field[]) => void>();
  const from = init.from?.trim() || DEMO_SENDER.emailAddress;
  const displayName =
    init.fromName?.trim() ||
    (from.toLowerCase() === DEMO_SENDER.emailAddress ? DEMO_SENDER.displayName : nameFromAddress(from));
  const notifications = new Map<string, SimulatedNotification>();
  const notificationListeners = new Set<() => void>();
  const handlers = new Map<string, (event: SimulatedLaunchEvent) => void>();
  const queued = new Map<string, (() => void)[]>();
  const [sender] = init.sender ? parseRecipientList(init.sender).filter((d) => d.emailAddress) : [];
  const key = (field: Field) =>
    parseRecipientList(texts[field])
      .map((d) => `${d.displayName}<${d.emailAddress}>`)
      .join(',');

  return {
    mode: init.mode === 'read' ? 'read' : 'compose',
    sender: init.mode === 'read' ? (sender ?? null) : null,
    from: { emailAddress: from, displayName },
    theme: init.theme === 'dark' ? 'dark' : 'light',
    mailboxVersion: init.mailbox && /^1\.\d+$/.test(init.mailbox) ? init.mailbox : '1.13',
    subject: init.subject ?? '',
    body: '',
    recipients: (field) => parseRecipientList(texts[field]),
    text: (field) => texts[field],
    setField(field, text) {
      const before = key(field);
      texts[field] = text;
      if (key(field) === before) return false;
      for (const listener of [...listeners]) listener([field]);
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifications: () => [...notifications.values()],
    setNotification(notificationKey, details) {
      if (details) notifications.set(notificationKey, details);
      else if (!notifications.delete(notificationKey)) return false;
      for (const listener of [...notificationListeners]) listener();
      return true;
    },
    onNotificationsChanged(listener) {
      notificationListeners.add(listener);
      return () => notificationListeners.delete(listener);
    },
    associate(name, handler) {
      handlers.set(name, handler);
      const waiting = queued.get(name) ?? [];
      queued.delete(name);
      for (const run of waiting) run();
    },
    fireLaunchEvent(name, event) {
      return new Promise<void>((resolve) => {
        const run = () => {
          let done = false;
          handlers.get(name)?.({
            ...event,
            completed: () => {
              if (done) return;
              done = true;
              resolve();
            },
          });
        };
        if (handlers.has(name)) run();
        else queued.set(name, [...(queued.get(name) ?? []), run]);
      });
    },
    paneContext: null,
  };
}
