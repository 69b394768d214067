/**
 * One sync with the server: GET /api/register/me (cashiers for offline sign-in, terminal and
 * environment details, server time) and POST /api/register/heartbeat (last contact, version,
 * the upload backlog with the age of its oldest entry, the control unit's state). The outcome
 * is written to state.json and cashiers.json, so the register knows the last state when
 * offline. `binding-removed` marks the binding removed: the register then
 * refuses to sign in or sell until it is connected again.
 */
import path from 'node:path';
import { registerMessage } from '@kassa/contracts';
import type { Failure } from './failure.js';
import { writeCashiers } from './cashiers.js';
import { FILES } from './data-folder.js';
import { clockOffset, fetchMe, sendHeartbeat } from './device-client.js';
import type { Installation } from './installation.js';
import { PROGRAM_VERSION } from './program.js';
import { readState, writeState, type RegisterState } from './state.js';
import { readUploadBacklog } from './sync/upload-mark.js';
import type { HeartbeatBacklog } from './sync/upload-slot.js';

export interface SyncResult {
  /** The server answered (even with a refusal). */
  online: boolean;
  /** Why the sync did not fully work, if it did not. */
  failure: Failure | null;
  state: RegisterState;
}

export interface SyncOptions {
  /** Also send the heartbeat (the service does; `kassa status` only asks). */
  heartbeat: boolean;
  now?: () => Date;
  /**
   * The backlog and control unit for the heartbeat, from the running service's open journal;
   * absent or null: the backlog is read from the journal file.
   */
  backlog?: () => HeartbeatBacklog | null;
}

/** The heartbeat's backlog read from the journal file (no journal: nothing pending). */
function backlogFromFile(folder: string): HeartbeatBacklog {
  const read = readUploadBacklog(path.join(folder, FILES.journal));
  if (!read.ok) return { unsyncedEntries: 0, oldestUnsyncedAt: null };
  return {
    unsyncedEntries: read.value?.pending ?? 0,
    oldestUnsyncedAt: read.value?.oldestPendingAt ?? null,
  };
}

const NETWORK_CODES = new Set(['server-unreachable', 'tls-failed']);

function problemOf(failure: Failure): RegisterState['problem'] {
  return { code: failure.code, sv: failure.sv, en: failure.en };
}

export async function syncOnce(
  installation: Installation,
  options: SyncOptions,
): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const { folder, register, identity } = installation;
  const previous = await readState(folder, register.bindingId);
  const attemptAt = now().toISOString();
  const me = await fetchMe(identity);

  if (!me.ok) {
    const fail = me.failure;
    const online = !NETWORK_CODES.has(fail.code);
    let state: RegisterState = { ...previous, lastAttemptAt: attemptAt };
    if (online) {
      state = { ...state, lastContactAt: attemptAt };
      const serverTime = fail.details?.serverTime;
      if (typeof serverTime === 'string') {
        state.clockOffsetMs = Date.parse(serverTime) - Date.parse(attemptAt);
      }
      if (fail.code === 'binding-removed') {
        state = { ...state, binding: 'removed', problem: problemOf(fail) };
      } else if (fail.code === 'terminal-deactivated') {
        state = { ...state, problem: problemOf(fail) };
      } else if (fail.code === 'device-signature-invalid') {
        state = { ...state, binding: 'unknown', problem: problemOf(fail) };
      }
    }
    await writeState(folder, state).catch(() => undefined);
    return { online, failure: fail, state };
  }

  const { me: answer, answer: http } = me.value;
  await writeCashiers(folder, {
    formatVersion: 1,
    terminalId: answer.terminal.id,
    syncedAt: attemptAt,
    cashiers: answer.cashiers,
    otherUsernames: answer.otherUsernames,
  });
  const deactivated = !answer.terminal.active;
  let state: RegisterState = {
    formatVersion: 1,
    bindingId: register.bindingId,
    binding: 'ok',
    problem: deactivated
      ? { code: 'terminal-deactivated', ...registerMessage('terminal-deactivated') }
      : null,
    lastContactAt: attemptAt,
    lastAttemptAt: attemptAt,
    clockOffsetMs: clockOffset(answer.serverTime, http.sentAt, http.receivedAt),
    environment: answer.environment,
    terminal: {
      name: answer.terminal.name,
      registerId: answer.terminal.registerId,
      serialNumber: answer.terminal.serialNumber,
      active: answer.terminal.active,
      placeOfBusiness: answer.terminal.placeOfBusiness,
    },
  };
  let failure: Failure | null = null;
  if (options.heartbeat) {
    const backlog = options.backlog?.() ?? backlogFromFile(folder);
    const beat = await sendHeartbeat(identity, { programVersion: PROGRAM_VERSION, ...backlog });
    if (!beat.ok) {
      failure = beat.failure;
      if (beat.failure.code === 'binding-removed') {
        state = { ...state, binding: 'removed', problem: problemOf(beat.failure) };
      }
    }
  }
  await writeState(folder, state);
  return { online: true, failure, state };
}
