#!/usr/bin/env node
/**
 * `kassa-server`: operator commands. `migrate` applies pending migrations.
 */
import { readConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';

const USAGE = `Användning / usage:
  kassa-server migrate     kör databasmigreringar / apply database migrations`;

async function run(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === 'migrate') {
    const config = readConfig(process.env);
    const database = await openDatabase(config.database);
    try {
      const applied = await migrate(database);
      console.log(
        applied.length > 0 ? `Migrerade: ${applied.join(', ')}` : 'Databasen är redan aktuell.',
      );
      return 0;
    } finally {
      await database.close();
    }
  }
  console.error(USAGE);
  return command === undefined || command === '--help' ? 0 : 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Fel:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
