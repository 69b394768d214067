/**
 * The server's configuration, read from the environment in one place (called only by the
 * composition roots main.ts and cli.ts).
 */
import path from 'node:path';
import type { DatabaseOptions } from './db/database.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_REGISTER_DIST_DIR, DEFAULT_WEB_DIR } from './package-info.js';

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseOptions;
  dataDir: string;
  baseDomain: string;
  defaultEnvironment: string | null;
  adminPassword: string | null;
  webDir: string;
  trustProxy: boolean;
  logLevel: string;
  registerDistDir: string;
  https: { cert: string; key: string } | null;
}

function readTls(env: NodeJS.ProcessEnv): { cert: string; key: string } | null {
  const certFile = env.KASSA_TLS_CERT_FILE;
  const keyFile = env.KASSA_TLS_KEY_FILE;
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    throw new Error(
      'Set both KASSA_TLS_CERT_FILE and KASSA_TLS_KEY_FILE (PEM files) to serve https',
    );
  }
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** Reads the configuration; throws a readable error for an invalid value. */
export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), not ${JSON.stringify(env.PORT)}`);
  }
  const dataDir = path.resolve(env.KASSA_DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL?.trim();
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    baseDomain: (env.KASSA_BASE_DOMAIN ?? 'localhost').toLowerCase(),
    defaultEnvironment: env.KASSA_DEFAULT_ENV?.trim() || null,
    adminPassword: env.KASSA_ADMIN_PASSWORD ?? null,
    webDir: env.KASSA_WEB_DIR ? path.resolve(env.KASSA_WEB_DIR) : DEFAULT_WEB_DIR,
    trustProxy: env.KASSA_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    registerDistDir: env.KASSA_REGISTER_DIST
      ? path.resolve(env.KASSA_REGISTER_DIST)
      : DEFAULT_REGISTER_DIST_DIR,
    https: readTls(env),
  };
}
