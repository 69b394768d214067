/**
 * `kassa start --background`: what Windows runs at log-on (installer/kassa.nsi, the Run key) and
 * what the Start-menu shortcut starts when the register is not running. The register then runs
 * without a console window — a console window a cashier can close would stop the register in the
 * middle of the day. It is started again as its own process (detached, no window, its output
 * appended to kassa.log in the data folder), and this process waits until it answers on
 * 127.0.0.1, says so and exits. docs/adr/0010-windows-installer.md.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, renameSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** kassa.log is set aside as kassa.log.1 beyond this size (one generation kept). */
const LOG_LIMIT_BYTES = 10 * 1024 * 1024;

const LOG_FILE = 'kassa.log';

export interface BackgroundIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export interface BackgroundOptions {
  folder: string;
  port: number;
  /** The arguments for the background `kassa start` (without --background). */
  startArgs: string[];
  /** How long to wait for the register to answer. Default 60 s. */
  timeoutMs?: number;
  /** The program and leading arguments that run `kassa` (default: this program). */
  command?: { file: string; args: string[] };
}

/** How this program runs itself: a single executable alone, else node with its script. */
async function selfCommand(): Promise<{ file: string; args: string[] }> {
  let isSea = false;
  try {
    const sea = (await import('node:sea')) as { isSea(): boolean };
    isSea = sea.isSea();
  } catch {
    // Not a single executable (node:sea is missing before Node 20).
  }
  const script = process.argv[1];
  return isSea || script === undefined
    ? { file: process.execPath, args: [] }
    : { file: process.execPath, args: [script] };
}

function openLog(folder: string): { fd: number; file: string } {
  const file = path.join(folder, LOG_FILE);
  try {
    if (statSync(file).size > LOG_LIMIT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
  return { fd: openSync(file, 'a'), file };
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/local/status`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function logTail(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-8);
}

/** Starts `kassa start` in the background; resolves 0 once it answers, 1 when it did not. */
export async function startInBackground(
  io: BackgroundIo,
  options: BackgroundOptions,
): Promise<number> {
  if (await answers(options.port)) {
    io.out(`Kassan körs redan: http://127.0.0.1:${options.port}/`);
    return 0;
  }
  const log = openLog(options.folder);
  const command = options.command ?? (await selfCommand());
  const child: { exited: number | null } = { exited: null };
  try {
    const started = spawn(command.file, [...command.args, 'start', ...options.startArgs], {
      detached: true,
      windowsHide: true,
      stdio: ['ignore', log.fd, log.fd],
      env: { ...io.env, KASSA_NO_BROWSER: '1' },
    });
    started.once('exit', (code) => {
      child.exited = code ?? 1;
    });
    started.unref();
  } finally {
    closeSync(log.fd);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (await answers(options.port)) {
      io.out(`Kassan körs i bakgrunden: http://127.0.0.1:${options.port}/ (logg: ${log.file})`);
      return 0;
    }
    if (child.exited !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  io.err(
    child.exited !== null
      ? `Kassan startade inte (avslutades med kod ${child.exited}). Det sista i loggen ${log.file}:`
      : `Kassan svarade inte inom ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s. Det sista i loggen ${log.file}:`,
  );
  for (const line of await logTail(log.file)) io.err(`  ${line}`);
  io.err('Kör kassa doctor för att se vad som är fel.');
  return 1;
}
