/// <reference types="office-js" />
import type { LookupResult } from '../../shared/schemas';
import { enrolledNotice, NOTIFICATION_KEY, SHOW_PANE_COMMAND_ID } from './enrolled-notice';
import type { OfficeApi } from './recipients';

// The notification on the message, kept by the launch-event handler and by the task pane after
// an enroll or unenroll in it: the same words and the same key, so either replaces the other's.

function call(
  office: OfficeApi,
  run: (callback: (result: Office.AsyncResult<unknown>) => void) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) =>
    run((result) =>
      result.status === office.AsyncResultStatus.Failed
        ? reject(new Error(result.error?.message ?? 'Outlook refused'))
        : resolve(result.value),
    ),
  );
}

function notifications(office: OfficeApi): Office.NotificationMessages | undefined {
  const item = office.context.mailbox.item as Office.MessageCompose | null | undefined;
  return item?.notificationMessages;
}

/** Shows (or replaces) the notification, or removes it when `results` has no enrolled recipient. */
export async function showEnrolledNotification(office: OfficeApi, results: LookupResult[]): Promise<boolean> {
  const messages = notifications(office);
  if (!messages) return false;
  const notice = enrolledNotice(results);
  if (!notice) {
    await removeEnrolledNotification(office);
    return false;
  }
  const details = {
    type: office.MailboxEnums.ItemNotificationMessageType.InsightMessage,
    message: notice.message,
    actions: [
      {
        actionType: office.MailboxEnums.ActionType.ShowTaskPane,
        actionText: notice.actionText,
        commandId: SHOW_PANE_COMMAND_ID,
        contextData: JSON.stringify(notice.context),
      },
    ],
  } as unknown as Office.NotificationMessageDetails;
  // replaceAsync adds the notification when there is none with that key.
  await call(office, (callback) => messages.replaceAsync(NOTIFICATION_KEY, details, callback));
  return true;
}

export async function removeEnrolledNotification(office: OfficeApi): Promise<void> {
  const messages = notifications(office);
  if (!messages) return;
  // Removing a notification that is not there fails; that is fine.
  await call(office, (callback) => messages.removeAsync(NOTIFICATION_KEY, callback)).catch(() => undefined);
}
