/**
 * The register's Windows code paths run for real: a small bundle executed by the official
 * Windows node.exe under Wine — the node.exe that `npm run build:register` fetched into
 * .kassa-cache (or KASSA_WINE_NODE). Never skipped: CI installs Wine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'kassa-wine-'));
const prefix = process.env.KASSA_WINEPREFIX ?? path.join(tmpdir(), 'kassa-wine-prefix');

afterAll(() => rmSync(work, { recursive: true, force: true }));

const probe = `
import { execFileSync } from 'node:child_process';
import { printToDevice } from ${JSON.stringify(path.join(root, 'packages/register/src/printer/printers.ts'))};
import { parseMachineGuid, pcName } from ${JSON.stringify(path.join(root, 'packages/register/src/device/hardware.ts'))};
const out = {};
for (const target of ['\\\\\\\\NOSUCHPC\\\\Kvittoskrivare', 'C:\\\\users\\\\Åsa Öberg\\\\utskrift.bin']) {
  try { await printToDevice(Uint8Array.of(65), target); out[target] = 'ok'; }
  catch (e) { out[target] = e.code; }
}
const reg = execFileSync('reg', ['query', 'HKLM\\\\SOFTWARE\\\\Microsoft\\\\Cryptography', '/v', 'MachineGuid'], { encoding: 'utf8' });
out.guid = parseMachineGuid(reg);
out.pcName = pcName({ COMPUTERNAME: process.env.COMPUTERNAME });
console.log(JSON.stringify(out));
`;

describe('Windows code paths under Wine', () => {
  it('shares, a folder with åäö, MachineGuid and the PC name', { timeout: 300_000 }, async () => {
    const { windowsNodeExe } = (await import(
      path.join(root, 'packages/register/scripts/build-register.mjs')
    )) as { windowsNodeExe: () => Promise<string> };
    const nodeExe = process.env.KASSA_WINE_NODE ?? (await windowsNodeExe());
    writeFileSync(path.join(work, 'probe.ts'), probe);
    execFileSync(
      path.join(root, 'node_modules/.bin/esbuild'),
      [
        'probe.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--conditions=source',
        '--outfile=probe.mjs',
        '--log-level=error',
      ],
      { cwd: work },
    );
    const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
    if (!existsSync(path.join(prefix, 'system.reg'))) {
      spawnSync('wineboot', ['-i'], { env, stdio: 'ignore' });
      spawnSync('wine', ['winecfg', '-v', 'win10'], { env, stdio: 'ignore' });
    }
    execFileSync('mkdir', ['-p', path.join(prefix, 'drive_c/users/Åsa Öberg')]);
    // Wine's console wants stdout on a file, not a pipe.
    const outFile = path.join(work, 'out.txt');
    execFileSync('sh', ['-c', `wine "$0" probe.mjs > "$1" 2>&1`, nodeExe, outFile], {
      cwd: work,
      env,
    });
    const text = readFileSync(outFile, 'utf8');
    const result = JSON.parse(text.trim().split(/\r?\n/).pop() ?? '{}') as Record<string, string>;
    expect(result['\\\\NOSUCHPC\\Kvittoskrivare']).toBe('printer-path-not-found');
    expect(result['C:\\users\\Åsa Öberg\\utskrift.bin']).toBe('ok');
    expect(result.guid).toMatch(/^[0-9a-f-]{36}$/i);
    expect(result.pcName).not.toBe('');
  });
});
