-- Scale (issue 15): a sent message's and a task's id in time order (the layout of a version 7 UUID: the
-- millisecond, then random bits), so each new row's primary-key entry goes to the right edge of
-- the index instead of a random leaf. At 1M contacts (8.3M sent messages) the worker's inserts
-- touched a random leaf in each of five indexes; the first change of each after a checkpoint
-- writes the whole page to the WAL. PostgreSQL 15 has no uuidv7(); this is its layout by hand.
CREATE FUNCTION time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
ALTER TABLE sent_messages ALTER COLUMN id SET DEFAULT time_ordered_uuid();
ALTER TABLE tasks ALTER COLUMN id SET DEFAULT time_ordered_uuid();
