#!/usr/bin/env node
/**
 * `kassa-server`: operator commands. `migrate` applies pending migrations; `licence` shows or
 * changes an environment's licence (it stands for a purchase).
 */
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { setLicence, readLicence } from './commands/terminals.js';
import { readConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { LICENCE_MODULES, tenants, type LicenceModule } from './db/schema.js';
import { eq } from 'drizzle-orm';

const USAGE = `Användning / usage:
  kassa-server migrate
      kör databasmigreringar / apply database migrations
  kassa-server licence show --env <slug>
      visa miljöns licens / show the environment's licence
  kassa-server licence set --env <slug> [--terminals <n>] [--modules ${LICENCE_MODULES.join(',')}]
      ändra licensen (motsvarar ett köp) / change the licence (stands for a purchase)`;

class UsageError extends Error {}

function describeLicence(
  slug: string,
  l: { terminals: number; modules: string[]; activeTerminals: number },
): string {
  return [
    `Miljö / environment: ${slug}`,
    `Terminaler / terminals: ${l.activeTerminals} aktiva av ${l.terminals} licensierade`,
    `Moduler / modules: ${l.modules.length > 0 ? l.modules.join(', ') : '(inga / none)'}`,
  ].join('\n');
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = readConfig(process.env);
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function parseModules(text: string): LicenceModule[] {
  const names = text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const unknown = names.filter((m) => !(LICENCE_MODULES as readonly string[]).includes(m));
  if (unknown.length > 0) {
    throw new UsageError(
      `Okänd modul / unknown module: ${unknown.join(', ')} (${LICENCE_MODULES.join(', ')})`,
    );
  }
  return [...new Set(names)] as LicenceModule[]; // checked against LICENCE_MODULES just above
}

async function licence(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      env: { type: 'string' },
      terminals: { type: 'string' },
      modules: { type: 'string' },
    },
    strict: true,
  });
  const slug = values.env;
  if (!slug) throw new UsageError('--env <slug> saknas / is missing');
  if (action === 'show') {
    return withDatabase(async (database) => {
      const [tenant] = await database.db.select().from(tenants).where(eq(tenants.slug, slug));
      if (!tenant) {
        console.error(`Miljön "${slug}" finns inte / no such environment`);
        return 1;
      }
      console.log(describeLicence(slug, await readLicence(database.db, tenant.id)));
      return 0;
    });
  }
  if (action === 'set') {
    const change: { terminals?: number; modules?: LicenceModule[] } = {};
    if (values.terminals !== undefined) {
      const n = Number(values.terminals);
      if (!Number.isInteger(n) || n < 0 || n > 10_000) {
        throw new UsageError(
          '--terminals måste vara ett heltal 0–10000 / must be an integer 0–10000',
        );
      }
      change.terminals = n;
    }
    if (values.modules !== undefined) change.modules = parseModules(values.modules);
    if (Object.keys(change).length === 0)
      throw new UsageError('Ange --terminals och/eller --modules');
    return withDatabase(async (database) => {
      const result = await setLicence(database.db, slug, change, systemClock.now());
      if (!result.ok) {
        console.error(`Miljön "${slug}" finns inte / no such environment`);
        return 1;
      }
      console.log(describeLicence(slug, result.licence));
      if (result.licence.activeTerminals > result.licence.terminals) {
        console.log(
          'Obs: fler terminaler är aktiva än licensen medger; inga nya kan aktiveras förrän några inaktiverats.',
        );
      }
      return 0;
    });
  }
  throw new UsageError(`Okänt licenskommando / unknown licence command: ${action ?? '(inget)'}`);
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'migrate') {
    return withDatabase(async (database) => {
      const applied = await migrate(database);
      console.log(
        applied.length > 0 ? `Migrerade: ${applied.join(', ')}` : 'Databasen är aktuell.',
      );
      return 0;
    });
  }
  if (command === 'licence' || command === 'license') return licence(rest);
  console.log(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error('Fel:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
