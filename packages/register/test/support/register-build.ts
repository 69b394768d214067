/**
 * The register build (scripts/build-register.mjs, `npm run build:register`) for the suites that
 * test the shipped program: whether dist-bin/ is older than what goes into it, and running the
 * build. `npm test` builds once before the suites; a suite run alone builds when it must, so it
 * is never skipped.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { REGISTER_DIR, runProcess } from './register-cli.js';

export const BUILD_SCRIPT = path.join(REGISTER_DIR, 'scripts', 'build-register.mjs');
export const DIST_BIN = path.join(REGISTER_DIR, 'dist-bin');

/** Everything whose change changes the built program. */
const SOURCES = [
  path.join(REGISTER_DIR, 'src'),
  path.join(REGISTER_DIR, 'scripts'),
  path.join(REGISTER_DIR, 'installer'),
  path.join(REGISTER_DIR, '..', 'contracts', 'src'),
  path.join(REGISTER_DIR, '..', 'core', 'src'),
  path.join(REGISTER_DIR, '..', 'documents', 'src'),
];

async function newestIn(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? await newestIn(full) : (await stat(full)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when any of `files` is missing or older than the newest source. */
export async function buildIsStale(files: readonly string[]): Promise<boolean> {
  if (files.some((file) => !existsSync(file))) return true;
  const built = Math.min(...(await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs))));
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestIn))));
  return sources > built;
}

/** Runs the build (into dist-bin/, or `--out DIR` among `args`); throws with its output on failure. */
export async function buildRegister(
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const build = await runProcess(
    process.execPath,
    [BUILD_SCRIPT, ...args],
    env,
    REGISTER_DIR,
    600_000,
  );
  if (build.code !== 0) throw new Error(`build:register failed:\n${build.output}`);
}
