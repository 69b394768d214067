#!/usr/bin/env node
// `npm run build:register`: builds the register program for installer downloads.
//
//   packages/register/dist-bin/
//     kassa-bundle/kassa.cjs   one CommonJS file (esbuild) for Node 20 on any OS
//     kassa-bundle/kassa       launcher (sh), kassa.cmd (Windows), pos-web/ (the POS web app),
//                              LASMIG.txt
//     kassa                    Linux single executable (Node SEA: node + the bundle, via postject)
//
// Options: --skip-sea (bundle only), --no-strip (keep the node binary's symbols; stripping
// saves ~20 MB and is only done when `strip` exists).
//
// The SEA main script must be CommonJS, so the bundle is CommonJS; `import.meta.url` (used by
// source runs only) is defined from __filename. scripts/build-register-windows.mjs reuses
// bundle() and makeSeaBlob() to build kassa.exe from a Windows node.exe.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_BIN = path.join(PACKAGE_DIR, 'dist-bin');
export const BUNDLE_DIR = path.join(DIST_BIN, 'kassa-bundle');
export const POS_WEB_DIST = path.resolve(PACKAGE_DIR, '..', 'pos-web', 'dist');
/** The fuse Node looks for in its binary to know a SEA blob was injected (Node 20). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** @param {string} text */
function log(text) {
  process.stdout.write(`[build:register] ${text}\n`);
}

/** @returns {Promise<string>} */
async function programVersion() {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
  return pkg.version;
}

/**
 * Bundles src/cli.ts into kassa-bundle/kassa.cjs and puts the launchers, the POS web app and
 * LASMIG.txt beside it.
 * @returns {Promise<{ bundleFile: string, posWeb: boolean }>}
 */
export const SQLITE_ADDON_FILE = 'better_sqlite3.node';

/** The compiled better-sqlite3 addon of this machine (node_modules). */
export function sqliteAddon() {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('better-sqlite3/package.json');
  return path.join(path.dirname(packageJson), 'build', 'Release', SQLITE_ADDON_FILE);
}

