// Playwright's web server: the built Kassa server on a fresh, throw-away data directory, which is
// deleted again when the server stops (each run's PGlite directory is ~40 MB).
//
// Playwright stops it by signalling the whole process group, so the server gets the signal
// itself; the signal is passed on only if the server is still running a little later (for
// example when just this process was killed).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-e2e-'));
const server = spawn(process.execPath, ['packages/server/dist/src/main.js'], {
  stdio: 'inherit',
  env: { ...process.env, KASSA_DATA_DIR: dataDir },
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    setTimeout(() => {
      if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    }, 2_000).unref();
  });
}

server.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal === null ? 0 : 1));
});
