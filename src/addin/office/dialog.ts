/// <reference types="office-js" />
import type { OfficeApi } from './recipients';

export class DialogClosedError extends Error {
  constructor() {
    super('The sign-in window was closed before sign-in finished');
    this.name = 'DialogClosedError';
  }
}

/**
 * Opens `url` in an Office dialog and resolves with the first message the page sends with
 * `Office.context.ui.messageParent`. Used for sign-in when MSAL's popup cannot open.
 */
export function openDialog(office: OfficeApi, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    office.context.ui.displayDialogAsync(
      url,
      { height: 60, width: 30, promptBeforeOpen: false },
      (result) => {
        if (result.status === office.AsyncResultStatus.Failed) {
          reject(new Error(`Outlook could not open the sign-in window: ${result.error.message}`));
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (event) => {
          dialog.close();
          if ('message' in event) resolve(event.message);
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, () => reject(new DialogClosedError()));
      },
    );
  });
}

/** From inside the dialog: hand a message to the task pane that opened it. */
export function messageParent(office: OfficeApi, message: string): void {
  office.context.ui.messageParent(message);
}
