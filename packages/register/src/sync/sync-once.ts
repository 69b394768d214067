/**
 * One sync with the server: the configuration (cashiers for offline sign-in, terminal and
 * environment details, server time — and for the running register the catalogue) and POST
 * /api/register/heartbeat (last contact, version, the upload backlog with the age of its oldest
 * entry, the control unit's state). The outcome is written to state.json and cashiers.json, so
 * the register knows the last state when offline. `binding-removed` marks the binding removed:
 * the register then refuses to sign in or sell until it is connected again.
 *
 * The running register (`kassa start`) asks GET /api/register/config with its cursor
 * (docs/protocols/register-protocol.md): an unchanged configuration rewrites nothing; a
 * changed one is a snapshot whose catalogue (whole, or only what changed since the cursor) the selling runtime applies
 * (journaling article and price changes) before it stores the cursor.
 * `kassa status`, `kassa doctor` and connecting ask GET /api/register/me.
 */
import path from 'node:path';
import {
  registerConfigAnswerSchema,
  registerMessage,
  type RegisterConfigAnswer,
  type RegisterMe,
} from '@kassa/contracts';
import type { Failure, Outcome } from '../failure.js';
import { readCashiers, writeCashiers } from '../service/cashiers.js';
import { FILES } from '../folder/data-folder.js';
import {
  clockOffset,
  fetchMe,
  sendHeartbeat,
  signedRequest,
  type DeviceIdentity,
  type SignedRequestOptions,
} from '../device/device-client.js';
import { interpret, type HttpAnswer } from '../net/server-api.js';
import type { Installation } from '../connect/installation.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { readState, writeState, type RegisterState } from '../folder/state.js';
import { journalReportOfFile } from './anchors.js';
import { readUploadBacklog } from './upload-mark.js';
import type { HeartbeatBacklog } from './upload-slot.js';

export interface SyncResult {
  /** The server answered (even with a refusal). */
  online: boolean;
  /** Why the sync did not fully work, if it did not. */
  failure: Failure | null;
  state: RegisterState;
  /** The configuration answer, when asked for (`config` option) and the server gave one. */
  config: RegisterConfigAnswer | null;
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
  /**
   * Ask GET /api/register/config with this cursor (null: none yet) instead of /me. The cursor is
   * only sent when state.json and cashiers.json hold what it stands for; otherwise a snapshot
   * is asked for.
   */
  config?: { cursor: string | null };
}

/**
 * GET /api/register/config?cursor=: nothing new, or a snapshot of the configuration. With a
 * cursor (the one the catalogue copy stands for) the catalogue comes as a delta: only the
 * products changed since it.
 */
export async function fetchConfig(
  identity: DeviceIdentity,
  cursor: string | null,
  options: SignedRequestOptions = {},
): Promise<Outcome<{ config: RegisterConfigAnswer; answer: HttpAnswer }>> {
  const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}&catalogue=delta`;
  const sent = await signedRequest(
    identity,
    'GET',
    `/api/register/config${query}`,
    undefined,
    options,
  );
  if (!sent.ok) return sent;
  const read = interpret(sent.value, registerConfigAnswerSchema);
  return read.ok ? { ok: true, value: { config: read.value, answer: sent.value } } : read;
}

/** What the server said about this register: `me` null when the configuration is unchanged. */
interface Asked {
  me: RegisterMe | null;
  config: RegisterConfigAnswer | null;
  serverTime: string;
  http: HttpAnswer;
}

async function ask(
  installation: Installation,
  previous: RegisterState,
  config: SyncOptions['config'],
): Promise<Outcome<Asked>> {
  const { identity, folder, register } = installation;
  if (config === undefined) {
    const me = await fetchMe(identity);
    if (!me.ok) return me;
    const { me: answer, answer: http } = me.value;
    return { ok: true, value: { me: answer, config: null, serverTime: answer.serverTime, http } };
  }
  // A cursor stands for the copies: send it only when they are all here.
  const cashiers = await readCashiers(folder);
  const complete =
    previous.environment !== null &&
    previous.terminal !== null &&
    cashiers !== null &&
    cashiers.terminalId === register.terminal.id;
  const asked = await fetchConfig(identity, complete ? config.cursor : null);
  if (!asked.ok) return asked;
  const { config: answer, answer: http } = asked.value;
  return {
    ok: true,
    value: {
      me: answer.changed ? answer : null,
      config: answer,
      serverTime: answer.serverTime,
      http,
    },
  };
}

/** The heartbeat's backlog read from the journal file (no journal: nothing pending). */
function backlogFromFile(folder: string): HeartbeatBacklog {
  const file = path.join(folder, FILES.journal);
  // The journal against the server's copy, also when it is not open (sync/anchors.ts).
  const journal = journalReportOfFile(file);
  const withJournal = journal === null ? {} : { journal };
  const read = readUploadBacklog(file);
  if (!read.ok) return { unsyncedEntries: 0, oldestUnsyncedAt: null, ...withJournal };
  return {
    unsyncedEntries: read.value?.pending ?? 0,
    oldestUnsyncedAt: read.value?.oldestPendingAt ?? null,
    ...withJournal,
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
  const asked = await ask(installation, previous, options.config);

  if (!asked.ok) {
    const fail = asked.failure;
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
    return { online, failure: fail, state, config: null };
  }

  const { me: answer, http, serverTime } = asked.value;
  const contact = {
    formatVersion: 1 as const,
    bindingId: register.bindingId,
    binding: 'ok' as const,
    lastContactAt: attemptAt,
    lastAttemptAt: attemptAt,
    clockOffsetMs: clockOffset(serverTime, http.sentAt, http.receivedAt),
  };
  // Unchanged configuration: the copies stay as they are (a deactivated terminal is refused,
  // and reactivating it changes the configuration).
  let state: RegisterState = { ...previous, ...contact, problem: null };
  if (answer !== null) {
    await writeCashiers(folder, {
      formatVersion: 1,
      terminalId: answer.terminal.id,
      syncedAt: attemptAt,
      cashiers: answer.cashiers,
      otherUsernames: answer.otherUsernames,
    });
    const deactivated = !answer.terminal.active;
    state = {
      ...contact,
      problem: deactivated
        ? { code: 'terminal-deactivated', ...registerMessage('terminal-deactivated') }
        : null,
      environment: answer.environment,
      terminal: {
        name: answer.terminal.name,
        registerId: answer.terminal.registerId,
        serialNumber: answer.terminal.serialNumber,
        active: answer.terminal.active,
        placeOfBusiness: answer.terminal.placeOfBusiness,
      },
    };
  }
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
  return { online: true, failure, state, config: asked.value.config };
}
