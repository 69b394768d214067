/** Runs the real server entry point (src/main.ts through tsx) as a child process on a free port. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess as startProcess } from '@kassa/test-kit';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_ROOT = path.resolve(SERVER_DIR, '../..');

export interface ServerProcess {
  /** http://localhost:<port>, as the server prints it. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the server and waits until it says it is listening (or fails with its output). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startProcess(path.join(SERVER_DIR, 'src/main.ts'), { cwd: REPO_ROOT, env });
  return {
    url: `http://localhost:${server.port}`,
    output: () => server.output(),
    stop: () => server.stop(),
  };
}

/** Runs `kassa-server` (src/cli.ts through tsx) to completion. */
export function runServerCli(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(SERVER_DIR, 'src/cli.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
