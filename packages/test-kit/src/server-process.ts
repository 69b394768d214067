/**
 * A Kassa backoffice server entry point (TypeScript run through tsx) as a child process on a
 * free port, for tests that need the real process: several of them on one database, SIGKILL
 * and restart. The caller names the entry point, so this kit knows nothing of the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  output(): string;
  /** SIGKILL: no shutdown, no goodbye; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop); resolves when the process is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `main` (a .ts file) with `env` on PORT 0 and waits until the server says it is
 * listening (its "är igång: http://localhost:<port>/" line), or fails with its output.
 */
export async function startServerProcess(
  main: string,
  options: { cwd: string; env: Record<string, string> },
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', main],
    {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: '0',
        HOST: '127.0.0.1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${output}`)),
      90_000,
    );
    const check = () => {
      const match = /är igång: http:\/\/localhost:(\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before starting:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('no pid');
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
