-- Step leases (issue 13). A worker that hands a step's email to a mail server claims the
-- enrollment for a short lease, talks to the server outside any transaction, then records
-- the outcome and clears the lease; docs/architecture.md describes the protocol.
ALTER TABLE enrollments ADD COLUMN lease_token uuid;
ALTER TABLE enrollments ADD COLUMN lease_until timestamptz;

-- 'sending': recorded and handed to the transport, outcome not recorded yet. A claim that
-- finds its step 'sending' knows an earlier attempt ended without an answer.
ALTER TABLE sent_messages DROP CONSTRAINT sent_messages_delivery_status_check;
ALTER TABLE sent_messages ADD CONSTRAINT sent_messages_delivery_status_check
  CHECK (delivery_status IN ('sending', 'sent', 'bounced'));
