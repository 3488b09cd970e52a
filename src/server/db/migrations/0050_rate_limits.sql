-- Rate limits (issue 14, finding 9): hits per key (`user:<id>`, `ip:<address>`, `smtp-…`) in
-- the current fixed window, shared by every API process. Each process counts locally and adds
-- its hits here every few hundred milliseconds (src/server/rate-limit/shared-counter.ts), so a
-- request costs no statement. UNLOGGED: counts that last a minute need no WAL; a crash of the
-- database server empties the table, which only forgives a minute of requests.
CREATE UNLOGGED TABLE rate_limit_hits (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL CHECK (hits >= 0)
);
