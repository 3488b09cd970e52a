import {
  FIELDS,
  type ComposeSimulation,
  type Field,
  type SimulatedLaunchEvent,
  type SimulatedNotification,
} from '../compose-simulation';

/**
 * A stand-in for Office.js in the preview (there is no Outlook, and no CDN, here). It mimics
 * the contract the task pane uses, as documented for Outlook's compose mode:
 * - `Office.onReady()` resolves (asynchronously) with `{ host: 'Outlook', platform }`;
 * - `item.to/cc/bcc.getAsync([options], callback)` calls back later with an AsyncResult
 *   `{ status, value, error, asyncContext }` whose value is `EmailAddressDetails[]`;
 * - `item.addHandlerAsync(EventType.RecipientsChanged, handler)` (Mailbox 1.7) delivers
 *   `{ type: 'olkRecipientsChanged', changedRecipientFields: { to, cc, bcc } }`;
 * - `mailbox.addHandlerAsync(EventType.ItemChanged, handler)` (Mailbox 1.5) is accepted (a
 *   compose window never changes item);
 * - `context.requirements.isSetSupported('Mailbox', version)` up to the simulated version;
 * - `mailbox.userProfile` and `context.officeTheme`;
 * - `item.notificationMessages` (`addAsync`, `replaceAsync`, `removeAsync`, `getAllAsync`,
 *   Mailbox 1.3; `InsightMessage` with one `showTaskPane` action, 1.10), kept on the simulation,
 *   which the preview page shows as Outlook does: a bar above the message body;
 * - `Office.actions.associate` (1.10): the commands runtime's launch-event handlers, which the
 *   preview page fires on recipient changes as Outlook does;
 * - `item.getInitializationContextAsync` (1.8): the `contextData` of the action that opened the pane;
 * - read mode (`?mode=read`): `item.from`, `item.sender`, `item.to`, `item.cc` as plain values,
 *   `item.subject` a string, as Outlook gives a received message.
 * Anything else the pane would call fails loudly rather than pretending.
 */

const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;
const EventType = {
  RecipientsChanged: 'olkRecipientsChanged',
  ItemChanged: 'olkItemChanged',
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;

type Callback = (result: AsyncResult) => void;
interface AsyncResult {
  status: (typeof AsyncResultStatus)[keyof typeof AsyncResultStatus];
  value: unknown;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}

/** Office.js calls back on a later task, never synchronously. */
const later = (fn: () => void) => setTimeout(fn, 0);

/** getAsync(callback) or getAsync(options, callback), as Office.js accepts both. */
function splitArgs(args: unknown[]): { options?: { asyncContext?: unknown }; callback?: Callback } {
  const callback = args.find((arg) => typeof arg === 'function') as Callback | undefined;
  const options = args.find((arg) => typeof arg === 'object' && arg !== null) as
    { asyncContext?: unknown } | undefined;
  return { options, callback };
}

function succeed(callback: Callback | undefined, value: unknown, options?: { asyncContext?: unknown }) {
  if (callback) later(() => callback({ status: 'succeeded', value, asyncContext: options?.asyncContext }));
}

function fail(
  callback: Callback | undefined,
  code: number,
  message: string,
  options?: { asyncContext?: unknown },
) {
  if (callback)
    later(() =>
      callback({
        status: 'failed',
        value: undefined,
        error: { code, name: 'InvalidOperation', message },
        asyncContext: options?.asyncContext,
      }),
    );
}

function versionAtMost(version: string, max: string): boolean {
  const [a1, a2 = 0] = version.split('.').map(Number);
  const [b1, b2 = 0] = max.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 <= b2);
}

const MailboxEnums = {
  ItemType: { Message: 'message', Appointment: 'appointment' },
  RecipientType: {
    Enterprise: 'enterprise',
    ExternalUser: 'externalUser',
    DistributionList: 'distributionList',
    Other: 'other',
  },
  ItemNotificationMessageType: {
    ProgressIndicator: 'progressIndicator',
    InformationalMessage: 'informationalMessage',
    ErrorMessage: 'errorMessage',
    InsightMessage: 'insightMessage',
  },
  ActionType: { ShowTaskPane: 'showTaskPane' },
} as const;

