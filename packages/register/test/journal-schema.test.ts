/**
 * The journal file's schema version and its migrations (docs/adr/0016-journal-schema-migrations.md),
 * on real SQLite files: a new file gets the current version; a file made before versioning
 * (user_version 0 with the tables) is adopted as version 1 with its entries unchanged; a file of
 * a newer program is refused and left as it was; a migration that throws rolls back every step.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { type JournalEvent, type Receipt } from '@kassa/core';
import { checkJournalChain } from '../src/doctor/journal-checks.js';
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  migrateSchema,
  type Migration,
} from '../src/selling/journal-schema.js';
import { JournalOpenError, openJournalStore } from '../src/selling/journal-store.js';

const AT = '2026-11-25T10:00:00.000Z';

async function file(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'kassa-schema-')), 'journal.sqlite');
}

function saleNumbered(n: number): JournalEvent {
  const receipt = { kind: 'sale', receiptNumber: n, original: null } as unknown as Receipt;
  return { kind: 'sale', data: { receipt } };
}

/** A journal with a few entries and a working value, closed. */
function writeJournal(f: string): void {
  const store = openJournalStore(f, { checkpointKey: null });
  try {
    store.append([{ event: { kind: 'sign-in', data: { cashierId: 'anna' } }, by: 'anna' }], AT);
    store.append([{ event: saleNumbered(1), by: 'anna' }], AT, [
      { op: 'put', key: 'sale', value: { lines: 2 } },
    ]);
    store.append([{ event: saleNumbered(2), by: 'anna' }], AT);
  } finally {
    store.close();
  }
}

function withDb<T>(f: string, body: (db: Database) => T): T {
  const db = new Database(f);
  try {
    return body(db);
  } finally {
    db.close();
  }
}

const userVersion = (f: string) =>
  withDb(f, (db) =>
    Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version),
  );

/** Every row of the journal and working tables, as stored. */
const rowsOf = (f: string) =>
  withDb(f, (db) => ({
    journal: db.prepare('SELECT * FROM journal ORDER BY seq').all(),
    working: db.prepare('SELECT * FROM working ORDER BY key').all(),
  }));

const schemaOf = (f: string) =>
  withDb(f, (db) =>
    db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all(),
  );

const hashOf = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** A second migration, as a newer program would have it. */
const addColumn: Migration = {
  version: 2,
  describe: 'a note column on the working state (a newer program)',
  up: (db) => db.exec('ALTER TABLE working ADD COLUMN note TEXT'),
};

describe('the journal schema version', () => {
  it('is the current one (1) on a new file', async () => {
    const f = await file();
    expect(SCHEMA_VERSION).toBe(1);
    expect(MIGRATIONS.map((m) => m.version)).toEqual([1]);
    openJournalStore(f).close();
    expect(userVersion(f)).toBe(SCHEMA_VERSION);
  });

  it('adopts a file made before versioning (user_version 0, the tables) as version 1, its entries unchanged', async () => {
    const f = await file();
    writeJournal(f);
    // The program before versioning wrote these very tables and left user_version at 0.
    withDb(f, (db) => db.exec('PRAGMA user_version = 0'));
    const rows = rowsOf(f);
    const schema = schemaOf(f);
    expect(rows.journal).toHaveLength(3);

    const store = openJournalStore(f, { checkpointKey: null });
    try {
      expect(store.entries().map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(store.working('sale')).toEqual({ lines: 2 });
    } finally {
      store.close();
    }
    expect(userVersion(f)).toBe(1);
    expect(rowsOf(f)).toEqual(rows);
    expect(schemaOf(f)).toEqual(schema);
  });

  it('refuses a file of a newer program (read-only too), and leaves it as it was', async () => {
    const f = await file();
    writeJournal(f);
    // A newer program ran its second migration on the file.
    withDb(f, (db) => migrateSchema(db, [...MIGRATIONS, addColumn]));
    expect(userVersion(f)).toBe(2);
    const before = hashOf(f);

    for (const readonly of [false, true]) {
      let thrown: unknown;
      try {
        openJournalStore(f, { readonly, checkpointKey: null }).close();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(JournalOpenError);
      expect((thrown as JournalOpenError).code).toBe('journal-schema-newer');
      expect((thrown as JournalOpenError).versions).toEqual({ found: 2, known: 1 });
    }
    expect(hashOf(f)).toBe(before);
    expect(userVersion(f)).toBe(2);
  });

  it('is named in kassa doctor with the version to install', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kassa-schema-folder-'));
    const f = path.join(folder, 'journal.sqlite');
    writeJournal(f);
    withDb(f, (db) => migrateSchema(db, [...MIGRATIONS, addColumn]));
    const chain = await checkJournalChain(folder);
    expect(chain).toMatchObject({ ok: false, code: 'journal-schema-newer' });
    expect(chain?.text).toMatch(/nyare version av kassaprogrammet \(schemaversion 2/);
    expect(chain?.en).toMatch(/Install the latest register program/);
  });

  it('rolls back every step of a migration run that throws, the version too', async () => {
    const f = await file();
    writeJournal(f);
    const rows = rowsOf(f);
    const schema = schemaOf(f);
    const broken: Migration = {
      version: 3,
      describe: 'fails half-way',
      up: (db) => {
        db.exec('CREATE TABLE half (x INTEGER) STRICT');
        throw new Error('the disk said no');
      },
    };
    expect(() => withDb(f, (db) => migrateSchema(db, [...MIGRATIONS, addColumn, broken]))).toThrow(
      'the disk said no',
    );
    // Neither migration 2 nor half of 3 is left: the file is version 1 as it was.
    expect(userVersion(f)).toBe(1);
    expect(schemaOf(f)).toEqual(schema);
    expect(rowsOf(f)).toEqual(rows);
    // And the store still opens it as before.
    const store = openJournalStore(f, { checkpointKey: null });
    try {
      expect(store.head()?.seq).toBe(3);
    } finally {
      store.close();
    }
  });

  it('refuses a list of migrations out of order', async () => {
    const f = await file();
    openJournalStore(f).close();
    expect(() => withDb(f, (db) => migrateSchema(db, [addColumn]))).toThrow(
      'migration 1 is numbered 2',
    );
    expect(userVersion(f)).toBe(1);
  });
});
