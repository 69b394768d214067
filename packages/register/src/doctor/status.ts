/**
 * `kassa status`: environment, terminal, binding state (asked from the server now; offline, the
 * last known state), fingerprint, last contact, program version, data folder, and the journal
 * entries not yet uploaded (count and age of the oldest, read from the journal file).
 */
import path from 'node:path';
import type { BindingState } from '@kassa/contracts';
import type { Failure } from '../failure.js';
import { shortFingerprint } from '../device/fingerprint.js';
import { machineFingerprint } from '../device/hardware.js';
import { loadInstallation } from '../connect/installation.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { readState } from '../folder/state.js';
import { syncOnce } from '../sync/sync-once.js';
import { readUploadBacklog, type UploadBacklog } from '../sync/upload-mark.js';
import { FILES } from '../folder/data-folder.js';
import { formatSwedishDateTime } from '../connect/terminal-choice.js';

export interface StatusReport {
  connected: boolean;
  programVersion: string;
  dataFolder: string;
  environment: { url: string; slug: string; companyName: string } | null;
  terminal: {
    id: string;
    name: string;
    registerId: string;
    serialNumber: string;
    placeOfBusiness: string | null;
  } | null;
  binding: BindingState;
  /** true: the server answered now; false: offline (last known state shown); null: not asked. */
  online: boolean | null;
  problem: { code: string; sv: string; en: string } | null;
  fingerprint: { short: string; matchesThisPc: boolean } | null;
  pcName: string | null;
  connectedAt: string | null;
  lastContactAt: string | null;
  clockOffsetMs: number | null;
  /** The journal upload backlog; null without a journal (or when it could not be read). */
  upload: UploadBacklog | null;
  /** Why the journal could not be read for the backlog, if it could not. */
  uploadUnreadable: Failure | null;
  /** Set when the data folder could not be read. */
  damaged: Failure | null;
}

function notConnected(folder: string, damaged: Failure | null): StatusReport {
  return {
    connected: false,
    programVersion: PROGRAM_VERSION,
    dataFolder: folder,
    environment: null,
    terminal: null,
    binding: 'unknown',
    online: null,
    problem: null,
    fingerprint: null,
    pcName: null,
    connectedAt: null,
    lastContactAt: null,
    clockOffsetMs: null,
    upload: null,
    uploadUnreadable: null,
    damaged,
  };
}

export async function collectStatus(
  folder: string,
  options: { env?: NodeJS.ProcessEnv; ask: boolean },
): Promise<StatusReport> {
  const loaded = await loadInstallation(folder);
  if (!loaded.ok) return notConnected(folder, loaded.failure);
  const installation = loaded.value;
  if (installation === null) return notConnected(folder, null);
  const { register } = installation;
  let state = await readState(folder, register.bindingId);
  let online: boolean | null = null;
  if (options.ask) {
    const sync = await syncOnce(installation, { heartbeat: false });
    online = sync.online;
    state = sync.state;
  }
  const backlog = readUploadBacklog(path.join(folder, FILES.journal));
  return {
    connected: true,
    programVersion: PROGRAM_VERSION,
    dataFolder: folder,
    environment: {
      url: register.url,
      slug: register.environment.slug,
      companyName: state.environment?.companyName ?? register.environment.companyName,
    },
    terminal: {
      id: register.terminal.id,
      name: state.terminal?.name ?? register.terminal.name,
      registerId: register.terminal.registerId,
      serialNumber: register.terminal.serialNumber,
      placeOfBusiness: state.terminal?.placeOfBusiness.name ?? null,
    },
    binding: state.binding,
    online,
    problem: state.problem,
    fingerprint: {
      short: shortFingerprint(register.fingerprint),
      matchesThisPc: machineFingerprint(options.env ?? process.env) === register.fingerprint,
    },
    pcName: register.pcName,
    connectedAt: register.connectedAt,
    lastContactAt: state.lastContactAt,
    clockOffsetMs: state.clockOffsetMs,
    upload: backlog.ok ? backlog.value : null,
    uploadUnreadable: backlog.ok ? null : backlog.failure,
    damaged: null,
  };
}

