#!/usr/bin/env node
/** Entry point of `kassa` (source, bundle and single executable alike). */
import './net/socket-keepalive.js';
import { runCli } from './cli/commands.js';
import { ttyPrompter } from './cli/prompts.js';

// A closed pipe (`kassa status | head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  prompter: ttyPrompter(),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `Kassa stötte på ett oväntat fel / unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
