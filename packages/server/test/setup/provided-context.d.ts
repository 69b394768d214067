// Values handed from vitest globalSetup files to the tests: read them with `inject(key)`.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Superuser URL (database `postgres`) of the PostgreSQL server for the `server-postgres`
     * project, or null when none is available outside CI (the suite then skips itself).
     * Set by ./postgres-global.ts; undefined in the other projects.
     */
    postgresAdminUrl: string | null;
  }
}
