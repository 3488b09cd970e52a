-- Sales Tools for Outlook: the initial schema.
-- Forward only: change the schema with a new numbered file, never by editing this one.

CREATE TABLE accounts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   text NOT NULL UNIQUE,              -- Entra `tid` (or the dev tenant)
  name        text NOT NULL DEFAULT '',
  tier        text NOT NULL DEFAULT 'professional' CHECK (tier IN ('professional', 'enterprise')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  oid         text NOT NULL,                      -- Entra object id
  email       text NOT NULL,
  name        text NOT NULL DEFAULT '',
  seat        text NOT NULL DEFAULT 'sales' CHECK (seat IN ('sales', 'none')),
  time_zone   text NOT NULL DEFAULT 'UTC',        -- IANA zone, for send windows
  signature   text NOT NULL DEFAULT '',
  deleted_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, oid)
);

CREATE TABLE companies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  name        text NOT NULL,
  domains     text[] NOT NULL DEFAULT '{}',       -- lower case, without '@'
  properties  jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_account ON companies (account_id);
CREATE INDEX companies_domains ON companies USING gin (domains);

CREATE TABLE contacts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id    uuid NOT NULL REFERENCES accounts (id),
  email         text NOT NULL,
  email_lower   text GENERATED ALWAYS AS (lower(email)) STORED,
  first_name    text NOT NULL DEFAULT '',
  last_name     text NOT NULL DEFAULT '',
  company_id    uuid REFERENCES companies (id),
  aliases       text[] NOT NULL DEFAULT '{}',     -- lower case
  properties    jsonb NOT NULL DEFAULT '{}',
  owner_id      uuid REFERENCES users (id),
  opted_out_at  timestamptz,                      -- A7: no sequence email from then on
  bounced_at    timestamptz,                      -- A8: the address hard-bounced
  deleted_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_email_unique ON contacts (account_id, email_lower) WHERE deleted_at IS NULL;
CREATE INDEX contacts_account_created ON contacts (account_id, created_at DESC, id DESC);
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_aliases ON contacts USING gin (aliases);

CREATE TABLE sequences (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id             uuid NOT NULL REFERENCES accounts (id),
  owner_id               uuid NOT NULL REFERENCES users (id),
  name                   text NOT NULL,
  steps                  jsonb NOT NULL,
  settings               jsonb NOT NULL DEFAULT '{}',
  unenrollment_triggers  jsonb NOT NULL DEFAULT '[]',
  deleted_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sequences_account ON sequences (account_id, created_at DESC);
CREATE INDEX sequences_owner ON sequences (owner_id);

CREATE TABLE enrollments (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id          uuid NOT NULL REFERENCES accounts (id),
  sequence_id         uuid NOT NULL REFERENCES sequences (id),
  contact_id          uuid NOT NULL REFERENCES contacts (id),
  email               text NOT NULL,               -- the address enrolled
  status              text NOT NULL CHECK (status IN ('active', 'paused', 'unenrolled')),
  current_step        integer NOT NULL DEFAULT 0,  -- steps executed so far (1-based number of the last one)
  next_step_at        timestamptz,                 -- when step current_step + 1 is due; null: none scheduled
  paused_at           timestamptz,
  paused_until        timestamptz,                 -- set when the pause ends by itself (out of office)
  thread_message_id   text,                        -- Message-ID of the first sequence email
  thread_subject      text,
  enrolled_at         timestamptz NOT NULL,
  enrolled_by         uuid REFERENCES users (id),
  unenrolled_at       timestamptz,
  unenroll_reason     text,
  unenrolled_by_type  text CHECK (unenrolled_by_type IN ('user', 'system', 'contact', 'workflow')),
  unenrolled_by_id    text,
  unenroll_detail     text,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'unenrolled') = (unenrolled_at IS NOT NULL AND unenroll_reason IS NOT NULL))
);
-- E2: at most one active-or-paused enrollment per contact, enforced here and not only in code.
CREATE UNIQUE INDEX enrollments_one_current ON enrollments (contact_id) WHERE status IN ('active', 'paused');
CREATE INDEX enrollments_due ON enrollments (next_step_at) WHERE status = 'active';
CREATE INDEX enrollments_paused_until ON enrollments (paused_until) WHERE status = 'paused';
CREATE INDEX enrollments_sequence ON enrollments (sequence_id, status);
CREATE INDEX enrollments_contact ON enrollments (contact_id);
CREATE INDEX enrollments_account_page ON enrollments (account_id, enrolled_at DESC, id DESC);

