import type { LookupResult } from '../../shared/schemas';

/** The add-in's own words for what it reads from Outlook; nothing here depends on Office.js. */
export const RECIPIENT_FIELDS = ['to', 'cc', 'bcc'] as const;
/** `from`: the sender of a message being read (issue 11); a compose item has none. */
export const DISPLAY_FIELDS = ['from', 'to', 'cc', 'bcc'] as const;
export type RecipientField = (typeof DISPLAY_FIELDS)[number];
export type ItemMode = 'compose' | 'read';

export interface Recipient {
  /** As typed in Outlook; compare case-insensitively (see `recipientKey`). */
  email: string;
  /** The display name, or the address when Outlook has none. */
  name: string;
  field: RecipientField;
}

export interface UserProfile {
  email: string;
  displayName: string;
}

export type ThemeKind = 'light' | 'dark';

/** What the task pane needs from the mailbox: implemented on Office.js (`office-mailbox.ts`) or a fake in tests. */
export interface MailboxPort {
  readRecipients(): Promise<Recipient[]>;
  /** Calls `onChange` (debounced) when the recipients may have changed; returns a function that stops watching. */
  watchRecipients(onChange: () => void): () => void;
  userProfile(): UserProfile;
  theme(): ThemeKind;
  /** A message being written, or one being read (its sender and other recipients are shown). */
  mode(): ItemMode;
  /**
   * What opened the pane: the `contextData` of a notification's action (Mailbox 1.8's
   * `getInitializationContextAsync`, feature-detected); null when opened from the ribbon.
   */
  initializationContext(): Promise<string | null>;
  /**
   * After an enroll or unenroll in the pane: the message's notification says who is enrolled
   * now, as the launch-event handler would (removed when nobody is). Compose only.
   */
  showEnrolled(results: LookupResult[]): Promise<void>;
}

export const recipientKey = (email: string): string => email.trim().toLowerCase();
