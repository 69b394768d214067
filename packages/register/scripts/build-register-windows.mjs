#!/usr/bin/env node
// Builds the Windows single executable `kassa.exe` from a Windows `node.exe`, the same way as the
// Linux one (esbuild bundle → SEA blob → postject). A Windows node.exe cannot be downloaded on the
// build machines here, so this is run by hand (see packages/register/README.md):
//
//   node packages/register/scripts/build-register-windows.mjs C:\path\to\node.exe [--out DIR]
//
// - node.exe must be Node 20 of the SAME version as the node running this script (the SEA blob
//   format is tied to the version). On Windows the blob is made by node.exe itself; on another OS
//   by this node, after checking the version printed in node.exe's file name/folder if possible.
// - node.exe from nodejs.org is Authenticode-signed; injecting invalidates that signature. On
//   Windows, `signtool remove /s kassa.exe` is run first when signtool is on PATH (optional), and
//   the result should be signed again with the shop's or Kassa's certificate if available.
//   Without a signature SmartScreen warns ("Mer information" → "Kör ändå"), as LASMIG.txt says.
//
// Output: DIR/kassa.exe (default packages/register/dist-bin/kassa.exe) and the bundle in
// dist-bin/kassa-bundle/ (with kassa.cmd for machines that have Node 20 installed).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DIST_BIN, bundle, injectSea, makeSeaBlob } from './build-register.mjs';

/** @param {string} text */
function log(text) {
  process.stdout.write(`[build:register:windows] ${text}\n`);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  const nodeExe = positionals[0];
  if (!nodeExe || !existsSync(nodeExe)) {
    process.stderr.write(
      'Usage: node packages/register/scripts/build-register-windows.mjs <path to Windows node.exe> [--out DIR]\n' +
        `The node.exe must be Node ${process.version} for Windows x64 (from https://nodejs.org/dist/${process.version}/win-x64/node.exe).\n`,
    );
    process.exitCode = 2;
    return;
  }
  const outDir = path.resolve(values.out ?? DIST_BIN);
  const target = path.join(outDir, 'kassa.exe');

  if (process.platform === 'win32') {
    const theirs = execFileSync(nodeExe, ['--version'], { encoding: 'utf8' }).trim();
    if (theirs !== process.version) {
      throw new Error(
        `node.exe is ${theirs}, but this script runs on ${process.version}: use the same version`,
      );
    }
  } else {
    log(
      `note: cannot run node.exe here; make sure it is ${process.version} (the SEA blob is made by this node)`,
    );
  }

  const { bundleFile } = await bundle();
  const work = path.join(outDir, '.sea-windows');
  const blob = await makeSeaBlob(
    bundleFile,
    work,
    process.platform === 'win32' ? nodeExe : process.execPath,
  );
  await injectSea({
    nodeBinary: nodeExe,
    blob,
    target,
    strip: false,
    // Node's documentation: remove node.exe's signature before injecting (optional).
    prepare: (file) => {
      if (process.platform !== 'win32') return;
      try {
        execFileSync('signtool', ['remove', '/s', file], { stdio: 'inherit' });
      } catch {
        log('note: signtool not found; the copied signature becomes invalid when injecting');
      }
    },
  });
  if (process.platform === 'win32') {
    const version = execFileSync(target, ['--version'], { encoding: 'utf8' }).trim();
    log(`kassa.exe runs: kassa ${version}`);
  }
  await rm(work, { recursive: true, force: true });
  log(`executable: ${target}`);
}

main().catch((error) => {
  process.stderr.write(
    `[build:register:windows] failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
