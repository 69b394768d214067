/**
 * The reference: ONE bare fsync'd SQLite insert (node:sqlite, WAL, synchronous=FULL, a fresh
 * file), each in its own transaction (autocommit), so each commit waits for the WAL's fsync.
 * This is the floor of anything that durably journals a sale on this disk. The sale bench takes
 * one right after each sale, so both see the same machine load.
 */
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { since } from './stats.js';

export interface BareInsert {
  /** Inserts one row in its own transaction; returns the milliseconds it took. */
  measure(): number;
  close(): void;
}

export function openBareInsert(folder: string): BareInsert {
  const db = new Database(path.join(folder, 'baseline.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (at, data) VALUES (?, ?)');
  const data = JSON.stringify({ kind: 'sale', text: 'x'.repeat(600) });
  return {
    measure() {
      const start = performance.now();
      insert.run(new Date().toISOString(), data);
      return since(start);
    },
    close: () => db.close(),
  };
}
