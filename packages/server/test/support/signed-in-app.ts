/**
 * The usual start of a server test file: a fresh database, the app on it, one environment and
 * its admin signed in.
 */
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import {
  buildEnvironment,
  buildTestApp,
  signInAs,
  type FakeClock,
  type Session,
} from './test-app.js';

export interface SignedInApp {
  tdb: TestDatabase;
  app: FastifyInstance;
  /** The environment's host header, slug and tenant. */
  host: string;
  slug: string;
  tenantId: string;
  /** The environment's admin `admin`, signed in through the API. */
  admin: Session;
  /** Closes the app and drops the database. */
  close(): Promise<void>;
}

/**
 * Creates a database and builds the app on it with `clock`, creates the environment `slug`
 * (named `companyName`, or buildEnvironment's default) and signs its admin in.
 */
export async function openSignedInApp(
  clock: FakeClock,
  slug: string,
  companyName?: string,
): Promise<SignedInApp> {
  const tdb = await createTestDatabase();
  const app = await buildTestApp(tdb.database, { clock });
  const env = await buildEnvironment(tdb.database, slug, companyName);
  const admin = await signInAs(app, env.host, 'admin');
  return {
    tdb,
    app,
    host: env.host,
    slug: env.slug,
    tenantId: env.tenantId,
    admin,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}
