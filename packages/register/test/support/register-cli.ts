/**
 * Running the register: in-process through runCli (fast, with captured output), or as a child
 * process from the TypeScript source (for what only a fresh process can do, e.g.
 * NODE_EXTRA_CA_CERTS, which Node reads at start-up).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { skvfsSchema, validateXml } from '@kassa/test-kit';
import { runCli, type Prompter } from '../../src/index.js';

export const REGISTER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(REGISTER_DIR, '../..');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr */
  output: string;
}

/** A simulated PC: its own data folder and hardware id. */
export interface Pc {
  home: string;
  hardwareId: string;
  name: string;
  env: NodeJS.ProcessEnv;
}

let pcCounter = 0;

export async function newPc(name = `TEST-PC-${++pcCounter}`, hardwareId = name): Promise<Pc> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'kassa-pc-'));
  const home = path.join(base, 'kassa');
  return {
    home,
    hardwareId,
    name,
    env: {
      ...process.env,
      KASSA_HOME: home,
      KASSA_HARDWARE_ID: hardwareId,
      KASSA_PC_NAME: name,
      KASSA_NO_BROWSER: '1',
    },
  };
}

/** A PC with the same hardware as `pc` but a fresh data folder (a reinstall after a disk crash). */
export async function reinstalled(pc: Pc): Promise<Pc> {
  return newPc(pc.name, pc.hardwareId);
}

/** Runs `kassa <args>` in-process. */
export async function kassa(
  pc: Pc,
  args: string[],
  options: { prompter?: Prompter | null; cwd?: string } = {},
): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: pc.env,
    cwd: options.cwd ?? pc.home,
    prompter: options.prompter ?? null,
  });
  const stdout = out.join('\n');
  const stderr = err.join('\n');
  return { code, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** Runs `kassa <args>` as a child process from the source (node --import tsx). */
export function kassaProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = REPO_ROOT,
): Promise<RunResult> {
  return runProcess(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(REGISTER_DIR, 'src', 'cli.ts'), ...args],
    env,
    cwd,
  );
}

export function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs = 90_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
}

/** A prompter that answers from a script and records what was asked and shown. */
export function scriptedPrompter(
  answers: string[],
): Prompter & { asked: string[]; shown: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const shown: string[] = [];
  const next = (label: string) => {
    asked.push(label);
    const answer = queue.shift();
    if (answer === undefined) throw new Error(`no scripted answer for "${label}"`);
    return Promise.resolve(answer);
  };
  return { asked, shown, ask: next, askHidden: next, say: (line) => shown.push(line) };
}

/**
 * `kassa export-journal` of one business day in a fresh folder: the XML file's text, after
 * checking that the command succeeded and that the file validates against the SKVFS 2021:16 XSD.
 */
export async function exportedJournalXml(pc: Pc, day: string): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'kassa-export-'));
  const run = await kassa(pc, ['export-journal', '--from', day, '--to', day], { cwd });
  expect(run.code, run.stderr).toBe(0);
  const file = (await readdir(cwd)).find((name) => name.endsWith('.xml'));
  expect(file).toBeDefined();
  const xml = path.join(cwd, file ?? '');
  expect(validateXml(xml, skvfsSchema()).status).toBe(0);
  return readFile(xml, 'utf8');
}
