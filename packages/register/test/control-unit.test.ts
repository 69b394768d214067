/**
 * The control-unit transports against the simulator and misbehaving fake units, over real
 * sockets on 127.0.0.1 and a real FIFO pair (the serial-device transport).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  type ReceiptRegistration,
  computeCcspLrc,
  createCcspDecoder,
  encodeCcspFrame,
  encodeRegisterReceiptMessage,
} from '@kassa/core';
import { sampleReceiptRegistration } from '@kassa/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ControlUnitSimulator,
  INITIAL_SIMULATOR_STATE,
  SIMULATOR_NOTICE_ASCII,
  type SimulatorState,
  answerSimulatorRequest,
  createSerialControlUnitDriver,
  createTcpControlUnitDriver,
  openControlUnitDriver,
  simulatorControlCode,
  simulatorSerialNumber,
  startControlUnitSimulator,
  type CcspControlUnitDriver,
} from '../src/control-unit/index.js';

const receipt = sampleReceiptRegistration();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(seed = 'test-seed'): Promise<{
  sim: ControlUnitSimulator;
  driver: CcspControlUnitDriver;
}> {
  const { simulator: sim, host, port } = await startControlUnitSimulator({ seed });
  const driver = createTcpControlUnitDriver({ host, port, replyTimeoutMs: 300 });
  cleanups.push(
    () => sim.stop(),
    () => driver.close(),
  );
  return { sim, driver };
}

function frame(message: string): string {
  const framed = encodeCcspFrame(message);
  if (!framed.ok) throw new Error(framed.code);
  return framed.value;
}

function rrMessage(seq: number, r: ReceiptRegistration = receipt): string {
  const message = encodeRegisterReceiptMessage(r, seq);
  if (!message.ok) throw new Error(message.code);
  return message.value;
}

/** A fake unit on 127.0.0.1 that calls `onRequest` for every decoded request message. */
async function fakeUnit(
  onRequest: (message: string, socket: net.Socket, index: number) => void,
): Promise<{ port: number; requests: string[] }> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const decoder = createCcspDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (event.ok) {
          requests.push(event.value);
          onRequest(event.value, socket, requests.length - 1);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address() as net.AddressInfo;
  return { port: address.port, requests };
}

function tcpDriver(port: number, replyTimeoutMs = 300): CcspControlUnitDriver {
  const driver = createTcpControlUnitDriver({ host: '127.0.0.1', port, replyTimeoutMs });
  cleanups.push(() => driver.close());
  return driver;
}

