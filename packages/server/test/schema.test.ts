import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../src/db/migrate.js';
import { selectRows } from '../src/db/database.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';

describeDb('schema and migrations', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('has every tenant-owned table keyed by tenant_id first, and tenant_id in every foreign key', async () => {
    const tables = await selectRows<{ table_name: string }>(
      tdb.database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const names = tables
      .map((r) => r.table_name)
      .filter((n) => n !== 'tenants' && n !== 'kassa_migrations');
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const table of names) {
      const pk = await selectRows<{ column_name: string }>(
        tdb.database.db,
        sql`
        select a.attname as column_name
        from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = ${table}::regclass and i.indisprimary`,
      );
      expect(pk[0]?.column_name, `${table} primary key`).toBe('tenant_id');
      const fks = await selectRows<{ name: string; first_column: string }>(
        tdb.database.db,
        sql`
        select c.conname as name, a.attname as first_column
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.conrelid = ${table}::regclass and c.contype = 'f'`,
      );
      expect(fks.length, `${table} has a foreign key to tenants`).toBeGreaterThan(0);
      for (const fk of fks) expect(fk.first_column, `${table}.${fk.name}`).toBe('tenant_id');
    }
  });

  it('orders migrations by a gapless number and applies each once', async () => {
    const migrations = readMigrations();
    migrations.forEach((m, i) => expect(m.name.slice(0, 4)).toBe(String(i).padStart(4, '0')));
    expect(await migrate(tdb.database)).toEqual([]);
    const applied = await selectRows<{ name: string }>(
      tdb.database.db,
      sql`select name from kassa_migrations order by name`,
    );
    expect(applied.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });

  it('keeps the migration journal of drizzle-kit in step with the SQL files', () => {
    const journal = JSON.parse(
      readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
    ) as {
      entries: { tag: string }[];
    };
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'));
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files.sort());
  });
});