const BINDING_TEXT: Record<BindingState, string> = {
  ok: 'giltig',
  removed: 'BORTTAGEN i backoffice – kassan kan inte sälja',
  unknown: 'okänd',
};

function when(iso: string | null): string {
  return iso === null ? 'aldrig' : formatSwedishDateTime(iso);
}

/** A count with a space between thousands, as in Swedish: 1 234. */
function swedishCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** The backlog lines: "Ej uppladdat: 1 234 poster, äldsta från 2026-11-20 14:03". */
function uploadLines(report: StatusReport): string[] {
  if (report.uploadUnreadable) {
    return [`Ej uppladdat:    okänt – ${report.uploadUnreadable.sv}`];
  }
  const upload = report.upload;
  if (upload === null) return [];
  const count = `${swedishCount(upload.pending)} ${upload.pending === 1 ? 'post' : 'poster'}`;
  const last = upload.lastUploadAt === null ? '' : formatSwedishDateTime(upload.lastUploadAt);
  const lines = [
    upload.oldestPendingAt !== null
      ? `Ej uppladdat:    ${count}, äldsta från ${formatSwedishDateTime(upload.oldestPendingAt)}`
      : upload.problem
        ? `Ej uppladdat:    ${count}`
        : `Ej uppladdat:    ${count} (allt är uppladdat${last === '' ? '' : `, senast ${last}`})`,
  ];
  if (upload.oldestPendingAt !== null && last !== '') {
    lines.push(`                 senast uppladdat ${last}`);
  }
  if (upload.problem) {
    lines.push(
      `                 UPPLADDNINGEN ÄR STOPPAD (${upload.problem.code}): ${upload.problem.sv}`,
    );
  }
  return lines;
}

/** The report as lines for people (Swedish). */
export function formatStatus(report: StatusReport): string[] {
  const lines = [`Kassa ${report.programVersion}`, `Datamapp:        ${report.dataFolder}`];
  if (report.damaged) {
    lines.push(`Status:          FEL – ${report.damaged.sv}`);
    return lines;
  }
  if (!report.connected || !report.environment || !report.terminal) {
    lines.push(
      'Status:          Inte ansluten',
      '',
      'Anslut kassan till er miljö med:',
      '  kassa connect                      (frågar efter adress, användarnamn och lösenord)',
      '  kassa connect --code ABCD-EFGH-JKLM (parkopplingskoden från nedladdningen i backoffice)',
      'eller starta kassan (kassa start) och anslut i webbläsaren.',
    );
    return lines;
  }
  const env = report.environment;
  const t = report.terminal;
  const contact =
    report.online === true
      ? 'kontrollerad nu'
      : report.online === false
        ? `servern kunde inte nås nu – senast kända läge`
        : 'senast kända läge';
  lines.push(
    `Miljö:           ${env.companyName} (${env.slug}) – ${env.url}`,
    `Terminal:        ${t.registerId} – ${t.name}${t.placeOfBusiness ? `, ${t.placeOfBusiness}` : ''}`,
    `Tillverkningsnr: ${t.serialNumber}`,
    `Koppling:        ${BINDING_TEXT[report.binding]} (${contact})`,
  );
  if (report.problem) lines.push(`                 ${report.problem.sv}`);
  if (report.fingerprint) {
    lines.push(
      `Fingeravtryck:   ${report.fingerprint.short}${report.fingerprint.matchesThisPc ? ' (den här datorn)' : ' – STÄMMER INTE med den här datorn; anslut igen med kassa connect'}`,
    );
  }
  lines.push(
    `Datornamn:       ${report.pcName ?? '–'}`,
    `Ansluten:        ${when(report.connectedAt)}`,
    `Senaste kontakt: ${when(report.lastContactAt)}`,
    ...uploadLines(report),
  );
  if (report.clockOffsetMs !== null && Math.abs(report.clockOffsetMs) >= 60_000) {
    lines.push(
      `Klocka:          skiljer ${Math.round(report.clockOffsetMs / 1000)} s från serverns – kör kassa doctor`,
    );
  }
  return lines;
}
