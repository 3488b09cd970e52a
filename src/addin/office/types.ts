/** The add-in's own words for what it reads from Outlook; nothing here depends on Office.js. */
export const RECIPIENT_FIELDS = ['to', 'cc', 'bcc'] as const;
export type RecipientField = (typeof RECIPIENT_FIELDS)[number];

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
}

export const recipientKey = (email: string): string => email.trim().toLowerCase();
