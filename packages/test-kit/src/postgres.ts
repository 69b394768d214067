/**
 * Throwaway PostgreSQL clusters for tests: a fresh `initdb` in a temporary directory, started on
 * a free port on 127.0.0.1 with trust authentication, removed again by `stop()`.
 *
 * Uses the Debian binaries under /usr/lib/postgresql/<major>/bin (major 15 preferred, because
 * production targets PostgreSQL 15). As root, every PostgreSQL command runs as the `postgres`
 * user through `runuser`, since PostgreSQL refuses to run as root.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs the server binaries, one directory per major version. */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

/** The major version we run in production and therefore prefer in tests. */
export const PREFERRED_POSTGRES_MAJOR = 15;

export interface ThrowawayPostgresOptions {
  /** Directory holding `initdb` and `pg_ctl`. Default: {@link findPostgresBinDir}. */
  binDir?: string;
  /** TCP port on 127.0.0.1. Default: a free port chosen by the kernel. */
  port?: number;
  /** Directory in which the temporary cluster directory is created. Default: `os.tmpdir()`. */
  parentDir?: string;
  /** Extra server settings passed as `-c name=value` (added to `fsync=off`). */
  settings?: Readonly<Record<string, string | number | boolean>>;
  /** Seconds `pg_ctl` waits for the server to accept connections. Default: 60. */
  startTimeoutSeconds?: number;
}

export interface ThrowawayPostgres {
  /** Superuser URL (user `postgres`, no password) to the database `postgres`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The cluster's data directory (removed by {@link ThrowawayPostgres.stop}). */
  readonly dataDir: string;
  /** The binaries used, e.g. /usr/lib/postgresql/15/bin. */
  readonly binDir: string;
  /** Stops the server (`pg_ctl stop -m fast`) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

interface Layout {
  /** Temporary root, owned by the PostgreSQL user: socket directory and log file. */
  readonly root: string;
  readonly dataDir: string;
  readonly logFile: string;
}

interface RunAs {
  /** Wraps a command so that it runs as the PostgreSQL user. */
  wrap(command: string, args: readonly string[]): [string, string[]];
}

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const OS_USER = 'postgres';

function hasServerBinaries(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
}

/**
 * Finds `<root>/<major>/bin` holding `initdb` and `pg_ctl`: major 15 when installed, otherwise
 * the highest installed major. Returns null when there is none.
 */
export function findPostgresBinDir(root: string = DEBIAN_POSTGRES_ROOT): string | null {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return null;
  }
  const candidates = entries
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .map((name) => ({ major: Number.parseFloat(name), dir: join(root, name, 'bin') }))
    .filter(({ dir }) => hasServerBinaries(dir))
    .sort((a, b) => b.major - a.major);
  const preferred = candidates.find(({ major }) => major === PREFERRED_POSTGRES_MAJOR);
  return (preferred ?? candidates[0])?.dir ?? null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookUpUser(name: string): { uid: number; gid: number } {
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch (error) {
    throw new Error(`Cannot read /etc/passwd to look up the user "${name}"`, { cause: error });
  }
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error(
    `Running as root, but there is no "${name}" user to run PostgreSQL as ` +
      '(PostgreSQL refuses to run as root). Install the Debian package postgresql-15, ' +
      'which creates it, or run the tests as an ordinary user.',
  );
}

function findRunuser(): string {
  for (const candidate of ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser']) {
    if (existsSync(candidate)) {
      return candidate;
    }
  }
  return 'runuser';
}

function runAsFor(root: boolean): RunAs {
  if (!root) {
    return { wrap: (command, args) => [command, [...args]] };
  }
  const runuser = findRunuser();
  return { wrap: (command, args) => [runuser, ['-u', OS_USER, '--', command, ...args]] };
}

interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  runAs: RunAs,
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<RunResult> {
  const [file, fileArgs] = runAs.wrap(command, args);
  return new Promise((resolve, reject) => {
    execFile(
      file,
      fileArgs,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, cwd: '/' },
      (error, stdout, stderr) => {
        if (error) {
          const output = `${stdout}${stderr}`.trim();
          const code = (error as NodeJS.ErrnoException).code;
          const reason =
            code === 'ENOENT'
              ? `${file} was not found`
              : error.killed
                ? `timed out after ${timeoutMs} ms`
                : `exit code ${String(code ?? error.signal ?? 'unknown')}`;
          reject(
            new Error(
              `${[file, ...fileArgs].join(' ')} failed (${reason})` +
                (output ? `:\n${output}` : ''),
              { cause: error },
            ),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('Could not determine a free TCP port'));
        }
      });
    });
  });
}

