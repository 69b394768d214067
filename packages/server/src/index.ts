/** @kassa/server: the backoffice server, for tests and tools that compose it. */
export { buildApp, type AppDeps } from './http/app.js';
export { openDatabase, type Database, type Db, type DatabaseOptions } from './db/database.js';
export { migrate, readMigrations, MIGRATIONS_DIR } from './db/migrate.js';
export { seedFirstStart, DEMO_ORGANISATION_NUMBER } from './seed.js';
export { createEnvironment, type NewEnvironment } from './commands/environments.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export { setLicence, readLicence } from './commands/terminals.js';
