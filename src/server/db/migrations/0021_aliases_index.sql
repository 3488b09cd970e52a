-- The contact lookup probes the aliases index once per unknown address. With GIN's
-- fast-update pending list a probe also scans every entry not yet merged into the
-- index (0.27 ms a probe after a bulk import, EXPLAIN ANALYZE); without it a probe
-- costs what a btree probe does, and writes merge at once.
ALTER INDEX contacts_aliases SET (fastupdate = off);
