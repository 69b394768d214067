/**
 * Where the running program is and what it is: run from the TypeScript source (tsx), from the
 * esbuild bundle (`kassa-bundle/kassa.cjs`), or as a single executable (Node SEA). The build
 * replaces `__KASSA_VERSION__` and `__KASSA_BUNDLED__` (see scripts/build-register.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSea } from 'node:sea';
import { dataFolder } from '../folder/data-folder.js';

declare const __KASSA_VERSION__: string | undefined;
declare const __KASSA_BUNDLED__: boolean | undefined;

/** True inside the esbuild bundle (and so inside the single executable). */
const BUNDLED = typeof __KASSA_BUNDLED__ !== 'undefined' && __KASSA_BUNDLED__;

/** True when running as a Node single executable application. */
function runningAsSea(): boolean {
  try {
    return isSea();
  } catch {
    return false;
  }
}

function sourcePackageDir(): string | null {
  if (BUNDLED) return null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === '@kassa/register') return dir;
    }
    dir = path.dirname(dir);
  }
  return null;
}

/** The @kassa/register package folder (source runs only; null when bundled). */
const PACKAGE_DIR = sourcePackageDir();

/** The program version (package.json's, baked into the bundle). */
export const PROGRAM_VERSION: string =
  typeof __KASSA_VERSION__ !== 'undefined'
    ? __KASSA_VERSION__
    : PACKAGE_DIR
      ? (
          JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
            version: string;
          }
        ).version
      : '0.0.0';

/** The folder of the executable (SEA) or of the bundle file; null for source runs. */
function programDir(): string | null {
  if (runningAsSea()) return path.dirname(process.execPath);
  if (BUNDLED && process.argv[1]) return path.dirname(path.resolve(process.argv[1]));
  return null;
}

/** Where kassa-provisioning.json is looked for: beside the program, the working folder, the data folder. */
export function provisioningCandidates(cwd = process.cwd(), env = process.env): string[] {
  const dir = programDir();
  const name = 'kassa-provisioning.json';
  const list = dir ? [path.join(dir, name), path.join(dir, '..', name)] : [];
  list.push(path.join(cwd, name), path.join(dataFolder(env), name));
  return [...new Set(list.map((p) => path.resolve(p)))];
}

/** The built POS web app: KASSA_POS_WEB_DIR, beside the program, or the workspace build. */
function posWebCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const list: string[] = [];
  if (env.KASSA_POS_WEB_DIR) list.push(path.resolve(env.KASSA_POS_WEB_DIR));
  const dir = programDir();
  if (dir) list.push(path.join(dir, 'pos-web'), path.join(dir, 'kassa-bundle', 'pos-web'));
  if (PACKAGE_DIR) list.push(path.resolve(PACKAGE_DIR, '..', 'pos-web', 'dist'));
  return list;
}

/** The first candidate holding an index.html, or null when the POS web app is not built. */
export function findPosWebDir(env: NodeJS.ProcessEnv = process.env): string | null {
  return posWebCandidates(env).find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}
