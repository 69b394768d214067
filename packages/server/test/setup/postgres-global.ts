/**
 * Vitest globalSetup for the `server-postgres` project: decides which PostgreSQL server the
 * suite runs against and hands its superuser URL to the tests as `inject('postgresAdminUrl')`.
 *
 * 1. DATABASE_URL set: use it as is (it must be a superuser URL; tests CREATE DATABASE with it).
 * 2. Otherwise, Debian's binaries under /usr/lib/postgresql/<major>/bin: start a throwaway
 *    cluster (stopped and removed again at the end of the run).
 * 3. Otherwise: under CI=true, fail the run; locally, provide null so the suite skips itself.
 *
 * The type of the provided value is declared in ./provided-context.d.ts.
 */
import { findPostgresBinDir, startThrowawayPostgres } from '@kassa/test-kit';
import type { TestProject } from 'vitest/node';

const SKIP_NOTICE = 'PostgreSQL suite skipped: no DATABASE_URL and no /usr/lib/postgresql/*/bin';

/** The URL without its password, for log lines. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnvironment = process.env.DATABASE_URL?.trim() ?? '';
  if (fromEnvironment !== '') {
    console.log(`server-postgres: using DATABASE_URL ${redact(fromEnvironment)}`);
    project.provide('postgresAdminUrl', fromEnvironment);
    return () => Promise.resolve();
  }

  if (findPostgresBinDir() !== null) {
    const server = await startThrowawayPostgres();
    console.log(
      `server-postgres: throwaway PostgreSQL from ${server.binDir} on port ${server.port}`,
    );
    project.provide('postgresAdminUrl', server.url);
    return () => server.stop();
  }

  if (process.env.CI === 'true') {
    throw new Error(
      'The PostgreSQL suite cannot run under CI: DATABASE_URL is not set and there are no ' +
        'PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install -y postgresql-15).',
    );
  }
  console.log(SKIP_NOTICE);
  project.provide('postgresAdminUrl', null);
  return () => Promise.resolve();
}
