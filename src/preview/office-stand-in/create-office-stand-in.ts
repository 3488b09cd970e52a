import { FIELDS, type ComposeSimulation, type Field } from '../compose-simulation';

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
 * - `mailbox.userProfile` and `context.officeTheme`.
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

  const item = {
    itemType: 'message',
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
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

  let resolveReady: ((info: { host: string; platform: string }) => void) | undefined;
  const ready = new Promise<{ host: string; platform: string }>((resolve) => (resolveReady = resolve));

  const office = {
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    AsyncResultStatus,
    EventType,
    CoercionType: { Text: 'text', Html: 'html' },
    MailboxEnums: {
      ItemType: { Message: 'message', Appointment: 'appointment' },
      RecipientType: {
        Enterprise: 'enterprise',
        ExternalUser: 'externalUser',
        DistributionList: 'distributionList',
        Other: 'other',
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