-- E4: the audit trail. Append-only: a trigger refuses UPDATE and DELETE.
CREATE TABLE enrollment_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id     uuid NOT NULL REFERENCES accounts (id),
  enrollment_id  uuid NOT NULL REFERENCES enrollments (id),
  type           text NOT NULL,
  at             timestamptz NOT NULL,
  by_type        text NOT NULL CHECK (by_type IN ('user', 'system', 'contact', 'workflow')),
  by_id          text,
  detail         text,
  data           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX enrollment_events_enrollment ON enrollment_events (enrollment_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER enrollment_events_append_only
  BEFORE UPDATE OR DELETE ON enrollment_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Every sequence email, recorded before it leaves: the unique (enrollment, step)
-- is what makes a step's send happen at most once.
CREATE TABLE sent_messages (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id     uuid NOT NULL REFERENCES accounts (id),
  enrollment_id  uuid NOT NULL REFERENCES enrollments (id),
  sequence_id    uuid NOT NULL REFERENCES sequences (id),
  contact_id     uuid NOT NULL REFERENCES contacts (id),
  step_index     integer NOT NULL,                -- 0-based index into the sequence's steps
  message_id     text NOT NULL UNIQUE,            -- without angle brackets
  from_address   text NOT NULL,
  to_address     text NOT NULL,
  subject        text NOT NULL,
  sent_at        timestamptz NOT NULL,
  UNIQUE (enrollment_id, step_index)
);
CREATE INDEX sent_messages_sequence ON sent_messages (sequence_id);

-- The `outbox` mail transport: messages kept instead of sent (GET /outbox).
CREATE TABLE outbox (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id       uuid NOT NULL REFERENCES accounts (id),
  sent_message_id  uuid REFERENCES sent_messages (id),
  message_id       text NOT NULL,
  from_address     text NOT NULL,
  to_address       text NOT NULL,
  subject          text NOT NULL,
  text_body        text NOT NULL,
  headers          jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL
);
CREATE INDEX outbox_account_created ON outbox (account_id, created_at DESC, id DESC);

CREATE TABLE tasks (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id     uuid NOT NULL REFERENCES accounts (id),
  enrollment_id  uuid NOT NULL REFERENCES enrollments (id),
  sequence_id    uuid NOT NULL REFERENCES sequences (id),
  contact_id     uuid NOT NULL REFERENCES contacts (id),
  owner_id       uuid REFERENCES users (id),
  step_index     integer NOT NULL,
  title          text NOT NULL,
  due_at         timestamptz NOT NULL,
  completed_at   timestamptz,
  completed_by   uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  UNIQUE (enrollment_id, step_index)
);
CREATE INDEX tasks_account_open ON tasks (account_id, due_at) WHERE completed_at IS NULL;

CREATE TABLE deals (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  name        text NOT NULL,
  properties  jsonb NOT NULL DEFAULT '{}',
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE deal_contacts (
  deal_id     uuid NOT NULL REFERENCES deals (id),
  contact_id  uuid NOT NULL REFERENCES contacts (id),
  PRIMARY KEY (deal_id, contact_id)
);
CREATE INDEX deal_contacts_contact ON deal_contacts (contact_id);

-- What a sequence's performance counts besides its emails: replies, meetings,
-- bounces, unsubscribes. Written once per fact and never removed (E3).
CREATE TABLE engagements (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id     uuid NOT NULL REFERENCES accounts (id),
  enrollment_id  uuid NOT NULL REFERENCES enrollments (id),
  sequence_id    uuid NOT NULL REFERENCES sequences (id),
  contact_id     uuid NOT NULL REFERENCES contacts (id),
  type           text NOT NULL CHECK (type IN ('reply', 'meeting', 'bounce', 'unsubscribe', 'open', 'click')),
  source_ref     text NOT NULL,                   -- the message, meeting or link it comes from
  occurred_at    timestamptz NOT NULL,
  UNIQUE (enrollment_id, type, source_ref)
);
CREATE INDEX engagements_sequence ON engagements (sequence_id, type);
