-- Each sequence's figures kept as they change (issue 15), so that the console's Manage table
-- reads a few rows per sequence instead of counting every enrollment, sent message and reply
-- of the account on each page load (9 to 25 s at 1,000,000 contacts). docs/scaling.md says why.
--
-- Triggers append each statement's change as a delta row per sequence — an INSERT, never an
-- UPDATE of a shared row, so concurrent writers (the workers, bulk unenrolls, the API) never
-- wait on one another for a counter. The figures are the base plus the deltas not yet folded
-- in; the worker folds them (`foldSequenceFigures`) every minute. Derived data: no foreign keys,
-- and figures of a sequence that no longer exists are harmless.

CREATE TABLE sequence_figures (
  sequence_id  uuid PRIMARY KEY,
  enrolled     bigint NOT NULL DEFAULT 0,
  active       bigint NOT NULL DEFAULT 0,
  paused       bigint NOT NULL DEFAULT 0,
  unenrolled   bigint NOT NULL DEFAULT 0,
  emails_sent  bigint NOT NULL DEFAULT 0,
  sent_to      bigint NOT NULL DEFAULT 0,   -- enrollments sent at least one email
  replies      bigint NOT NULL DEFAULT 0,
  replied      bigint NOT NULL DEFAULT 0    -- enrollments with at least one reply
);

CREATE TABLE sequence_figure_deltas (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sequence_id  uuid NOT NULL,
  enrolled     bigint NOT NULL DEFAULT 0,
  active       bigint NOT NULL DEFAULT 0,
  paused       bigint NOT NULL DEFAULT 0,
  unenrolled   bigint NOT NULL DEFAULT 0,
  emails_sent  bigint NOT NULL DEFAULT 0,
  sent_to      bigint NOT NULL DEFAULT 0,
  replies      bigint NOT NULL DEFAULT 0,
  replied      bigint NOT NULL DEFAULT 0
);
CREATE INDEX sequence_figure_deltas_sequence ON sequence_figure_deltas (sequence_id);

-- Enrollments: what each statement added, removed or moved between statuses and sequences.
CREATE FUNCTION sequence_figures_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sequence_figure_deltas (sequence_id, enrolled, active, paused, unenrolled)
    SELECT sequence_id, count(*), count(*) FILTER (WHERE status = 'active'),
           count(*) FILTER (WHERE status = 'paused'), count(*) FILTER (WHERE status = 'unenrolled')
    FROM new_rows GROUP BY sequence_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO sequence_figure_deltas (sequence_id, enrolled, active, paused, unenrolled)
    SELECT sequence_id, -count(*), -count(*) FILTER (WHERE status = 'active'),
           -count(*) FILTER (WHERE status = 'paused'), -count(*) FILTER (WHERE status = 'unenrolled')
    FROM old_rows GROUP BY sequence_id;
  ELSE
    -- Most updates (a step done, a lease taken) change neither status nor sequence: no row.
    INSERT INTO sequence_figure_deltas (sequence_id, enrolled, active, paused, unenrolled)
    SELECT sequence_id, sum(enrolled), sum(active), sum(paused), sum(unenrolled)
    FROM (
      SELECT n.sequence_id, 1 AS enrolled, (n.status = 'active')::int AS active,
             (n.status = 'paused')::int AS paused, (n.status = 'unenrolled')::int AS unenrolled
      FROM new_rows n
      UNION ALL
      SELECT o.sequence_id, -1, -(o.status = 'active')::int, -(o.status = 'paused')::int,
             -(o.status = 'unenrolled')::int
      FROM old_rows o
    ) change
    GROUP BY sequence_id
    HAVING sum(enrolled) <> 0 OR sum(active) <> 0 OR sum(paused) <> 0 OR sum(unenrolled) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sequence_figures_enrollments_insert AFTER INSERT ON enrollments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_enrollments();
CREATE TRIGGER sequence_figures_enrollments_update AFTER UPDATE ON enrollments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_enrollments();
CREATE TRIGGER sequence_figures_enrollments_delete AFTER DELETE ON enrollments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_enrollments();

