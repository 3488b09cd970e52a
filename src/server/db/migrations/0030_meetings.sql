-- A6: meetings booked or logged, one row per external id and account. The answer
-- given the first time is kept in `result`, so a repeat gets the same answer
-- (marked duplicate) and changes nothing.
CREATE TABLE meetings (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id                 uuid NOT NULL REFERENCES accounts (id),
  external_id                text NOT NULL,
  source                     text NOT NULL CHECK (source IN ('meetings_link', 'contact_record', 'calendar', 'logged')),
  organizer_user_id          uuid REFERENCES users (id),
  organizer_email            text,
  sequence_email_message_id  text,                 -- without angle brackets, like sent_messages.message_id
  attendee_emails            text[] NOT NULL DEFAULT '{}',
  contact_ids                uuid[] NOT NULL DEFAULT '{}',
  associated_records         jsonb NOT NULL DEFAULT '[]',
  starts_at                  timestamptz NOT NULL,
  logged_at                  timestamptz NOT NULL,
  received_at                timestamptz NOT NULL,
  received_by                uuid REFERENCES users (id),
  result                     jsonb NOT NULL,
  UNIQUE (account_id, external_id)
);
