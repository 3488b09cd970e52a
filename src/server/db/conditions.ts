/**
 * The WHERE clause of a list query, made of the filters the request has and numbered
 * parameters for them. Each combination of filters becomes a statement text of its own, and
 * so a prepared statement of its own: the plan PostgreSQL keeps for it (a generic one after
 * five runs) fits that combination. A catch-all `($2 IS NULL OR e.sequence_id = $2)` shares
 * one plan among all of them, and the generic plan of such a statement cannot use the index
 * of a filter it cannot know is there — it read a whole account (docs/scaling.md).
 */
export class Conditions {
  readonly values: unknown[] = [];
  private readonly parts: string[] = [];

  /** The placeholder (`$n`) of a new parameter holding `value`. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds a condition (its parameters made with `param`). */
  and(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  /** The conditions joined with AND. */
  get where(): string {
    return this.parts.join(' AND ');
  }
}
