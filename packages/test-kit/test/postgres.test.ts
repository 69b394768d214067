import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBinDir, startThrowawayPostgres } from '../src/index.js';

describe('findPostgresBinDir', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'kassa-pgbin-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function fakeInstall(base: string, major: string, binaries = ['initdb', 'pg_ctl']) {
    const bin = join(base, major, 'bin');
    await mkdir(bin, { recursive: true });
    for (const name of binaries) {
      await writeFile(join(bin, name), '#!/bin/sh\n');
      await chmod(join(bin, name), 0o755);
    }
    return bin;
  }

  it('returns null when the directory does not exist', () => {
    expect(findPostgresBinDir(join(root, 'missing'))).toBeNull();
  });

  it('prefers major 15 over newer majors', async () => {
    const base = join(root, 'prefer');
    await fakeInstall(base, '16');
    const fifteen = await fakeInstall(base, '15');
    await fakeInstall(base, '17');
    expect(findPostgresBinDir(base)).toBe(fifteen);
  });

  it('otherwise takes the highest major that has initdb and pg_ctl', async () => {
    const base = join(root, 'highest');
    await fakeInstall(base, '13');
    const sixteen = await fakeInstall(base, '16');
    await fakeInstall(base, '17', ['psql']);
    await mkdir(join(base, 'not-a-version', 'bin'), { recursive: true });
    expect(findPostgresBinDir(base)).toBe(sixteen);
  });
});

const binDir = findPostgresBinDir();

describe.skipIf(binDir === null)('startThrowawayPostgres', () => {
  it('starts a cluster, answers queries as superuser and is gone after stop()', async () => {
    const server = await startThrowawayPostgres();
    let stopped = false;
    try {
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      expect(server.binDir).toBe(binDir);
      expect(existsSync(server.dataDir)).toBe(true);

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const one = await client.query<{ one: number }>('select 1 as one');
        expect(one.rows).toEqual([{ one: 1 }]);

        const role = await client.query<{ rolsuper: boolean; encoding: string }>(
          `select rolsuper, pg_encoding_to_char(encoding) as encoding
             from pg_roles, pg_database
            where rolname = current_user and datname = current_database()`,
        );
        expect(role.rows).toEqual([{ rolsuper: true, encoding: 'UTF8' }]);

        // What the server suites do per test file.
        await client.query('create database kassa_test_kit_probe');
        await client.query('drop database kassa_test_kit_probe');
      } finally {
        await client.end();
      }

      await server.stop();
      stopped = true;
      expect(existsSync(server.dataDir)).toBe(false);
      await expect(server.stop()).resolves.toBeUndefined();

      const late = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
      await expect(late.connect()).rejects.toThrow();
    } finally {
      if (!stopped) {
        await server.stop();
      }
    }
  }, 120_000);

  it('runs two clusters side by side on different ports', async () => {
    const [a, b] = await Promise.all([startThrowawayPostgres(), startThrowawayPostgres()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.dataDir).not.toBe(b.dataDir);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 120_000);
});
