/**
 * One INSERT for many rows, with one bind parameter per column:
 *
 *   INSERT INTO t (a, b, data) SELECT u.c0, u.c1, NULLIF(j2.value, 'null')
 *   FROM unnest($1::text[]::uuid[], $2::text[]::bigint[]) WITH ORDINALITY AS u(c0, c1, n)
 *   JOIN jsonb_array_elements($3::text::jsonb) WITH ORDINALITY AS j2(value, n) ON j2.n = u.n
 *
 * Drizzle's `insert().values(rows)` builds one parameter per value, and for a journal batch
 * (500 entries and their read-model rows) building that statement costs more than PostgreSQL's
 * work; here the cost is a string per value. Values are mapped by the column's own Drizzle mapper
 * (dates, JSON) and sent as text, which the database casts, so PGlite and node-postgres bind them
 * the same way. A JSON column travels as one JSON array rather than a text array, which would
 * escape every quote of every document once more.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database.js';

const JSON_TYPES = new Set(['json', 'jsonb']);

/** A driver value as the text PostgreSQL parses back into it. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  throw new TypeError(`bulkInsert cannot send a ${typeof value}`);
}

/**
 * Inserts `rows` into `table` in one statement. Every column is written: a property left out of
 * a row is NULL (use it for tables without column defaults; a JSON column cannot hold a JSON
 * `null` this way, it becomes NULL). Does nothing for no rows. `onConflict` is appended (an
 * upsert); the rows must then have distinct keys.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db | Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  /** An `ON CONFLICT …` clause, if any. */
  onConflict?: SQL,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const arrays: SQL[] = [];
  const aliases: SQL[] = [];
  const joins: SQL[] = [];
  const selected = columns.map(([key, column], index): SQL => {
    const values = rows.map((row) => (row as Record<string, unknown>)[key] ?? null);
    const type = column.getSQLType();
    if (JSON_TYPES.has(type)) {
      const documents = values.map((v) =>
        v === null ? 'null' : asText(column.mapToDriverValue(v)),
      );
      const alias = sql.identifier(`j${index}`);
      joins.push(
        sql` JOIN jsonb_array_elements(${sql.param(`[${documents.join(',')}]`)}::text::jsonb)
          WITH ORDINALITY AS ${alias}(value, n) ON ${alias}.n = u.n`,
      );
      return sql`NULLIF(${alias}.value, 'null'::jsonb)::${sql.raw(type)}`;
    }
    const texts = values.map((v) => {
      if (v === null) return null;
      return asText(column.mapToDriverValue(v));
    });
    const alias = sql.identifier(`c${index}`);
    // One parameter holding the whole column; the database casts text[] to the column's type.
    arrays.push(sql`${sql.param(texts)}::text[]::${sql.raw(type)}[]`);
    aliases.push(sql`${alias}`);
    return sql`u.${alias}`;
  });
  if (arrays.length === 0) throw new Error(`bulkInsert needs a column that is not JSON`);
  const names = columns.map(([, column]) => sql.identifier(column.name));
  await db.execute(
    sql`INSERT INTO ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
      SELECT ${sql.join(selected, sql`, `)}
      FROM unnest(${sql.join(arrays, sql`, `)}) WITH ORDINALITY AS u(${sql.join(aliases, sql`, `)}, n)${sql.join(joins, sql``)}
      ${onConflict ?? sql``}`,
  );
}
