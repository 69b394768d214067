/**
 * Connecting this PC as a terminal (register-protocol.md, "Connecting"): check the address and
 * the server, decide about an existing data folder (reuse, refuse or archive aside), generate a
 * new Ed25519 key, bind with admin credentials or a pairing code, then write device-key.pem and
 * register.json and fetch the cashiers. Used by `kassa connect` and by POST /local/connect.
 */
import path from 'node:path';
import type { ConnectBody, RegisterFile } from '@kassa/contracts';
import { parseEnvironmentAddress } from './address.js';
import {
  archiveDataFolder,
  checkWritable,
  FILES,
  inspectDataFolder,
  writeJsonAtomic,
} from '../folder/data-folder.js';
import { saveDeviceKey } from '../device/device-key.js';
import { failed, failure, succeeded, type Failure, type Outcome } from '../failure.js';
import { decideFolderUse } from '../folder/folder-rules.js';
import { machineFingerprint, pcName } from '../device/hardware.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { checkKassaServer, connectTerminal } from '../net/server-api.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../device/signature.js';
import { initialState, writeState } from '../folder/state.js';
import { syncOnce } from '../sync/sync-once.js';
import { restoreJournalFromServer } from '../sync/journal-restore.js';

type ConnectCredentials =
  | { method: 'password'; username: string; password: string; terminalId: string }
  | { method: 'pairing-code'; code: string };

export interface ConnectRequest {
  /** The environment address as typed (validated here). */
  url: string;
  credentials: ConnectCredentials;
  /** What is known beforehand, to judge an existing data folder: slug and terminal id/kassabeteckning. */
  expected: { slug?: string; terminal?: string };
  folder: string;
  archiveExisting: boolean;
  force: boolean;
  reason?: string;
  /** Who asked, for ARKIVERAD.txt. */
  by: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface ConnectResult {
  register: RegisterFile;
  placeOfBusinessName: string;
  /** The data folder was reused (the same environment and terminal: the journal is kept). */
  reused: boolean;
  archivedTo: string | null;
  /** Null when the first sync worked; otherwise why not (connecting still succeeded). */
  syncProblem: Failure | null;
}

/** Checks an address and that a Kassa server answers there; gives the normalised origin. */
export async function checkAddress(raw: string): Promise<Outcome<{ url: string; host: string }>> {
  const address = parseEnvironmentAddress(raw);
  if (!address.ok) return failed(address.code, { address: address.address });
  const server = await checkKassaServer(address.url);
  if (!server.ok) return server;
  return succeeded({ url: address.url, host: address.host });
}

export async function connect(request: ConnectRequest): Promise<Outcome<ConnectResult>> {
  const env = request.env ?? process.env;
  const now = request.now ?? (() => new Date());
  const checked = await checkAddress(request.url);
  if (!checked.ok) return checked;
  const { url } = checked.value;
  const { folder } = request;

  // 1. The data folder: reuse only the same environment and terminal; otherwise stop, or archive.
  const state = await inspectDataFolder(folder);
  const decision = decideFolderUse(folder, state, {
    url,
    slug: request.expected.slug,
    terminal: request.expected.terminal,
  });
  let reuse: RegisterFile | null = null;
  let archivedTo: string | null = null;
  if (decision.use === 'reuse') {
    reuse = decision.register;
  } else if (decision.use === 'refuse') {
    if (!request.archiveExisting) return failed(decision.code, decision.details);
    const archived = await archiveDataFolder(folder, {
      force: request.force,
      reason: request.reason,
      now: now(),
      by: request.by,
    });
    if (!archived.ok) return archived;
    archivedTo = archived.value.target;
  }
  const writable = await checkWritable(folder);
  if (!writable.ok) return writable;

  // 2. A new key for this binding (a rebind replaces the old key; the server revokes it).
  const keys = generateDeviceKeyPair();
  const device = {
    publicKey: keys.publicKeyBase64,
    fingerprint: machineFingerprint(env),
    pcName: pcName(env),
    programVersion: PROGRAM_VERSION,
  };
  const body: ConnectBody =
    request.credentials.method === 'password'
      ? { ...request.credentials, ...device }
      : { method: 'pairing-code', code: request.credentials.code.trim(), ...device };
  const answer = await connectTerminal(url, body);
  if (!answer.ok) {
    return archivedTo === null
      ? answer
      : {
          ok: false,
          failure: {
            ...answer.failure,
            sv: `${answer.failure.sv} (Den tidigare datamappen flyttades till ${archivedTo}.)`,
            en: `${answer.failure.en} (The earlier data folder was moved to ${archivedTo}.)`,
          },
        };
  }
  const connected = answer.value;
  if (reuse !== null && reuse.terminal.id !== connected.terminal.id) {
    // A pairing code for another terminal than the folder's: leave the folder as it was.
    return failed('data-folder-code-other-terminal', {
      folder,
      connected: connected.terminal.registerId,
      registerId: reuse.terminal.registerId,
    });
  }

  // 3. Write the key first, then register.json (which makes the folder an installation).
  const register: RegisterFile = {
    formatVersion: 1,
    url,
    environment: connected.environment,
    terminal: {
      id: connected.terminal.id,
      name: connected.terminal.name,
      registerId: connected.terminal.registerId,
      serialNumber: connected.terminal.serialNumber,
    },
    bindingId: connected.bindingId,
    fingerprint: device.fingerprint,
    pcName: device.pcName,
    connectedAt: now().toISOString(),
  };
  try {
    await saveDeviceKey(folder, keys.privateKeyPem);
    await writeJsonAtomic(path.join(folder, FILES.register), register);
    await writeState(folder, initialState(register.bindingId));
  } catch (error) {
    return failed('data-folder-unwritable', {
      folder,
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  // 4. The journal, then the first sync: cashiers for offline sign-in, and a first proof that
  // signing works.
  const identity = {
    url,
    bindingId: register.bindingId,
    privateKey: loadPrivateKey(keys.privateKeyPem),
  };
  // An empty journal continues the terminal's journal on the server (a new PC), so that the
  // register can start offline later; when this fails, `kassa start` tries again. Before the
  // first heartbeat, which reports this PC's (empty) backlog: the server compares the previous
  // register's last report with its copy when restoring (docs/adr/0011-journal-anchors.md).
  await restoreJournalFromServer({
    file: path.join(folder, FILES.journal),
    identity,
    now: () => now().getTime(),
  });
  const sync = await syncOnce({ folder, register, identity }, { heartbeat: true, now });
  return succeeded({
    register,
    placeOfBusinessName: connected.terminal.placeOfBusinessName,
    reused: reuse !== null,
    archivedTo,
    syncProblem: sync.failure,
  });
}

/** A failure for a missing input when nobody can be asked. */
export function inputRequired(missing: string[]): Failure {
  return failure('input-required', { missing: missing.join(', ') });
}
