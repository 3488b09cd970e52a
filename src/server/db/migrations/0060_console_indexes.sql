-- The console's tables page with keysets (C6). A sequence's Enrollments tab reads the newest
-- enrollments of one sequence: without this index a page of a 10,000-enrollment sequence sorts
-- them all first.
CREATE INDEX enrollments_sequence_page ON enrollments (sequence_id, enrolled_at DESC, id DESC);
-- The Scheduled tab: the account's active enrollments by their next step's time.
CREATE INDEX enrollments_scheduled ON enrollments (account_id, next_step_at, id) WHERE status = 'active';