describe('TCP driver against the simulator', () => {
  it('registers a receipt and gets a deterministic control code and a SIM- serial', async () => {
    const { sim, driver } = await simulator();
    const registered = await driver.registerReceipt(receipt);
    expect(registered).toEqual({
      ok: true,
      value: {
        controlCode: simulatorControlCode('test-seed', rrMessage(1)),
        unitSerialNumber: simulatorSerialNumber('test-seed'),
        mainStatus: { code: '0', meaning: 'ok' },
        storageStatus: { code: '0', meaning: 'ok' },
      },
    });
    if (!registered.ok) return;
    expect(registered.value.controlCode).toMatch(/^[0-9A-F]{59}$/);
    expect(registered.value.unitSerialNumber).toMatch(/^SIM-.{13}$/);

    const second = await driver.registerReceipt({ ...receipt, receiptNumber: 124 });
    expect(second.ok).toBe(true);
    expect(sim.registeredReceipts).toBe(2);
    expect(sim.exchanges.map((e) => e.request.split('#').slice(0, 2).join('#'))).toEqual([
      'RR#1',
      'RR#2',
    ]);
    // The exact field format of the regulation went over the wire.
    expect(sim.exchanges[0]?.request).toBe(
      'RR#1#202604111432#123#K1#5566778899#105,00#0,00#normal# #12,00;3,75#6,00;3,96# ',
    );
  });

  it('reports identity and status saying the unit is simulated and not certified', async () => {
    const { driver } = await simulator();
    const identity = await driver.identity();
    expect(identity).toEqual({
      ok: true,
      value: {
        unitSerialNumber: simulatorSerialNumber('test-seed'),
        protocolVersion: '2',
        firmwareVersion: SIMULATOR_NOTICE_ASCII,
      },
    });
    const status = await driver.status();
    expect(status.ok && status.value.mainStatus.meaning).toBe('ok');
    expect(status.ok && status.value.details.join(' ')).toContain(
      'SIMULERAD KONTROLLENHET - EJ CERTIFIERAD',
    );
  });

  it('refuses an invalid registration before sending anything', async () => {
    const { sim, driver } = await simulator();
    const result = await driver.registerReceipt({ ...receipt, organisationNumber: '123' });
    expect(result).toMatchObject({ ok: false, code: 'control-unit-invalid-organisation-number' });
    expect(sim.exchanges).toHaveLength(0);
  });

  it('returns a timeout when the unit goes silent, and recovers (resynchronising on NAK 011)', async () => {
    const { sim, driver } = await simulator();
    expect((await driver.registerReceipt(receipt)).ok).toBe(true); // seq 1
    sim.setMode('silent');
    const silent = await driver.registerReceipt({ ...receipt, receiptNumber: 124 }); // seq 2, lost
    expect(silent).toEqual({ ok: false, code: 'control-unit-timeout', afterMs: 300 });
    sim.setMode('normal');
    // seq 3 is refused (the unit last accepted 1): the driver restarts at 1 and resends once.
    const recovered = await driver.registerReceipt({ ...receipt, receiptNumber: 124 });
    expect(recovered.ok).toBe(true);
    expect(sim.exchanges.map((e) => e.reply?.slice(0, 7))).toEqual([
      'RRR#' + simulatorControlCode('test-seed', rrMessage(1)).slice(0, 3),
      undefined,
      'NAK#011',
      expect.stringMatching(/^RRR#/),
    ]);
    expect(sim.exchanges[3]?.request.startsWith('RR#1#')).toBe(true);
    expect(driver.nextSequenceNumber).toBe(2);
  });

  it('returns NAK 006 (not operational) without retrying', async () => {
    const { sim, driver } = await simulator();
    sim.setMode('not-operational');
    expect(await driver.registerReceipt(receipt)).toEqual({
      ok: false,
      code: 'control-unit-nak',
      nakCode: '006',
      reason: 'not-operational',
      retryable: false,
    });
    expect(await driver.status()).toMatchObject({ ok: false, nakCode: '006' });
    expect(sim.exchanges).toHaveLength(2);
  });

  it('returns a timeout when the unit answers later than the reply timeout', async () => {
    const { sim, driver } = await simulator();
    sim.setDelay(500);
    expect(await driver.status()).toMatchObject({ ok: false, code: 'control-unit-timeout' });
    sim.setDelay(0);
    // The late reply of the first request is never taken as the answer to the next one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const identity = await driver.identity();
    expect(identity.ok && identity.value.unitSerialNumber).toBe(simulatorSerialNumber('test-seed'));
  });

  it('sends one request at a time under concurrent calls', async () => {
    const { sim, driver } = await simulator();
    sim.setDelay(25);
    const results = await Promise.all([
      driver.registerReceipt(receipt),
      driver.status(),
      driver.registerReceipt({ ...receipt, receiptNumber: 124 }),
      driver.identity(),
      driver.registerReceipt({ ...receipt, receiptNumber: 125 }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const log = sim.exchanges;
    expect(log.map((e) => e.request.split('#').slice(0, 2).join('#'))).toEqual([
      'RR#1',
      'SIQ',
      'RR#2',
      'IQ',
      'RR#3',
    ]);
    for (let i = 1; i < log.length; i += 1) {
      expect(log[i]!.receivedAt).toBeGreaterThanOrEqual(log[i - 1]!.answeredAt!);
    }
  });

  it('is unreachable (not thrown) when the simulator is stopped: connection refused', async () => {
    const { sim, driver } = await simulator();
    await sim.stop();
    const result = await driver.registerReceipt(receipt);
    expect(result).toMatchObject({ ok: false, code: 'control-unit-unreachable' });
    expect(!result.ok && 'detail' in result && result.detail).toContain('ECONNREFUSED');
  });
});

describe('TCP driver against misbehaving units', () => {
  it('returns a decode error for a reply with a bad LRC', async () => {
    const { port } = await fakeUnit((_message, socket) => {
      const good = frame('SIR#0');
      socket.write(`${good.slice(0, -3)}00\r`);
    });
    expect(await tcpDriver(port).status()).toMatchObject({ ok: false, code: 'ccsp-bad-lrc' });
  });

  it('skips garbage before a good frame, even split across chunks', async () => {
    const { port } = await fakeUnit((_message, socket) => {
      const good = frame('SIR#0#ok');
      socket.write(`\x00noise\r\n${good.slice(0, 5)}`);
      setTimeout(() => socket.write(good.slice(5)), 20);
    });
    const status = await tcpDriver(port).status();
    expect(status).toEqual({
      ok: true,
      value: { mainStatus: { code: '0', meaning: 'ok' }, details: ['ok'] },
    });
  });

  it('retries a retryable NAK (001) a bounded number of times', async () => {
    const { port, requests } = await fakeUnit((_message, socket) => {
      socket.write(frame('NAK#001'));
    });
    const result = await tcpDriver(port).registerReceipt(receipt);
    expect(result).toMatchObject({ ok: false, code: 'control-unit-nak', nakCode: '001' });
    expect(requests.map((r) => r.slice(0, 5))).toEqual(['RR#1#', 'RR#2#']);
  });

  it('reports an incomplete frame when the reply timeout fires inside it', async () => {
    const { port } = await fakeUnit((_message, socket) => {
      socket.write(frame('SIR#0').slice(0, 9));
    });
    expect(await tcpDriver(port, 150).status()).toMatchObject({
      ok: false,
      code: 'ccsp-incomplete-frame',
    });
  });

  it('is unreachable when the unit hangs up during a request, and reconnects after', async () => {
    const { port } = await fakeUnit((_message, socket, index) => {
      if (index === 0) socket.destroy();
      else socket.write(frame('SIR#0'));
    });
    const driver = tcpDriver(port);
    expect(await driver.status()).toMatchObject({ ok: false, code: 'control-unit-unreachable' });
    expect((await driver.status()).ok).toBe(true);
  });

  it('refuses a bad LRC from the register with NAK 001 (simulator)', async () => {
    const { simulator: sim, port } = await startControlUnitSimulator();
    cleanups.push(() => sim.stop());
    const socket = net.connect(port, '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    const covered = '#!#00E#SIQ#';
    expect(computeCcspLrc(covered)).toBe('2F');
    const reply = await new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
      socket.write(`${covered}30\r`);
    });
    expect(reply).toBe(frame('NAK#001'));
  });
});

describe('serial-device transport over a FIFO pair', () => {
  async function fifoPair(): Promise<{ toUnit: string; fromUnit: string }> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-cu-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const toUnit = path.join(dir, 'to-unit');
    const fromUnit = path.join(dir, 'from-unit');
    execFileSync('mkfifo', [toUnit, fromUnit]);
    return { toUnit, fromUnit };
  }

  /** A simulated unit on the other end of the FIFOs, using the simulator's answers. */
  function fifoUnit(toUnit: string, fromUnit: string, silent = false): void {
    const flags = fs.constants.O_RDWR | fs.constants.O_NONBLOCK;
    const input = new net.Socket({ fd: fs.openSync(toUnit, flags), readable: true });
    const outputFd = fs.openSync(fromUnit, flags);
    cleanups.push(() => {
      input.destroy();
      fs.closeSync(outputFd);
    });
    const decoder = createCcspDecoder();
    let state: SimulatorState = INITIAL_SIMULATOR_STATE;
    const config = { seed: 'fifo', serialNumber: simulatorSerialNumber('fifo') };
    input.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (!event.ok || silent) continue;
        const step = answerSimulatorRequest(event.value, state, config);
        state = step.state;
        if (step.reply !== undefined) fs.writeSync(outputFd, frame(step.reply));
      }
    });
  }

  it('registers a receipt through the device paths', async () => {
    const { toUnit, fromUnit } = await fifoPair();
    fifoUnit(toUnit, fromUnit);
    const driver = createSerialControlUnitDriver({
      path: fromUnit,
      writePath: toUnit,
      replyTimeoutMs: 1_000,
    });
    cleanups.push(() => driver.close());
    const registered = await driver.registerReceipt(receipt);
    expect(registered).toMatchObject({
      ok: true,
      value: {
        controlCode: simulatorControlCode('fifo', rrMessage(1)),
        unitSerialNumber: simulatorSerialNumber('fifo'),
      },
    });
    const identity = await driver.identity();
    expect(identity.ok && identity.value.unitSerialNumber).toMatch(/^SIM-/);
  });

  it('returns a timeout when nothing answers on the device', async () => {
    const { toUnit, fromUnit } = await fifoPair();
    fifoUnit(toUnit, fromUnit, true);
    const driver = createSerialControlUnitDriver({
      path: fromUnit,
      writePath: toUnit,
      replyTimeoutMs: 150,
    });
    cleanups.push(() => driver.close());
    expect(await driver.status()).toEqual({
      ok: false,
      code: 'control-unit-timeout',
      afterMs: 150,
    });
  });

  it('is unreachable when the device does not exist', async () => {
    const opened = openControlUnitDriver('/dev/kassa-no-such-device');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const result = await opened.value.status();
    expect(result).toMatchObject({ ok: false, code: 'control-unit-unreachable' });
    expect(!result.ok && 'detail' in result && result.detail).toContain('ENOENT');
  });
});

