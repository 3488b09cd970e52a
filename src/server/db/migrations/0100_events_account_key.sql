-- Scale (issue 15): an event's account is its enrollment's, and enrollment_id's key already
-- makes the enrollment exist (and the enrollment its account). The check of accounts (id) for
-- every event cost ~9 µs an event, a tenth of unenrolling 100,000 at 1M contacts, and took a
-- KEY SHARE lock on the account's one row in every statement that wrote events.
ALTER TABLE enrollment_events DROP CONSTRAINT enrollment_events_account_id_fkey;
