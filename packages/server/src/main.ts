/**
 * Composition root of the backoffice server: the only file (with cli.ts) that reads the process
 * environment. `npm start` runs this: migrate, first-start seed, listen.
 */
import { systemClock } from './clock.js';
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { SERVER_VERSION } from './package-info.js';
import { seedFirstStart } from './seed.js';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const database = await openDatabase(config.database);
  const applied = await migrate(database);
  if (applied.length > 0) console.log(`Migrerade databasen: ${applied.join(', ')}`);
  const seed = await seedFirstStart(database.db, systemClock, config.adminPassword);

  const app = await buildApp({
    database,
    clock: systemClock,
    version: SERVER_VERSION,
    tenancy: { baseDomain: config.baseDomain, defaultEnvironment: config.defaultEnvironment },
    webDir: config.webDir,
    trustProxy: config.trustProxy,
    registerDistDir: config.registerDistDir,
    ...(config.https ? { https: config.https } : {}),
    logger: { level: config.logLevel },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const where =
    config.database.kind === 'pglite'
      ? `PGlite i ${config.database.dataDir ?? 'minnet'} (inbäddad; ej strömavbrottssäker — använd PostgreSQL i drift)`
      : 'PostgreSQL (DATABASE_URL)';
  const scheme = config.https ? 'https' : 'http';
  const lines = [
    '',
    `Kassa backoffice ${SERVER_VERSION} är igång: ${scheme}://localhost:${port}/`,
    `  Miljö: ${scheme}://<miljö>.${config.baseDomain}:${port}/   API-dokumentation: ${scheme}://localhost:${port}/api/docs`,
    `  Databas: ${where}`,
  ];
  if (seed.created) {
    lines.push(`  Skapade miljön "${seed.slug}" med administratören "${seed.username}".`);
    if (seed.generatedPassword) {
      lines.push(
        `  Lösenord (visas bara en gång, spara det nu): ${seed.generatedPassword}`,
        '  Sätt KASSA_ADMIN_PASSWORD före första starten för att välja det själv.',
      );
    } else {
      lines.push('  Lösenordet är det som angavs i KASSA_ADMIN_PASSWORD.');
    }
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = (signal: string) => {
    console.log(`Stänger av (${signal})…`);
    app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Kassa kunde inte starta:', error instanceof Error ? error.message : error);
  process.exit(1);
});