// A unit on the master side of a real pseudo-terminal (Python's pty module: Node has no
// openpty). It answers every frame with SIR#0. Skipped where python3 is missing.
const PTY_UNIT = `
import os, pty, sys, tty
m, s = pty.openpty()
tty.setraw(s)
print(os.ttyname(s), flush=True)
buf = b''
while True:
    buf += os.read(m, 256)
    if buf.endswith(b'\\r'):
        os.write(m, sys.argv[1].encode('ascii'))
        buf = b''
`;

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import pty']);
    return true;
  } catch {
    return false;
  }
}

describe('serial-device transport on a pseudo-terminal', () => {
  it.skipIf(!hasPython())('reads replies through the tty path', async () => {
    const child = spawn('python3', ['-c', PTY_UNIT, frame('SIR#0#tty')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => void child.kill());
    const lines = readline.createInterface({ input: child.stdout });
    const device = await new Promise<string>((resolve) => lines.once('line', resolve));
    const driver = createSerialControlUnitDriver({ path: device, replyTimeoutMs: 1_000 });
    cleanups.push(() => driver.close());
    const first = await driver.status();
    expect(first).toEqual({
      ok: true,
      value: { mainStatus: { code: '0', meaning: 'ok' }, details: ['tty'] },
    });
    expect((await driver.status()).ok).toBe(true);
  });
});
