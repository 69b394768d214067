/**
 * A Windows PC under Wine (Debian's wine 8, 64-bit) for the shipped Windows register: one fresh
 * prefix per PC, Windows 10 reported (Node refuses "Windows 7"), no Mono/Gecko installers.
 * Wine needs a program's standard output to be a file, not a pipe, so every run writes to a
 * file in the prefix's folder and the test reads it back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface WinePc {
  /** The prefix (its drive_c holds "Program Files", ProgramData, …). */
  prefix: string;
  env: NodeJS.ProcessEnv;
  /** The Linux path of a Windows path in this prefix, e.g. C:\ProgramData\Kassa. */
  linuxPath(windowsPath: string): string;
  /** Runs a Windows program to its end; output is what it wrote (stdout and stderr). */
  run(
    program: string,
    args: string[],
    options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
  ): Promise<{ code: number; output: string }>;
  /** Starts a Windows program that keeps running; `output()` reads what it wrote so far. */
  start(program: string, args: string[], env?: NodeJS.ProcessEnv): WineProcess;
  /** Ends every Windows process of the prefix at once (`wineserver -k`): a power cut. */
  kill(): Promise<void>;
}

export interface WineProcess {
  child: ChildProcess;
  output(): Promise<string>;
  /** Resolves with the output once `pattern` appears in it (or rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

let counter = 0;

function waitExit(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** A fresh prefix, booted (`wineboot -i`) and set to Windows 10. */
export async function newWinePc(env: NodeJS.ProcessEnv = {}): Promise<WinePc> {
  counter += 1;
  const base = await mkdtemp(path.join(os.tmpdir(), `kassa-wine-${counter}-`));
  const prefix = path.join(base, 'prefix');
  const wineEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: base,
    LANG: 'C.UTF-8',
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    WINEARCH: 'win64',
    // No Mono or Gecko installer dialogs while the prefix is made.
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    ...env,
  };
  delete wineEnv.DISPLAY;
  let runs = 0;

  async function wine(args: string[], extraEnv: NodeJS.ProcessEnv, timeoutMs: number) {
    runs += 1;
    const file = path.join(base, `output-${runs}.txt`);
    const fd = openSync(file, 'w');
    const child = spawn('wine', args, {
      env: { ...wineEnv, ...extraEnv },
      cwd: base,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const code = await waitExit(child, timeoutMs);
    return { code, output: await readFile(file, 'utf8') };
  }

  const pc: WinePc = {
    prefix,
    env: wineEnv,
    linuxPath(windowsPath) {
      const match = /^([A-Za-z]):\\(.*)$/.exec(windowsPath);
      if (!match) throw new Error(`not a drive path: ${windowsPath}`);
      const drive = `drive_${match[1]!.toLowerCase()}`;
      return path.join(prefix, drive, ...match[2]!.split('\\').filter((p) => p !== ''));
    },
    run: (program, args, options = {}) =>
      wine([program, ...args], options.env ?? {}, options.timeoutMs ?? 120_000),
    start(program, args, extraEnv = {}) {
      runs += 1;
      const file = path.join(base, `output-${runs}.txt`);
      const fd = openSync(file, 'w');
      const child = spawn('wine', [program, ...args], {
        env: { ...wineEnv, ...extraEnv },
        cwd: base,
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const output = () => readFile(file, 'utf8');
      return {
        child,
        output,
        async waitFor(pattern, timeoutMs = 60_000) {
          const until = Date.now() + timeoutMs;
          for (;;) {
            const text = await output();
            const match = pattern.exec(text);
            if (match) return match;
            if (child.exitCode !== null || Date.now() > until) {
              throw new Error(`${program} did not print ${String(pattern)}:\n${text}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        },
      };
    },
    async kill() {
      const child = spawn('wineserver', ['-k'], { env: wineEnv, stdio: 'ignore' });
      await waitExit(child, 30_000);
      // wineserver -k returns before the processes are gone; -w waits for the server to end.
      const wait = spawn('wineserver', ['-w'], { env: wineEnv, stdio: 'ignore' });
      await waitExit(wait, 30_000);
    },
  };
  const boot = await wine(['wineboot', '-i'], {}, 180_000);
  if (boot.code !== 0) throw new Error(`wineboot failed (${boot.code}):\n${boot.output}`);
  const version = await wine(['winecfg', '-v', 'win10'], {}, 60_000);
  if (version.code !== 0) throw new Error(`winecfg failed (${version.code}):\n${version.output}`);
  return pc;
}
