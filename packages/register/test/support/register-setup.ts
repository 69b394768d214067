/**
 * A connected register's data folder, ready to sell, without a local service: a terminal, a
 * cashier with a PIN and a small catalogue on the (already running) server; a PC connected with
 * `kassa connect`; a control-unit simulator on a TCP socket; a printer file; settings.json
 * pointing at both. Whoever uses it starts the local service itself (in-process for the bench,
 * as a child process for the crash test). Free of vitest, so `npm run bench` can use it too.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ControlUnitSimulator, startControlUnitSimulator } from '../../src/index.js';
import { ADMIN_PASSWORD, type KassaServer } from './kassa-server.js';
import { kassa, newPc, type Pc } from './register-cli.js';

/** The products the set-up puts in the catalogue (whole kronor, so cash needs no rounding). */
export const SETUP_PRODUCTS = [
  { articleNumber: 'KAFFE', name: 'Bryggkaffe', priceOre: 3500, vatCategory: 'restaurant' },
  { articleNumber: 'BULLE', name: 'Kanelbulle', priceOre: 3000, vatCategory: 'food' },
  { articleNumber: 'MUGG', name: 'Kaffemugg Åre', priceOre: 14900, vatCategory: 'standard' },
] as const;

export interface PreparedRegister {
  pc: Pc;
  registerId: string;
  /** The cashier's user name and PIN. */
  cashier: { username: string; pin: string };
  simulator: ControlUnitSimulator;
  simulatorPort: number;
  printerFile: string;
}

let counter = 0;

/** Prepares a register; throws (with the command's output) when `kassa connect` fails. */
export async function prepareRegister(
  server: KassaServer,
  options: { prefix?: string } = {},
): Promise<PreparedRegister> {
  counter += 1;
  const registerId = `${options.prefix ?? 'P'}${counter}${Math.floor(Math.random() * 1000)}`;
  const terminalId = await server.admin.createTerminal(registerId, `Kassa ${registerId}`);
  const cashier = { username: `kassor${registerId.toLowerCase()}`, pin: '4711' };
  await server.admin.createUser(cashier.username, 'cashier', {
    pin: cashier.pin,
    terminalIds: [terminalId],
  });
  for (const product of SETUP_PRODUCTS) {
    await server.admin.call(
      'POST',
      '/api/products',
      {
        ...product,
        barcodes: [],
        kind: 'good',
        group: null,
        unit: 'piece',
      },
      [201, 200, 409],
    );
  }
  const pc = await newPc(`PC-${registerId}`);
  const run = await kassa(pc, [
    'connect',
    '--url',
    server.url,
    '--user',
    'admin',
    '--password',
    ADMIN_PASSWORD,
    '--terminal',
    registerId,
  ]);
  if (run.code !== 0) throw new Error(`kassa connect failed (${run.code}):\n${run.output}`);
  const { simulator, port } = await startControlUnitSimulator({ seed: `setup-${registerId}` });
  const printerFile = path.join(path.dirname(pc.home), 'skrivare.bin');
  await writeFile(printerFile, '');
  await writeFile(
    path.join(pc.home, 'settings.json'),
    JSON.stringify({
      controlUnit: `tcp://127.0.0.1:${port}`,
      printer: printerFile,
      swishPayee: '1231234567',
    }),
  );
  return { pc, registerId, cashier, simulator, simulatorPort: port, printerFile };
}