/** Single-quotes a value for the shell command line that pg_ctl builds from `-o`. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

async function readLogTail(logFile: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(logFile, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function makeLayout(parentDir: string, root: boolean): Promise<Layout> {
  const dir = await mkdtemp(join(parentDir, 'kassa-pg-'));
  const layout: Layout = {
    root: dir,
    dataDir: join(dir, 'data'),
    logFile: join(dir, 'postgres.log'),
  };
  try {
    await mkdir(layout.dataDir, { mode: 0o700 });
    if (root) {
      const { uid, gid } = lookUpUser(OS_USER);
      await chown(dir, uid, gid);
      await chown(layout.dataDir, uid, gid);
      // The postgres user must be able to reach the directory through its parents.
      const parentMode = statSync(parentDir).mode;
      if ((parentMode & 0o001) === 0) {
        throw new Error(
          `The user "${OS_USER}" cannot enter ${parentDir}; pass parentDir (e.g. /tmp) ` +
            'or set TMPDIR to a directory every user can traverse.',
        );
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return layout;
}

function serverOptions(
  port: number,
  socketDir: string,
  settings: Readonly<Record<string, string | number | boolean>>,
): string {
  const all: Record<string, string> = { listen_addresses: HOST, fsync: 'off' };
  for (const [name, value] of Object.entries(settings)) {
    all[name] = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
  }
  const parts = ['-p', String(port), '-k', shellQuote(socketDir)];
  for (const [name, value] of Object.entries(all)) {
    parts.push('-c', shellQuote(`${name}=${value}`));
  }
  return parts.join(' ');
}

/**
 * Starts a throwaway PostgreSQL cluster and returns a superuser URL to its `postgres` database.
 * Always call `stop()` (e.g. in a vitest teardown); a best-effort stop also runs on process exit.
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binDir = options.binDir ?? findPostgresBinDir();
  if (binDir === null) {
    throw new Error(
      `No PostgreSQL server binaries found under ${DEBIAN_POSTGRES_ROOT}/*/bin. ` +
        'Install them (apt-get install -y postgresql-15) or point the tests at an existing ' +
        'server with DATABASE_URL.',
    );
  }
  if (!hasServerBinaries(binDir)) {
    throw new Error(`${binDir} does not contain initdb and pg_ctl`);
  }
  const root = isRoot();
  const runAs = runAsFor(root);
  const pgCtl = join(binDir, 'pg_ctl');
  const layout = await makeLayout(options.parentDir ?? tmpdir(), root);

  const removeDir = (): Promise<void> => rm(layout.root, { recursive: true, force: true });

  let port: number;
  try {
    port = await initAndStart(runAs, binDir, layout, options);
  } catch (error) {
    try {
      await run(runAs, pgCtl, ['-D', layout.dataDir, '-m', 'immediate', 'stop'], 30_000);
    } catch {
      // Not running: the usual case when start-up failed.
    }
    await removeDir();
    throw error;
  }

  // Best effort if the process exits without calling stop(): no orphaned postmaster.
  const exitHook = (): void => {
    try {
      const [file, args] = runAs.wrap(pgCtl, ['-D', layout.dataDir, '-m', 'immediate', 'stop']);
      execFileSync(file, args, { stdio: 'ignore', timeout: 10_000, cwd: '/' });
    } catch {
      // Already stopped, or nothing more we can do while exiting.
    }
    rmSync(layout.root, { recursive: true, force: true });
  };
  process.once('exit', exitHook);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', exitHook);
      try {
        await run(runAs, pgCtl, ['-D', layout.dataDir, '-m', 'fast', '-w', 'stop'], 120_000);
      } catch (error) {
        // Someone else already stopped it: nothing left to do but remove the directory.
        const notRunning = error instanceof Error && /Is server running\?/.test(error.message);
        if (!notRunning) {
          throw new Error(
            `pg_ctl could not stop the throwaway PostgreSQL cluster on port ${port}`,
            {
              cause: error,
            },
          );
        }
      } finally {
        await removeDir();
      }
    })();
    return stopping;
  };

  return {
    url: `postgres://${SUPERUSER}@${HOST}:${port}/postgres`,
    host: HOST,
    port,
    dataDir: layout.dataDir,
    binDir,
    stop,
  };
}

/** Runs initdb, then pg_ctl start on a free port (retried if the port is taken meanwhile). */
async function initAndStart(
  runAs: RunAs,
  binDir: string,
  layout: Layout,
  options: ThrowawayPostgresOptions,
): Promise<number> {
  try {
    await run(
      runAs,
      join(binDir, 'initdb'),
      ['-D', layout.dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C'],
      120_000,
    );
  } catch (error) {
    throw new Error(`initdb failed for the throwaway PostgreSQL cluster in ${layout.dataDir}`, {
      cause: error,
    });
  }

  const startTimeoutSeconds = options.startTimeoutSeconds ?? 60;
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      await run(
        runAs,
        join(binDir, 'pg_ctl'),
        [
          '-D',
          layout.dataDir,
          '-l',
          layout.logFile,
          '-o',
          serverOptions(port, layout.root, options.settings ?? {}),
          '-t',
          String(startTimeoutSeconds),
          '-w',
          'start',
        ],
        (startTimeoutSeconds + 30) * 1000,
      );
      return port;
    } catch (error) {
      const log = await readLogTail(layout.logFile);
      if (/could not bind|address already in use/i.test(log) && attempt < attempts) {
        continue;
      }
      throw new Error(
        `pg_ctl could not start the throwaway PostgreSQL cluster on ${HOST}:${port}` +
          (log ? `\nServer log (${layout.logFile}):\n${log}` : ''),
        { cause: error },
      );
    }
  }
}
