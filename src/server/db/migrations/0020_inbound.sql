-- Inbound mail (issue 5): received messages, bounces, and address matching.

-- Every message received, its facts stored before anything acts on it. The same
-- message twice (same Message-ID, or the same bytes when it has none) has the
-- same dedupe key, so it is processed once.
CREATE TABLE inbound_messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id      uuid NOT NULL REFERENCES accounts (id),
  dedupe_key      text NOT NULL,                 -- 'mid:<message-id>' or 'sha256:<hex of the bytes>'
  message_id      text,
  from_address    text,
  subject         text,
  size_bytes      integer NOT NULL,
  facts           jsonb NOT NULL,                -- addresses, thread headers, dates
  classification  jsonb NOT NULL,
  actions         jsonb,                         -- what processing did; null until processed
  status          text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed')),
  received_at     timestamptz NOT NULL,
  processed_at    timestamptz,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX inbound_messages_account_received ON inbound_messages (account_id, received_at DESC);

-- Delivery failures by address (A8): hard ones at once, soft ones counted over a window.
CREATE TABLE address_bounces (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id          uuid NOT NULL REFERENCES accounts (id),
  address_lower       text NOT NULL,
  severity            text NOT NULL CHECK (severity IN ('hard', 'soft')),
  status              text,                      -- RFC 3463 code, e.g. 5.1.1
  diagnostic          text,
  inbound_message_id  uuid REFERENCES inbound_messages (id),
  occurred_at         timestamptz NOT NULL
);
CREATE INDEX address_bounces_address ON address_bounces (account_id, address_lower, occurred_at DESC);

-- Addresses refused for new enrollments (409 address_bounced), whichever contact holds them.
CREATE TABLE bounced_addresses (
  account_id     uuid NOT NULL REFERENCES accounts (id),
  address_lower  text NOT NULL,
  bounced_at     timestamptz NOT NULL,
  reason         text NOT NULL,
  PRIMARY KEY (account_id, address_lower)
);

-- One address in its provider-canonical form (A4): lower case, without a
-- +tag, and for Gmail without dots and with googlemail.com as gmail.com.
CREATE FUNCTION canonical_email(address text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN position('@' IN a) = 0 THEN a
    ELSE (CASE WHEN d IN ('gmail.com', 'googlemail.com') THEN replace(split_part(l, '+', 1), '.', '')
               ELSE split_part(l, '+', 1) END)
         || '@' || (CASE WHEN d = 'googlemail.com' THEN 'gmail.com' ELSE d END)
  END
  FROM (SELECT lower(address) AS a,
               split_part(lower(address), '@', 1) AS l,
               split_part(lower(address), '@', 2) AS d) parts
$$;
CREATE INDEX contacts_canonical ON contacts (account_id, canonical_email(email)) WHERE deleted_at IS NULL;

-- Where a mail server delivers replies, bounces and forwarded mail for this account
-- (the inbound SMTP listener): <inbound_key>@<INBOUND_DOMAIN>.
ALTER TABLE accounts ADD COLUMN inbound_key text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX accounts_inbound_key ON accounts (inbound_key);
