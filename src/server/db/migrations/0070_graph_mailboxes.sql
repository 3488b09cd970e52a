-- Microsoft 365 mailboxes through Microsoft Graph (issue 16): an account's connection, the
-- mailboxes it reads, where each folder's delta query stands, and the rep's own mail.

-- One per account. An admin asks for consent (consent_state is the request's `state`, until
-- its callback); consent recorded → connected; token or Graph trouble → failing, with the error.
CREATE TABLE mail_connections (
  account_id            uuid PRIMARY KEY REFERENCES accounts (id),
  status                text NOT NULL CHECK (status IN ('pending', 'connected', 'failing', 'disconnected')),
  consent_state         text UNIQUE,
  consent_requested_at  timestamptz,
  consent_requested_by  uuid REFERENCES users (id),
  consented_at          timestamptz,
  -- 'sales_seats': every user with a sales seat; 'selected': the mailboxes enabled one by one.
  mailbox_selection     text NOT NULL DEFAULT 'sales_seats' CHECK (mailbox_selection IN ('sales_seats', 'selected')),
  last_error            text,
  last_error_at         timestamptz,
  last_ok_at            timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

-- A rep's mailbox, read by the sync workers. Claimed like steps: a lease per mailbox, so one
-- worker reads it at a time; next_sync_at is when it is due (a notification sets it to now).
CREATE TABLE mailboxes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id     uuid NOT NULL REFERENCES accounts (id),
  user_id        uuid NOT NULL UNIQUE REFERENCES users (id),
  graph_user     text NOT NULL,                  -- /users/{graph_user}: the Entra object id, else the UPN
  enabled        boolean NOT NULL DEFAULT true,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing')),
  failures       integer NOT NULL DEFAULT 0,     -- consecutive failed syncs (the backoff)
  last_error     text,
  last_error_at  timestamptz,
  last_synced_at timestamptz,
  sync_from      timestamptz NOT NULL,           -- a first round reads mail received since then
  next_sync_at   timestamptz NOT NULL,
  notifications  bigint NOT NULL DEFAULT 0,      -- change notifications counted: one during a sync makes it go again
  lease_token    uuid,
  lease_until    timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX mailboxes_due ON mailboxes (next_sync_at) WHERE enabled;
CREATE INDEX mailboxes_account ON mailboxes (account_id);

-- Where each folder's delta query stands: the @odata.nextLink of a round in progress (a
-- restart goes on from that page), else the round's @odata.deltaLink. And its subscription.
CREATE TABLE mailbox_folders (
  mailbox_id               uuid NOT NULL REFERENCES mailboxes (id),
  folder                   text NOT NULL CHECK (folder IN ('inbox', 'junkemail', 'sentitems')),
  cursor                   text,
  cursor_kind              text CHECK (cursor_kind IN ('next', 'delta')),
  subscription_id          text UNIQUE,
  client_state             text,
  subscription_expires_at  timestamptz,
  updated_at               timestamptz NOT NULL,
  PRIMARY KEY (mailbox_id, folder)
);

-- Mail a rep wrote by hand (read from Sent Items), once per message: the idempotence key of
-- its effect on enrollments (an event; with unenrollOnManualEmail, an unenrollment).
CREATE TABLE manual_emails (
  mailbox_id           uuid NOT NULL REFERENCES mailboxes (id),
  internet_message_id  text NOT NULL,
  account_id           uuid NOT NULL REFERENCES accounts (id),
  subject              text NOT NULL,
  recipients           text[] NOT NULL,
  sent_at              timestamptz,
  recorded_at          timestamptz NOT NULL,
  PRIMARY KEY (mailbox_id, internet_message_id)
);