export async function bundle() {
  const esbuild = await import('esbuild');
  const version = await programVersion();
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  await mkdir(BUNDLE_DIR, { recursive: true });
  const bundleFile = path.join(BUNDLE_DIR, 'kassa.cjs');
  await esbuild.build({
    entryPoints: [path.join(PACKAGE_DIR, 'src', 'cli.ts')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Workspace packages (@kassa/contracts) are bundled from their TypeScript source.
    conditions: ['source'],
    mainFields: ['module', 'main'],
    define: {
      __KASSA_VERSION__: JSON.stringify(version),
      __KASSA_BUNDLED__: 'true',
      'import.meta.url': '__kassa_import_meta_url',
    },
    banner: {
      js: [
        `// Kassa register program ${version} (bundle). Run: node kassa.cjs --help`,
        "var __kassa_import_meta_url = require('node:url').pathToFileURL(__filename).href;",
      ].join('\n'),
    },
    legalComments: 'eof',
    logLevel: 'warning',
  });

  await writeFile(
    path.join(BUNDLE_DIR, 'kassa'),
    '#!/bin/sh\n# Kassa: runs the register program with Node 20 or later.\nexec node "$(dirname "$0")/kassa.cjs" "$@"\n',
  );
  await chmod(path.join(BUNDLE_DIR, 'kassa'), 0o755);
  await writeFile(
    path.join(BUNDLE_DIR, 'kassa.cmd'),
    '@echo off\r\nrem Kassa: runs the register program with Node 20 or later.\r\nnode "%~dp0kassa.cjs" %*\r\n',
  );
  await copyFile(path.join(PACKAGE_DIR, 'LASMIG.txt'), path.join(BUNDLE_DIR, 'LASMIG.txt'));
  // The journal's SQLite addon cannot be bundled: it ships beside kassa.cjs (and the executable).
  await copyFile(sqliteAddon(), path.join(BUNDLE_DIR, SQLITE_ADDON_FILE));

  const posWeb = existsSync(path.join(POS_WEB_DIST, 'index.html'));
  if (posWeb) {
    await cp(POS_WEB_DIST, path.join(BUNDLE_DIR, 'pos-web'), { recursive: true });
  } else {
    log(
      `note: ${POS_WEB_DIST} is not built; the program will show a "not built" page. ` +
        'Run `npm run build -w @kassa/pos-web` first to include the POS web app.',
    );
  }
  log(`bundle: ${path.relative(process.cwd(), bundleFile)}${posWeb ? ' (+ pos-web)' : ''}`);
  return { bundleFile, posWeb };
}

/**
 * Makes the SEA preparation blob of the bundle with `node --experimental-sea-config`. The blob
 * must be made by the same Node version as the binary it goes into.
 * @param {string} bundleFile
 * @param {string} workDir
 * @param {string} [nodeBinary] the node that makes the blob (default: this one)
 * @returns {Promise<string>} the blob file
 */
export async function makeSeaBlob(bundleFile, workDir, nodeBinary = process.execPath) {
  await mkdir(workDir, { recursive: true });
  // The SEA main script is compiled as CommonJS: no hashbang line.
  const main = path.join(workDir, 'sea-main.cjs');
  const source = await readFile(bundleFile, 'utf8');
  await writeFile(main, source.replace(/^#![^\n]*\n/, ''));
  const blob = path.join(workDir, 'sea-prep.blob');
  const config = path.join(workDir, 'sea-config.json');
  await writeFile(
    config,
    JSON.stringify(
      {
        main,
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
      },
      null,
      2,
    ),
  );
  execFileSync(nodeBinary, ['--experimental-sea-config', config], { stdio: 'inherit' });
  return blob;
}

/**
 * Copies a node binary to `target` and injects the blob (postject).
 * `prepare` runs on the copy before injecting (e.g. removing a Windows signature).
 * @param {{ nodeBinary: string, blob: string, target: string, strip?: boolean, macho?: boolean, prepare?: (file: string) => void }} options
 */
export async function injectSea({
  nodeBinary,
  blob,
  target,
  strip = false,
  macho = false,
  prepare,
}) {
  await rm(target, { force: true });
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(nodeBinary, target);
  await chmod(target, 0o755);
  prepare?.(target);
  if (strip) {
    try {
      execFileSync('strip', [target], { stdio: ['ignore', 'inherit', 'ignore'] });
    } catch {
      log('note: `strip` failed or is missing; the executable keeps its symbols');
    }
  }
  const { inject } = require('postject');
  await inject(target, 'NODE_SEA_BLOB', await readFile(blob), {
    sentinelFuse: SEA_FUSE,
    ...(macho ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const { bundleFile } = await bundle();
  if (args.has('--skip-sea')) return;
  if (process.platform !== 'linux') {
    log(
      `note: the single executable is built on Linux only (this is ${process.platform}); bundle done`,
    );
    return;
  }
  const work = path.join(DIST_BIN, '.sea');
  const blob = await makeSeaBlob(bundleFile, work);
  const target = path.join(DIST_BIN, 'kassa');
  const strip = !args.has('--no-strip') && existsSync('/usr/bin/strip');
  await injectSea({ nodeBinary: process.execPath, blob, target, strip });
  await copyFile(sqliteAddon(), path.join(DIST_BIN, SQLITE_ADDON_FILE));
  await rm(work, { recursive: true, force: true });
  const version = execFileSync(target, ['--version'], { encoding: 'utf8' }).trim();
  log(
    `executable: ${path.relative(process.cwd(), target)} (kassa ${version}, Node ${process.version})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(
      `[build:register] failed: ${error instanceof Error ? error.stack : error}\n`,
    );
    process.exitCode = 1;
  });
}
