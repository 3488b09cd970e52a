import type { KnownProperty } from '../../shared/schemas';
import type { Queryable } from '../db/port';

/** How many records of each kind (the most recently changed) the property pickers read. */
export const PROPERTY_SAMPLE = 10_000;
const MAX_KEYS = 200;
const MAX_VALUES = 25;

/**
 * The property keys of the account's contacts and companies, with their most common
 * values, for the Automation tab's pickers: one statement, bounded by reading only the
 * `PROPERTY_SAMPLE` most recently changed records of each kind (what a manager sets a
 * trigger on is what the team writes now). A list value (multi-select) counts as each of
 * its items; values are grouped as the trigger rules compare them (trimmed, any case),
 * shown as most often written.
 */
export async function knownProperties(
  db: Queryable,
  accountId: string,
): Promise<{ contact: KnownProperty[]; company: KnownProperty[] }> {
  const { rows } = await db.query<{ record: 'contact' | 'company'; properties: KnownProperty[] }>(
    `WITH records AS (
       (SELECT 'contact'::text AS record, properties FROM contacts
        WHERE account_id = $1::uuid AND deleted_at IS NULL AND properties <> '{}'::jsonb
        ORDER BY updated_at DESC LIMIT $2::int)
       UNION ALL
       (SELECT 'company'::text, properties FROM companies
        WHERE account_id = $1::uuid AND properties <> '{}'::jsonb
        ORDER BY updated_at DESC LIMIT $2::int)
     ), pairs AS (
       SELECT r.record, p.key, p.value FROM records r CROSS JOIN LATERAL jsonb_each(r.properties) AS p(key, value)
     ), keys AS (
       SELECT record, key, count(*)::int AS n,
              row_number() OVER (PARTITION BY record ORDER BY count(*) DESC, key) AS rank
       FROM pairs WHERE value <> 'null'::jsonb GROUP BY record, key
     ), items AS (
       SELECT record, key, trim(item #>> '{}') AS value
       FROM pairs CROSS JOIN LATERAL jsonb_array_elements(
         CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE jsonb_build_array(value) END) AS item
       WHERE jsonb_typeof(item) IN ('string', 'number', 'boolean') AND trim(item #>> '{}') <> ''
     ), grouped AS (
       SELECT record, key, mode() WITHIN GROUP (ORDER BY value) AS value, count(*)::int AS n,
              row_number() OVER (PARTITION BY record, key ORDER BY count(*) DESC, lower(value)) AS rank
       FROM items GROUP BY record, key, lower(value)
     )
     SELECT k.record,
            jsonb_agg(jsonb_build_object('key', k.key, 'count', k.n, 'values', coalesce(v.values, '[]'::jsonb))
                      ORDER BY k.n DESC, k.key) AS properties
     FROM keys k
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('value', g.value, 'count', g.n) ORDER BY g.rank) AS values
       FROM grouped g WHERE g.record = k.record AND g.key = k.key AND g.rank <= $3::int
     ) v ON true
     WHERE k.rank <= $4::int
     GROUP BY k.record`,
    [accountId, PROPERTY_SAMPLE, MAX_VALUES, MAX_KEYS],
  );
  const of = (record: 'contact' | 'company') => rows.find((row) => row.record === record)?.properties ?? [];
  return { contact: of('contact'), company: of('company') };
}
