/**
 * `ControlUnitSimulator`: a simulated control unit speaking CCSP frames over TCP on 127.0.0.1,
 * for training and tests. It is NOT certified; see `simulator-protocol.ts` for what it answers
 * and how it says so. Reach it with `createTcpControlUnitDriver({ host, port })`.
 *
 * Test hooks: `setMode('silent')` (reads, never answers: the register sees a timeout),
 * `setMode('lost-answer')` (registers each receipt, never answers it), `setMode('die')`
 * (registers each receipt, then drops the connection unanswered), `setMode('not-operational')`
 * (answers NAK 006), `setMalformedAnswer({ controlCode, serialNumber })` (answers receipts with
 * these field values, after registering them), `setDelay(ms)` (waits before each reply),
 * `exchanges` (every request with the times it was received and answered) and `signed` (every
 * receipt it registered, with its content). `stop()` closes the port (the register then sees
 * "connection refused").
 */
import net from 'node:net';
import { createCcspDecoder, encodeCcspFrame } from '@kassa/core';
import {
  INITIAL_SIMULATOR_STATE,
  NAK_INVALID_LRC,
  SIMULATOR_NOTICE,
  type SignedReceipt,
  type SimulatorMode,
  type SimulatorState,
  answerSimulatorRequest,
  simulatorSerialNumber,
} from './simulator-protocol.js';

/** Options of a simulator. */
export interface ControlUnitSimulatorOptions {
  /** Seed of the serial number and control codes (default 'kassa-simulator'). */
  readonly seed?: string;
  /** Serial number; must start with "SIM-" (default derived from the seed). */
  readonly serialNumber?: string;
  /** Kassabeteckningar registered in the unit; absent: any valid one. */
  readonly registerIds?: readonly string[];
}

/** One request the simulator received. */
export interface SimulatorExchange {
  /** The request message, or the failure code of a broken frame. */
  readonly request: string;
  readonly reply: string | undefined;
  readonly receivedAt: number;
  readonly answeredAt: number | undefined;
}

/** A simulated, uncertified control unit on a local TCP port. */
export class ControlUnitSimulator {
  readonly seed: string;
  readonly serialNumber: string;
  readonly notice = SIMULATOR_NOTICE;
  private readonly registerIds: readonly string[] | undefined;
  private readonly server = net.createServer((socket) => this.serve(socket));
  private readonly sockets = new Set<net.Socket>();
  private state: SimulatorState = INITIAL_SIMULATOR_STATE;
  private mode: SimulatorMode = 'normal';
  private delayMs = 0;
  private malformed: { controlCode?: string; serialNumber?: string } | null = null;
  private readonly log: SimulatorExchange[] = [];

  constructor(options: ControlUnitSimulatorOptions = {}) {
    this.seed = options.seed ?? 'kassa-simulator';
    this.serialNumber = options.serialNumber ?? simulatorSerialNumber(this.seed);
    if (!this.serialNumber.startsWith('SIM-')) {
      throw new RangeError('a simulator serial number must start with "SIM-"');
    }
    this.registerIds = options.registerIds;
  }

  /** Starts listening (default 127.0.0.1, port 0 = any free port); returns the address. */
  async start(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.address();
  }

  /** The listening address. */
  address(): { host: string; port: number } {
    const address = this.server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('the simulator is not listening');
    }
    return { host: address.address, port: address.port };
  }

  /** Closes the port and every connection. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** 'normal', 'silent', 'lost-answer', 'die' or 'not-operational' (see SimulatorMode). */
  setMode(mode: SimulatorMode): void {
    this.mode = mode;
  }

  /** Answers each registered receipt with these field values instead (null: normal answers). */
  setMalformedAnswer(fields: { controlCode?: string; serialNumber?: string } | null): void {
    this.malformed = fields;
  }

  /** Every receipt registered so far, in order, with the data stored under its number. */
  get signed(): readonly SignedReceipt[] {
    return this.state.signed ?? [];
  }

  /** Waits `ms` before each reply. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Every request so far, in order. */
  get exchanges(): readonly SimulatorExchange[] {
    return this.log;
  }

  /** Receipts registered so far. */
  get registeredReceipts(): number {
    return this.state.registeredReceipts;
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    // One small reply per request: sent at once, as the register's side of the link does.
    socket.setNoDelay(true);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = createCcspDecoder();
    // Requests on one connection are answered in order, one at a time.
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (!event.ok && event.code === 'ccsp-garbage') continue;
        chain = chain.then(() =>
          this.answer(socket, event.ok ? event.value : undefined, event.ok ? '' : event.code),
        );
      }
    });
  }

  private async answer(
    socket: net.Socket,
    message: string | undefined,
    failure: string,
  ): Promise<void> {
    const receivedAt = Date.now();
    let reply: string | undefined;
    if (message === undefined) {
      reply = this.mode === 'silent' ? undefined : NAK_INVALID_LRC;
    } else {
      const step = answerSimulatorRequest(
        message,
        this.state,
        { seed: this.seed, serialNumber: this.serialNumber, registerIds: this.registerIds },
        this.mode,
      );
      this.state = step.state;
      reply = step.reply;
      if (reply?.startsWith('RRR#') === true && this.malformed !== null) {
        const [type, code, serial, ...rest] = reply.split('#');
        reply = [
          type,
          this.malformed.controlCode ?? code,
          this.malformed.serialNumber ?? serial,
          ...rest,
        ].join('#');
      }
      if (this.mode === 'die' && message.startsWith('RR#')) {
        // Registered, then the unit goes away before it answers.
        this.log.push({ request: message, reply: undefined, receivedAt, answeredAt: undefined });
        socket.destroy();
        return;
      }
    }
    if (reply !== undefined && this.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    }
    const entry = { request: message ?? failure, reply, receivedAt };
    if (reply === undefined || socket.destroyed) {
      this.log.push({ ...entry, answeredAt: undefined });
      return;
    }
    const frame = encodeCcspFrame(reply);
    if (frame.ok) socket.write(frame.value);
    this.log.push({ ...entry, answeredAt: Date.now() });
  }
}

/** Options of `startControlUnitSimulator` (for a future `kassa simulator` command). */
export interface StartSimulatorOptions extends ControlUnitSimulatorOptions {
  readonly port?: number;
  readonly host?: string;
}

/**
 * Starts a simulator and returns it with its address, ready for
 * `createTcpControlUnitDriver`. Binds to 127.0.0.1 unless told otherwise.
 */
export async function startControlUnitSimulator(
  options: StartSimulatorOptions = {},
): Promise<{ simulator: ControlUnitSimulator; host: string; port: number }> {
  const simulator = new ControlUnitSimulator(options);
  const address = await simulator.start(options.port ?? 0, options.host ?? '127.0.0.1');
  return { simulator, ...address };
}