const THEMES = {
  light: {
    bodyBackgroundColor: '#FFFFFF',
    bodyForegroundColor: '#242424',
    controlBackgroundColor: '#FFFFFF',
    controlForegroundColor: '#242424',
    isDarkTheme: false,
  },
  dark: {
    bodyBackgroundColor: '#292929',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#1F1F1F',
    controlForegroundColor: '#FFFFFF',
    isDarkTheme: true,
  },
};

export function createOfficeStandIn(simulation: ComposeSimulation) {
  const supports = (name: string, version = '1.1') =>
    name.toLowerCase() === 'mailbox' && versionAtMost(version, simulation.mailboxVersion);
  const recipientsChangedSupported = supports('Mailbox', '1.7');
  const itemHandlers = new Map<string, (event: unknown) => void>();
  const mailboxHandlers = new Map<string, (event: unknown) => void>();

  const notificationMessages = {
    addAsync(key: string, details: Record<string, unknown>, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      if (simulation.notifications().some((n) => n.key === key)) {
        fail(callback, 9041, `A notification with the key ${key} is already there`, options);
        return;
      }
      put(key, details, callback, options);
    },
    replaceAsync(key: string, details: Record<string, unknown>, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      put(key, details, callback, options);
    },
    removeAsync(key: string, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      if (!simulation.setNotification(key, null)) {
        fail(callback, 9043, `There is no notification with the key ${key}`, options);
        return;
      }
      succeed(callback, undefined, options);
    },
    getAllAsync(...args: unknown[]) {
      const { options, callback } = splitArgs(args);
      succeed(
        callback,
        simulation.notifications().map((n) => ({ ...n, actions: n.actions.map((a) => ({ ...a })) })),
        options,
      );
    },
  };

  /** Outlook's checks on a notification (the ones the add-in could get wrong), then it shows. */
  function put(
    key: string,
    details: Record<string, unknown>,
    callback: Callback | undefined,
    options?: { asyncContext?: unknown },
  ) {
    const message = typeof details.message === 'string' ? details.message : '';
    const actions = Array.isArray(details.actions)
      ? (details.actions as SimulatedNotification['actions'])
      : [];
    const type = String(details.type ?? '');
    const problem = !Object.values(MailboxEnums.ItemNotificationMessageType).includes(type as never)
      ? `Unknown notification type ${type}`
      : message.length === 0 || message.length > 150
        ? 'The message must have 1 to 150 characters'
        : key.length > 32
          ? 'The key must have at most 32 characters'
          : type !== MailboxEnums.ItemNotificationMessageType.InsightMessage && actions.length > 0
            ? 'Only an InsightMessage has actions'
            : actions.length > 1 || actions.some((a) => a.actionType !== 'showTaskPane' || !a.commandId)
              ? 'An InsightMessage has at most one showTaskPane action with a commandId'
              : type === MailboxEnums.ItemNotificationMessageType.InsightMessage &&
                  !supports('Mailbox', '1.10')
                ? 'InsightMessage needs Mailbox 1.10'
                : null;
    if (problem) {
      fail(callback, 9040, problem, options);
      return;
    }
    simulation.setNotification(key, { key, type, message, actions });
    succeed(callback, undefined, options);
  }

  simulation.subscribe((changed: Field[]) => {
    const handler = itemHandlers.get(EventType.RecipientsChanged);
    if (!handler) return;
    const changedRecipientFields = Object.fromEntries(FIELDS.map((f) => [f, changed.includes(f)]));
    later(() => handler({ type: EventType.RecipientsChanged, changedRecipientFields }));
  });

  const recipients = (field: Field) => ({
    getAsync: (...args: unknown[]) => {
      const { options, callback } = splitArgs(args);
      // Copies, like Office.js: the caller cannot change the compose window through them.
      succeed(
        callback,
        simulation.recipients(field).map((details) => ({ ...details })),
        options,
      );
    },
  });

  const getInitializationContextAsync = (...args: unknown[]) => {
    const { options, callback } = splitArgs(args);
    succeed(callback, simulation.paneContext ?? '', options);
  };

  // A received message: Outlook gives its fields as values, not as objects with getAsync.
  const details = (field: Field) => simulation.recipients(field).map((d) => ({ ...d }));
  const readItem = {
    itemType: 'message',
    get from() {
      return simulation.sender ? { ...simulation.sender } : null;
    },
    get sender() {
      return simulation.sender ? { ...simulation.sender } : null;
    },
    get to() {
      return details('to');
    },
    get cc() {
      return details('cc');
    },
    get subject() {
      return simulation.subject;
    },
    notificationMessages,
    getInitializationContextAsync,
    addHandlerAsync(eventType: string, _handler: unknown, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      fail(callback, 5000, `The event ${eventType} is not supported on a received message`, options);
    },
    removeHandlerAsync(_eventType: string, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      succeed(callback, undefined, options);
    },
  };

  const composeItem = {
    itemType: 'message',
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    notificationMessages,
    getInitializationContextAsync,
    subject: {
      getAsync: (...args: unknown[]) => {
        const { options, callback } = splitArgs(args);
        succeed(callback, simulation.subject, options);
      },
    },
    body: {
      getAsync: (...args: unknown[]) => {
        const { options, callback } = splitArgs(args);
        succeed(callback, simulation.body, options);
      },
    },
    addHandlerAsync(eventType: string, handler: (event: unknown) => void, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      if (eventType !== EventType.RecipientsChanged || !recipientsChangedSupported) {
        fail(callback, 5000, `The event ${eventType} is not supported here`, options);
        return;
      }
      itemHandlers.set(eventType, handler);
      succeed(callback, undefined, options);
    },
    removeHandlerAsync(eventType: string, ...rest: unknown[]) {
      const { options, callback } = splitArgs(rest);
      itemHandlers.delete(eventType);
      succeed(callback, undefined, options);
    },
  };

  // Typed as the compose item, which is what the tests drive; a read item is told apart at run time.
  const item = (simulation.mode === 'read' ? readItem : composeItem) as typeof composeItem;

  let resolveReady: ((info: { host: string; platform: string }) => void) | undefined;
  const ready = new Promise<{ host: string; platform: string }>((resolve) => (resolveReady = resolve));

  const office = {
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus,
    EventType,
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums,
    actions: {
      associate(name: string, handler: (event: SimulatedLaunchEvent) => void) {
        simulation.associate(name, handler);
      },
    },
    initialize: undefined as undefined | ((reason: string) => void),
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      return ready.then((info) => {
        callback?.(info);
        return info;
      });
    },
    context: {
      host: 'Outlook',
      platform: 'OfficeOnline',
      displayLanguage: 'en-US',
      contentLanguage: 'en-US',
      diagnostics: { host: 'Outlook', platform: 'OfficeOnline', version: 'preview' },
      officeTheme: THEMES[simulation.theme],
      requirements: { isSetSupported: supports },
      ui: {
        displayDialogAsync(_url: string, ...rest: unknown[]) {
          const { options, callback } = splitArgs(rest);
          fail(
            callback,
            12007,
            'Dialogs are not available in the preview (it signs in with a dev token)',
            options,
          );
        },
        messageParent() {
          throw new Error('messageParent is not available in the preview');
        },
      },
      mailbox: {
        item,
        userProfile: {
          displayName: simulation.from.displayName,
          emailAddress: simulation.from.emailAddress,
          // A getter: the first Intl call initialises ICU, which took 60–90 ms of the pane's main
          // thread before its first script could run (bench/addin); the pane never reads it.
          get timeZone() {
            return Intl.DateTimeFormat().resolvedOptions().timeZone;
          },
          accountType: 'enterprise',
        },
        diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'preview', OWAView: 'OneColumn' },
        addHandlerAsync(eventType: string, handler: (event: unknown) => void, ...rest: unknown[]) {
          const { options, callback } = splitArgs(rest);
          if (eventType !== EventType.ItemChanged || !supports('Mailbox', '1.5')) {
            fail(callback, 5000, `The event ${eventType} is not supported here`, options);
            return;
          }
          mailboxHandlers.set(eventType, handler);
          succeed(callback, undefined, options);
        },
        removeHandlerAsync(eventType: string, ...rest: unknown[]) {
          const { options, callback } = splitArgs(rest);
          mailboxHandlers.delete(eventType);
          succeed(callback, undefined, options);
        },
      },
    },
  };

  // Like office.js: ready once the page's own scripts have had their turn.
  const announce = () =>
    later(() => {
      office.initialize?.('');
      resolveReady?.({ host: 'Outlook', platform: 'OfficeOnline' });
    });
  if (typeof document === 'undefined' || document.readyState !== 'loading') announce();
  else document.addEventListener('DOMContentLoaded', announce, { once: true });

  return office;
}
