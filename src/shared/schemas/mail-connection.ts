import { Type, type Static } from '@sinclair/typebox';
import { Nullable, NullableTimestamp, StringEnum, Timestamp, Uuid } from './common';

/** An account's Microsoft 365 connection as admins see it (GET /account/mail-connection). */
export const MailConnectionState = {
  notConnected: 'not_connected',
  pending: 'pending',
  connected: 'connected',
  failing: 'failing',
} as const;
export type MailConnectionState = (typeof MailConnectionState)[keyof typeof MailConnectionState];

export const MailboxState = {
  /** Read and used for sending. */
  active: 'active',
  /** Graph refuses or fails for it; retried with backoff (lastError says why). */
  failing: 'failing',
  /** Not selected (or no sales seat): its mail goes through MAIL_TRANSPORT. */
  off: 'off',
  /** Selected, waiting for its first read. */
  waiting: 'waiting',
} as const;
export type MailboxState = (typeof MailboxState)[keyof typeof MailboxState];

const ErrorNote = Nullable(Type.Object({ message: Type.String(), at: Timestamp }));

export const MailConnection = Type.Object({
  provider: Type.Literal('microsoft_graph'),
  configured: Type.Boolean({ description: 'The server has a Graph app registration (GRAPH_CLIENT_ID)' }),
  state: StringEnum(Object.values(MailConnectionState)),
  consentedAt: NullableTimestamp,
  lastSuccessAt: NullableTimestamp,
  lastError: ErrorNote,
  sending: StringEnum(['graph', 'graph_when_connected', 'mail_transport'], {
    description:
      'graph: MAIL_TRANSPORT=graph; graph_when_connected: reps with a connected mailbox send through it; mail_transport: Graph is not configured',
  }),
  notifications: Type.Boolean({
    description: 'Change notifications (PUBLIC_URL is HTTPS); else polling only',
  }),
  pollSeconds: Type.Integer(),
  mailboxSelection: StringEnum(['sales_seats', 'selected']),
  mailboxes: Type.Array(
    Type.Object({
      userId: Uuid,
      email: Type.String(),
      name: Type.String(),
      seat: Type.String(),
      state: StringEnum(Object.values(MailboxState)),
      lastSyncedAt: NullableTimestamp,
      lastError: ErrorNote,
    }),
  ),
});
export type MailConnection = Static<typeof MailConnection>;

export const ConsentLink = Type.Object({
  consentUrl: Type.String({ description: 'Open as a tenant admin to grant Mail.Send and Mail.Read' }),
  redirectUri: Type.String({ description: 'Must be a redirect URI of the app registration' }),
});

export const ChooseMailboxesBody = Type.Object(
  {
    selection: StringEnum(['sales_seats', 'selected'], {
      description: 'sales_seats (default): every user with a sales seat; selected: the userIds given',
    }),
    userIds: Type.Optional(Type.Array(Uuid, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type ChooseMailboxesBody = Static<typeof ChooseMailboxesBody>;
