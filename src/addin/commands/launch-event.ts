/// <reference types="office-js" />
import type { LookupResult } from '../../shared/schemas';
import { readRecipients, type OfficeApi } from '../office/recipients';
import { removeEnrolledNotification, showEnrolledNotification } from '../office/enrolled-notification';

/** What the handlers need besides Office.js: the lookup, through the pane's API client. */
export interface LaunchEventDeps {
  office: OfficeApi;
  /** One batched lookup; rejects when there is no token (silent only) or no server. */
  lookup(emails: string[]): Promise<LookupResult[]>;
  /** Give up on the lookup after this long (the event must complete well within Outlook's limit). */
  timeoutMs?: number;
}

interface LaunchEvent {
  completed(options?: unknown): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * OnMessageRecipientsChanged / OnNewMessageCompose: look the recipients up and say, on the
 * message, who is enrolled; take the notification away when nobody is any more. Whatever
 * happens — no token, no server, an Outlook error — `event.completed()` is called, and nothing
 * is shown that we are not sure of (a failed lookup leaves the message as it was).
 */
export async function onRecipientsChanged(deps: LaunchEventDeps, event: LaunchEvent): Promise<void> {
  try {
    const recipients = await readRecipients(deps.office);
    if (recipients.length === 0) {
      await removeEnrolledNotification(deps.office);
      return;
    }
    const results = await withTimeout(
      deps.lookup(recipients.map((recipient) => recipient.email)),
      deps.timeoutMs ?? 8000,
    );
    await showEnrolledNotification(deps.office, results);
  } catch (error: unknown) {
    console.warn('Sales Tools: the recipients could not be checked', error);
  } finally {
    event.completed();
  }
}
