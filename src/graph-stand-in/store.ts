import { randomBytes, randomUUID } from 'node:crypto';

/** The well-known folders a stand-in mailbox has (learn.microsoft.com/graph/api/resources/mailfolder). */
export const FOLDERS = ['inbox', 'junkemail', 'sentitems', 'drafts', 'deleteditems'] as const;
export type FolderName = (typeof FOLDERS)[number];

export function folderName(value: string): FolderName | undefined {
  const lower = value.toLowerCase();
  return (FOLDERS as readonly string[]).includes(lower) ? (lower as FolderName) : undefined;
}

export interface Address {
  name: string;
  address: string;
}

export interface StoredMessage {
  id: string;
  folder: FolderName;
  mime: Buffer;
  internetMessageId: string | null;
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  receivedDateTime: string;
  sentDateTime: string;
  /** The change sequence number when the message was created in this folder. */
  createdSeq: number;
  /** The change sequence number of its last change (created, updated). */
  changedSeq: number;
  isRead: boolean;
}

export interface Mailbox {
  id: string;
  userPrincipalName: string;
  displayName: string;
  tenantId: string | null;
  messages: StoredMessage[];
  /** Delta tokens of an older generation answer 410 Gone (the sync state was lost). */
  generation: number;
}

/** A message id shaped like Exchange's: opaque, URL-safe base64. */
function messageId(): string {
  return `AAMkAD${randomBytes(24).toString('base64url')}`;
}

/**
 * The stand-in's mailboxes, in memory. Every change takes the next sequence number; a delta
 * round returns the changes between two numbers, which is what Graph's state tokens encode.
 */
export class MailboxStore {
  private readonly byKey = new Map<string, Mailbox>();
  private seq = 0;

  constructor(private readonly now: () => Date) {}

  add(input: { userPrincipalName: string; id?: string; displayName?: string; tenantId?: string }): Mailbox {
    const existing = this.find(input.userPrincipalName) ?? (input.id ? this.find(input.id) : undefined);
    if (existing) return existing;
    const mailbox: Mailbox = {
      id: (input.id ?? randomUUID()).toLowerCase(),
      userPrincipalName: input.userPrincipalName.toLowerCase(),
      displayName: input.displayName ?? input.userPrincipalName.split('@')[0],
      tenantId: input.tenantId ?? null,
      messages: [],
      generation: 1,
    };
    this.byKey.set(mailbox.id, mailbox);
    this.byKey.set(mailbox.userPrincipalName, mailbox);
    return mailbox;
  }

  /** `/users/{id | userPrincipalName}`, case-insensitively. */
  find(key: string): Mailbox | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  all(): Mailbox[] {
    return [...new Set(this.byKey.values())];
  }

  currentSeq(): number {
    return this.seq;
  }

  put(
    mailbox: Mailbox,
    folder: FolderName,
    message: Omit<
      StoredMessage,
      'id' | 'folder' | 'createdSeq' | 'changedSeq' | 'receivedDateTime' | 'isRead'
    >,
  ): StoredMessage {
    this.seq += 1;
    const stored: StoredMessage = {
      ...message,
      id: messageId(),
      folder,
      receivedDateTime: this.now().toISOString(),
      createdSeq: this.seq,
      changedSeq: this.seq,
      isRead: false,
    };
    mailbox.messages.push(stored);
    return stored;
  }

  /** Marks a message read: an update that a delta round without `changeType=created` returns. */
  markRead(message: StoredMessage): void {
    this.seq += 1;
    message.isRead = true;
    message.changedSeq = this.seq;
  }

  message(mailbox: Mailbox, id: string): StoredMessage | undefined {
    return mailbox.messages.find((message) => message.id === id);
  }
}
