/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';

export type Details = { displayName: string; emailAddress: string; recipientType?: string };

export interface MockOptions {
  to?: Details[];
  cc?: Details[];
  bcc?: Details[];
  /** The newest Mailbox requirement set the host supports. */
  mailbox?: string;
  theme?: Record<string, unknown>;
  failField?: 'to' | 'cc' | 'bcc';
}

const supports = (max: string) => (name: string, version: string) => {
  if (name !== 'Mailbox') return false;
  const [a, b] = version.split('.').map(Number);
  const [c, d] = max.split('.').map(Number);
  return a < c || (a === c && b <= d);
};

/**
 * Outlook's compose item on office-addin-mock (`host: "outlook"`), with handlers recorded so
 * tests can fire RecipientsChanged and ItemChanged as Outlook would.
 */
export function mockOutlook(options: MockOptions = {}) {
  const fields = { to: options.to ?? [], cc: options.cc ?? [], bcc: options.bcc ?? [] };
  const itemHandlers = new Map<string, (event: unknown) => void>();
  const mailboxHandlers = new Map<string, (event: unknown) => void>();
  const calls = { getAsync: 0, itemAdds: 0, itemRemoves: 0, mailboxAdds: 0 };
  const recipients = (field: 'to' | 'cc' | 'bcc') => ({
    getAsync: (callback: (result: unknown) => void) => {
      calls.getAsync += 1;
      setTimeout(() =>
        callback(
          options.failField === field
            ? { status: 'failed', error: { code: 9000, message: `Could not read ${field}` } }
            : {
                status: 'succeeded',
                value: fields[field].map((d) => ({ recipientType: 'externalUser', ...d })),
              },
        ),
      );
    },
  });
  const mock = new OfficeMockObject({
    host: 'outlook',
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { RecipientsChanged: 'olkRecipientsChanged', ItemChanged: 'olkItemChanged' },
    context: {
      requirements: { isSetSupported: supports(options.mailbox ?? '1.13') },
      officeTheme: options.theme ?? { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#000000' },
      mailbox: {
        userProfile: { displayName: 'Riley Rep', emailAddress: 'rep@contoso.example' },
        addHandlerAsync: (type: string, handler: (event: unknown) => void) => {
          calls.mailboxAdds += 1;
          mailboxHandlers.set(type, handler);
        },
        removeHandlerAsync: (type: string) => mailboxHandlers.delete(type),
        item: {
          itemType: 'message',
          to: recipients('to'),
          cc: recipients('cc'),
          bcc: recipients('bcc'),
          addHandlerAsync: (type: string, handler: (event: unknown) => void) => {
            calls.itemAdds += 1;
            itemHandlers.set(type, handler);
          },
          removeHandlerAsync: (type: string) => {
            calls.itemRemoves += 1;
            itemHandlers.delete(type);
          },
        },
      },
    },
  });
  return {
    office: mock as unknown as typeof Office,
    fields,
    calls,
    itemHandlers,
    mailboxHandlers,
    fireRecipientsChanged(changed: Partial<Record<'to' | 'cc' | 'bcc', boolean>> = { to: true }) {
      itemHandlers.get('olkRecipientsChanged')?.({
        type: 'olkRecipientsChanged',
        changedRecipientFields: { to: false, cc: false, bcc: false, ...changed },
      });
    },
    fireItemChanged() {
      mailboxHandlers.get('olkItemChanged')?.({ type: 'olkItemChanged' });
    },
  };
}