-- Sent messages: the emails, and the enrollments that got their first (or lost their last).
CREATE FUNCTION sequence_figures_sent_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sequence_figure_deltas (sequence_id, emails_sent, sent_to)
    SELECT p.sequence_id, sum(p.added),
           count(*) FILTER (WHERE (SELECT count(*) FROM sent_messages s WHERE s.enrollment_id = p.enrollment_id) = p.added)
    FROM (SELECT sequence_id, enrollment_id, count(*) AS added FROM new_rows GROUP BY 1, 2) p
    GROUP BY p.sequence_id;
  ELSE
    INSERT INTO sequence_figure_deltas (sequence_id, emails_sent, sent_to)
    SELECT p.sequence_id, -sum(p.removed),
           -count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM sent_messages s WHERE s.enrollment_id = p.enrollment_id))
    FROM (SELECT sequence_id, enrollment_id, count(*) AS removed FROM old_rows GROUP BY 1, 2) p
    GROUP BY p.sequence_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sequence_figures_sent_messages_insert AFTER INSERT ON sent_messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_sent_messages();
CREATE TRIGGER sequence_figures_sent_messages_delete AFTER DELETE ON sent_messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_sent_messages();

-- Replies: the replies, and the enrollments that got their first (or lost their last).
CREATE FUNCTION sequence_figures_engagements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sequence_figure_deltas (sequence_id, replies, replied)
    SELECT p.sequence_id, sum(p.added),
           count(*) FILTER (WHERE (SELECT count(*) FROM engagements g
                                   WHERE g.enrollment_id = p.enrollment_id AND g.type = 'reply') = p.added)
    FROM (SELECT sequence_id, enrollment_id, count(*) AS added FROM new_rows WHERE type = 'reply' GROUP BY 1, 2) p
    GROUP BY p.sequence_id;
  ELSE
    INSERT INTO sequence_figure_deltas (sequence_id, replies, replied)
    SELECT p.sequence_id, -sum(p.removed),
           -count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM engagements g
                                               WHERE g.enrollment_id = p.enrollment_id AND g.type = 'reply'))
    FROM (SELECT sequence_id, enrollment_id, count(*) AS removed FROM old_rows WHERE type = 'reply' GROUP BY 1, 2) p
    GROUP BY p.sequence_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sequence_figures_engagements_insert AFTER INSERT ON engagements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_engagements();
CREATE TRIGGER sequence_figures_engagements_delete AFTER DELETE ON engagements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sequence_figures_engagements();

-- The figures counted afresh from the rows: once here, and after a bulk load that ran with the
-- triggers off (`session_replication_role = replica`, as `npm run seed:scale` loads). Not while
-- other transactions write: their deltas could be counted twice.
CREATE FUNCTION recount_sequence_figures() RETURNS void LANGUAGE sql AS $$
DELETE FROM sequence_figure_deltas;
DELETE FROM sequence_figures;
INSERT INTO sequence_figures (sequence_id, enrolled, active, paused, unenrolled, emails_sent, sent_to, replies, replied)
SELECT s.id, coalesce(e.enrolled, 0), coalesce(e.active, 0), coalesce(e.paused, 0), coalesce(e.unenrolled, 0),
       coalesce(m.emails_sent, 0), coalesce(m.sent_to, 0), coalesce(g.replies, 0), coalesce(g.replied, 0)
FROM sequences s
LEFT JOIN (
  SELECT sequence_id, count(*) AS enrolled, count(*) FILTER (WHERE status = 'active') AS active,
         count(*) FILTER (WHERE status = 'paused') AS paused,
         count(*) FILTER (WHERE status = 'unenrolled') AS unenrolled
  FROM enrollments GROUP BY sequence_id) e ON e.sequence_id = s.id
LEFT JOIN (
  SELECT sequence_id, count(*) AS emails_sent, count(DISTINCT enrollment_id) AS sent_to
  FROM sent_messages GROUP BY sequence_id) m ON m.sequence_id = s.id
LEFT JOIN (
  SELECT sequence_id, count(*) AS replies, count(DISTINCT enrollment_id) AS replied
  FROM engagements WHERE type = 'reply' GROUP BY sequence_id) g ON g.sequence_id = s.id;
$$;

SELECT recount_sequence_figures();
