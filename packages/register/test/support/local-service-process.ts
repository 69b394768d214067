/**
 * The register's local service as its own process, for tests that kill it (crash.test.ts):
 *
 *   node --conditions=source --import tsx local-service-process.ts <data folder> [--sync]
 *
 * Opens the data folder like `kassa start` does (buildLocalService: journal, settings, control
 * unit, printer), with `--sync` syncs once with the server first (cashiers and catalogue: the
 * first start needs it; a restart works from the copies in the folder, offline), listens on
 * 127.0.0.1 on a free port and prints one line `{"port":N}` on stdout when it is ready. The
 * environment (KASSA_HOME, KASSA_HARDWARE_ID, …) comes from the parent. Runs until killed.
 */
import { buildLocalService } from '../../src/local-service.js';

const folder = process.argv[2];
if (folder === undefined || folder === '') {
  process.stderr.write('usage: local-service-process.ts <data folder>\n');
  process.exit(2);
}

const app = await buildLocalService({
  folder,
  env: process.env,
  syncIntervalMs: 0,
  posWebDir: null,
  provisioningCandidates: [],
  controlUnitProbeMs: 0,
  logger: process.env.KASSA_TEST_LOG === '1',
});
if (process.argv.includes('--sync')) {
  const synced = await app.kassa.syncNow();
  if (synced === null || synced.failure !== null) {
    process.stderr.write(`sync failed: ${synced?.failure?.code ?? 'not connected'}\n`);
    process.exit(1);
  }
}
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port })}\n`);
