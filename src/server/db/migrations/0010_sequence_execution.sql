-- Sequence execution (issue 4): unsubscribe links, what the relay answered, send
-- retries, and the task lists. Additive only.

-- The nonce of the email's unsubscribe link; the link is `1<nonce><HMAC>` (unsubscribe/token.ts).
ALTER TABLE sent_messages ADD COLUMN unsubscribe_nonce text;
CREATE UNIQUE INDEX sent_messages_unsubscribe_nonce ON sent_messages (unsubscribe_nonce);
-- 'bounced' when the relay refused the message for good (A8), with its reply.
ALTER TABLE sent_messages ADD COLUMN delivery_status text NOT NULL DEFAULT 'sent'
  CHECK (delivery_status IN ('sent', 'bounced'));
ALTER TABLE sent_messages ADD COLUMN delivery_response text;

-- Failed attempts at the current step's email (back to 0 once the step is done) and the last reply.
ALTER TABLE enrollments ADD COLUMN send_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE enrollments ADD COLUMN last_send_error text;

-- GET /tasks: a rep's own tasks, and an account's completed ones, newest first.
CREATE INDEX tasks_owner_due ON tasks (owner_id, due_at);
CREATE INDEX tasks_account_completed ON tasks (account_id, completed_at DESC) WHERE completed_at IS NOT NULL;
