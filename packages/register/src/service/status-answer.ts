/**
 * GET /local/status (register-protocol.md): the register's lifecycle (lifecycle.ts) as the POS
 * shows it — connected or not, the terminal, the binding, the cashier, the problem that stops
 * selling, and, with an open journal, the control unit, business day, settings and upload.
 */
import type { LocalStatus } from '@kassa/contracts';
import { PROGRAM_VERSION } from '../program/program.js';
import type { SellingRuntime } from '../selling/runtime.js';
import type { UploadSlot } from '../sync/upload-slot.js';
import { connectionOf, problemOf, runtimeOf, type Lifecycle } from './lifecycle.js';

/** A clock that stops selling (engine.checkClock), as the status's problem. */
function clockProblemOf(open: SellingRuntime): NonNullable<LocalStatus['problem']> | null {
  const clock = open.engine.clockProblem();
  return clock === null ? null : { code: clock.code, sv: clock.sv, en: clock.en };
}

export function statusAnswer(
  lifecycle: Lifecycle<SellingRuntime>,
  uploads: UploadSlot,
): LocalStatus {
  const connection = connectionOf(lifecycle);
  if (connection === null) {
    const problem = lifecycle.phase === 'not-connected' ? lifecycle.problem : null;
    return {
      connected: false,
      binding: 'unknown',
      signedIn: null,
      problem: problem ? { code: problem.code, sv: problem.sv, en: problem.en } : null,
      lastContactAt: null,
      programVersion: PROGRAM_VERSION,
    };
  }
  const { installation, server, cashier } = connection;
  const { register } = installation;
  const runtime = runtimeOf(lifecycle);
  return {
    connected: true,
    environment: {
      slug: register.environment.slug,
      companyName: server.environment?.companyName ?? register.environment.companyName,
      url: register.url,
    },
    terminal: {
      id: register.terminal.id,
      name: server.terminal?.name ?? register.terminal.name,
      registerId: register.terminal.registerId,
      serialNumber: register.terminal.serialNumber,
    },
    binding: server.binding,
    signedIn: cashier,
    problem: problemOf(lifecycle, uploads.sellingStopper(), clockProblemOf),
    lastContactAt: server.lastContactAt,
    programVersion: PROGRAM_VERSION,
    ...(runtime === null
      ? {}
      : {
          controlUnit: runtime.engine.controlUnitState(),
          training: runtime.engine.training(),
          businessDay: runtime.engine.businessDay(),
          zPending: runtime.engine.zPending(),
          settings: runtime.settings(),
          upload: uploads.status(),
        }),
  };
}
