import { showEnrolledNotification } from './enrolled-notification';
import { themeKind, userProfile } from './host';
import { itemMode, readInitializationContext, readRecipients, type OfficeApi } from './recipients';
import type { MailboxPort } from './types';
import { watchRecipients, type WatchOptions } from './watch-recipients';

/** The task pane's mailbox, on Office.js. */
export function createOfficeMailbox(office: OfficeApi, options: WatchOptions = {}): MailboxPort {
  return {
    readRecipients: () => readRecipients(office),
    watchRecipients: (onChange) => watchRecipients(office, onChange, options),
    userProfile: () => userProfile(office),
    theme: () => themeKind(office),
    mode: () => itemMode(office),
    initializationContext: () => readInitializationContext(office),
    showEnrolled: async (results) => {
      if (itemMode(office) === 'compose') await showEnrolledNotification(office, results);
    },
  };
}
