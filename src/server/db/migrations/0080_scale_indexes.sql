-- Scale (issue 15): an index that fits each user-facing query, so that its cost stays flat
-- from 10,000 to 1,000,000 contacts. docs/scaling.md has each query's plan and the figures.

-- A1's sender fallback reads the subjects of the emails sent to the sender's contacts, newest
-- first; without this it read every sent message of the account (565 ms at 100,000 contacts).
CREATE INDEX sent_messages_contact ON sent_messages (contact_id, sent_at DESC);

-- The console's Enrollments page filtered by status: one sequence, one status, newest first,
-- keyset on (enrolled_at, id); 0060's enrollments_sequence_page serves the unfiltered page.
-- Its prefix (sequence_id, status) is what enrollments_sequence held.
CREATE INDEX enrollments_sequence_status_page ON enrollments (sequence_id, status, enrolled_at DESC, id DESC);
DROP INDEX enrollments_sequence;

-- The Scheduled page, of the account or of one sequence, soonest first: the hot set only
-- (active with a next step), a few percent of the rows once histories pile up. Replaces 0060's,
-- which also held the active rows without a next step.
DROP INDEX enrollments_scheduled;
CREATE INDEX enrollments_scheduled ON enrollments (account_id, next_step_at, id)
  WHERE status = 'active' AND next_step_at IS NOT NULL;
CREATE INDEX enrollments_sequence_scheduled ON enrollments (sequence_id, next_step_at, id)
  WHERE status = 'active' AND next_step_at IS NOT NULL;

-- Contacts search by prefix: of the email, of "first last", of the last name. text_pattern_ops
-- so that LIKE 'prefix%' is an index range whatever the database's collation. The two on
-- expressions are not partial: the planner reads the statistics ANALYZE keeps for an index's
-- expressions only from a non-partial index, and without them it guesses 0.5 % of the account
-- for any prefix, an exact address included, and walks the whole account by created_at.
CREATE INDEX contacts_search_email ON contacts (account_id, email_lower text_pattern_ops)
  WHERE deleted_at IS NULL;
CREATE INDEX contacts_search_name ON contacts (account_id, lower(first_name || ' ' || last_name) text_pattern_ops);
CREATE INDEX contacts_search_last_name ON contacts (account_id, lower(last_name) text_pattern_ops);

-- A4's sender match reads contacts_canonical beside the email and aliases indexes. Partial, its
-- expression had no statistics either: the planner guessed 4,000 matches at 1,000,000 contacts
-- for one address and started parallel workers for the bitmap scan (0.3 s a reply instead of
-- milliseconds). The same index without the predicate; the query filters deleted_at itself.
DROP INDEX contacts_canonical;
CREATE INDEX contacts_canonical ON contacts (account_id, canonical_email(email));
