/**
 * `kassa doctor`: checks a register step by step (data folder, connection, address and TLS,
 * server, clock, binding, cashiers, key file, POS web app, receipt printer, local port). Each line is OK or FEL with what to do;
 * the command exits non-zero when any line is FEL.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket, createServer } from 'node:net';
import path from 'node:path';
import { parseEnvironmentAddress } from './address.js';
import { readCashiers } from './cashiers.js';
import { checkWritable, FILES } from './data-folder.js';
import { loadInstallation } from './installation.js';
import { type PrinterAddress, parsePrinterAddress } from './printers.js';
import { findPosWebDir, PROGRAM_VERSION } from './program.js';
import { JournalOpenError, type JournalStore, openJournalStore } from './selling/journal-store.js';
import { readSettings } from './selling/settings.js';
import { checkKassaServer } from './server-api.js';
import type { DeviceIdentity } from './device-client.js';
import { failure } from './failure.js';
import { syncOnce } from './sync/sync-once.js';
import {
  anchorFailure,
  checkAnchorsOfFile,
  journalHashAt,
  journalReportOfFile,
} from './sync/anchors.js';
import { fetchJournalHead } from './sync/journal-client.js';
import { formatSwedishDateTime } from './terminal-choice.js';

export interface DoctorLine {
  check: string;
  /** true OK, false FEL, null not checked (an earlier check failed). */
  ok: boolean | null;
  text: string;
  fix?: string;
  /** A stable code for checks that have one (`local-port-in-use`, …), with English text. */
  code?: string;
  en?: string;
}

/** The port `kassa start` listens on: KASSA_PORT, else 8181. */
export function localPort(env: NodeJS.ProcessEnv): number {
  const port = Number(env.KASSA_PORT ?? '8181');
  return Number.isInteger(port) && port > 0 && port <= 65_535 ? port : 8181;
}

/**
 * Whether `kassa start` can listen on 127.0.0.1:`port`. The POS listens on 127.0.0.1 only, so
 * Windows Firewall never blocks it and no firewall rule is needed; what can go wrong is another
 * program (or a second `kassa start`) already on the port.
 */
export function checkLocalPort(port: number): Promise<DoctorLine> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        resolve({
          check: 'Lokal port',
          ok: false,
          code: 'local-port-in-use',
          text: `ett annat program använder port ${port} på 127.0.0.1 (eller körs kassa start redan)`,
          en: `another program is using port ${port} on 127.0.0.1 (or kassa start is already running)`,
          fix: `Stäng det andra programmet, eller välj en annan port: kassa start --port 8182 (eller miljövariabeln KASSA_PORT).`,
        });
      } else {
        resolve({
          check: 'Lokal port',
          ok: false,
          code: 'local-port-failed',
          text: `port ${port} kunde inte öppnas (${error.code ?? error.message})`,
          en: `port ${port} could not be opened (${error.code ?? error.message})`,
          fix: 'Starta om datorn och kör kassa doctor igen.',
        });
      }
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.close(() =>
        resolve({
          check: 'Lokal port',
          ok: true,
          code: 'local-port-free',
          text: `port ${port} på 127.0.0.1 är ledig (bara den här datorn når den, så brandväggen behöver ingen regel)`,
          en: `port ${port} on 127.0.0.1 is free (only this PC reaches it, so the firewall needs no rule)`,
        }),
      );
    });
  });
}

/** Whether a network printer takes a TCP connection (nothing is sent, so nothing prints). */
function reachable(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (problem: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => done('svarar inte'), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.connect(port, host, () => done(null));
  });
}

/**
 * The receipt printer of settings.json, checked without printing: a network printer must take a
 * connection, a device or file must exist; a Windows share or port only works on Windows (where
 * only printing shows whether the share answers).
 */
export async function checkPrinter(
  printer: string,
  platform: NodeJS.Platform = process.platform,
  timeoutMs = 3000,
): Promise<DoctorLine> {
  const check = 'Kvittoskrivare';
  if (printer === 'none') {
    return { check, ok: true, text: 'ingen – kvittona blir elektroniska' };
  }
  const parsed = parsePrinterAddress(printer);
  if (!parsed.ok) {
    return {
      check,
      ok: false,
      code: 'printer-invalid-address',
      text: `adressen "${printer}" känns inte igen`,
      en: `the address "${printer}" is not recognised`,
      fix: 'Ange skrivaren under Inställningar i kassan: 192.168.1.50:9100, \\\\DATORN\\Kvittoskrivare, LPT1 eller /dev/usb/lp0.',
    };
  }
  const address: PrinterAddress = parsed.value;
  if (address.kind === 'tcp') {
    const where = `${address.host}:${address.port}`;
    const problem = await reachable(address.host, address.port, timeoutMs);
    return problem === null
      ? { check, ok: true, text: `${where} svarar` }
      : {
          check,
          ok: false,
          code: 'printer-unreachable',
          text: `${where} svarar inte (${problem})`,
          en: `${where} does not answer (${problem})`,
          fix: 'Kontrollera att skrivaren är på och sitter i nätverket, och att IP-adressen stämmer (skriv ut skrivarens nätverkslapp).',
        };
  }
  if (address.kind === 'share' || address.kind === 'port') {
    return platform === 'win32'
      ? { check, ok: true, text: `${address.path} (kontrolleras när ett kvitto skrivs ut)` }
      : {
          check,
          ok: false,
          code: 'printer-windows-only',
          text: `${address.path} är en Windows-delning eller -port, men kassan körs inte i Windows`,
          en: `${address.path} is a Windows share or port, but the register does not run on Windows`,
          fix: 'Ange en nätverksskrivare (192.168.1.50:9100) eller en enhet som /dev/usb/lp0 under Inställningar.',
        };
  }
  try {
    await stat(address.path);
    return { check, ok: true, text: `${address.path} finns` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'okänt fel';
    return {
      check,
      ok: false,
      code: 'printer-path-not-found',
      text: `${address.path} finns inte (${reason})`,
      en: `${address.path} does not exist (${reason})`,
      fix: 'Kontrollera att skrivaren är ansluten och påslagen, och att sökvägen under Inställningar stämmer.',
    };
  }
}

/** The clock may differ this much before signed requests are refused (the protocol's window). */
export const CLOCK_LIMIT_MS = 5 * 60_000;
/** Above this a clock is worth fixing before it becomes a problem. */
export const CLOCK_WARN_MS = 60_000;

/** Judges a clock difference (server minus local). Pure. */
export function judgeClock(offsetMs: number): DoctorLine {
  const seconds = Math.round(offsetMs / 1000);
  const direction = offsetMs > 0 ? 'efter' : 'före';
  const text = `datorns klocka går ${Math.abs(seconds)} s ${direction} serverns`;
  if (Math.abs(offsetMs) >= CLOCK_LIMIT_MS) {
    return {
      check: 'Klocka',
      ok: false,
      text: `${text} (högst 5 minuter tillåts)`,
      fix: 'Ställ datorns datum, tid och tidszon rätt (slå på "Ställ in tiden automatiskt").',
    };
  }
  if (Math.abs(offsetMs) >= CLOCK_WARN_MS) {
    return {
      check: 'Klocka',
      ok: true,
      text: `${text} – fungerar, men ställ gärna klockan (högst 5 minuter tillåts)`,
    };
  }
  return { check: 'Klocka', ok: true, text: `${text}` };
}

/** What `kassa doctor` checks beyond the default (`--full`: the journal's whole chain). */
export interface DoctorOptions {
  readonly full?: boolean;
  /** Progress lines of the long checks (the whole chain with `full`). */
  readonly progress?: (line: string) => void;
}

export async function runDoctor(
  folder: string,
  env: NodeJS.ProcessEnv = process.env,
  options: DoctorOptions = {},
): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  const skip = (check: string) => lines.push({ check, ok: null, text: 'inte kontrollerat' });

  const writable = await checkWritable(folder);
  lines.push(
    writable.ok
      ? { check: 'Datamapp', ok: true, text: `${folder} är skrivbar` }
      : {
          check: 'Datamapp',
          ok: false,
          text: writable.failure.sv,
          fix: 'Ge kontot som kör kassan skrivrätt till mappen, eller välj en annan med KASSA_HOME.',
        },
  );

  const loaded = await loadInstallation(folder);
  if (!loaded.ok || loaded.value === null) {
    lines.push({
      check: 'Anslutning',
      ok: false,
      text: loaded.ok ? 'Inte ansluten' : loaded.failure.sv,
      fix: loaded.ok
        ? 'Anslut kassan med kassa connect (eller kassa connect --code <parkopplingskod>).'
        : 'Kör kassa connect --archive-existing för att flytta undan datamappen och ansluta på nytt.',
    });
    for (const check of ['Adress', 'Server och TLS', 'Klocka', 'Koppling', 'Kassörer']) skip(check);
  } else {
    const installation = loaded.value;
    const { register } = installation;
    lines.push({
      check: 'Anslutning',
      ok: true,
      text: `terminal ${register.terminal.registerId} (${register.terminal.name}) i ${register.environment.companyName}`,
    });

    const address = parseEnvironmentAddress(register.url);
    lines.push(
      address.ok
        ? {
            check: 'Adress',
            ok: true,
            text: register.url.startsWith('https://')
              ? `${register.url} (krypterad)`
              : `${register.url} (okrypterad, bara tillåtet på den här datorn)`,
          }
        : {
            check: 'Adress',
            ok: false,
            text: `${register.url} är ingen giltig adress`,
            fix: 'Anslut kassan igen med rätt adress (kassa connect --archive-existing).',
          },
    );

    let serverReached = false;
    const server = await checkKassaServer(register.url);
    if (!server.ok) {
      lines.push({
        check: 'Server och TLS',
        ok: false,
        text: server.failure.sv,
        fix:
          server.failure.code === 'tls-failed'
            ? 'Kontrollera datorns klocka; använder nätverket ett eget certifikat, sätt NODE_EXTRA_CA_CERTS till certifikatfilen.'
            : 'Kontrollera internetanslutningen och adressen; kassan kan sälja offline under tiden.',
      });
      for (const check of ['Klocka', 'Koppling']) skip(check);
    } else {
      lines.push({
        check: 'Server och TLS',
        ok: true,
        text: `Kassa-server ${server.value.health.version} svarar (${server.value.roundTripMs} ms)`,
      });
      // A sync without heartbeat: checks the binding and refreshes cashiers.json and state.json.
      const sync = await syncOnce(installation, { heartbeat: false });
      const failure = sync.failure;
      let offset: number | null = null;
      if (failure === null || typeof failure.details?.serverTime === 'string') {
        offset = sync.state.clockOffsetMs;
      } else if (server.value.serverDate) {
        offset = server.value.serverDate.getTime() - Date.now();
      }
      if (offset === null) skip('Klocka');
      else lines.push(judgeClock(offset));

      serverReached = failure === null;
      if (failure === null) {
        lines.push({
          check: 'Koppling',
          ok: true,
          text: 'giltig – servern känner igen kassans nyckel',
        });
      } else {
        lines.push({
          check: 'Koppling',
          ok: false,
          text: failure.sv,
          fix:
            failure.code === 'binding-removed'
              ? 'Anslut datorn på nytt med kassa connect om den ska användas som kassa.'
              : failure.code === 'device-signature-invalid'
                ? 'Ställ klockan rätt; hjälper inte det, anslut kassan igen med kassa connect.'
                : 'Se meddelandet ovan.',
        });
      }
    }

    lines.push(await checkJournalAnchors(folder, serverReached ? installation.identity : null));
    const chain = await checkJournalChain(folder, options);
    if (chain !== null) lines.push(chain);

    const cashiers = await readCashiers(folder);
    lines.push(
      cashiers === null
        ? {
            check: 'Kassörer',
            ok: false,
            text: 'inga kassörer hämtade ännu – ingen kan logga in',
            fix: 'Låt kassan nå servern (kassa status hämtar listan), och koppla kassörer med PIN-kod till terminalen i backoffice.',
          }
        : cashiers.cashiers.length === 0
          ? {
              check: 'Kassörer',
              ok: false,
              text: 'ingen får logga in på den här terminalen',
              fix: 'Ge kassörer en PIN-kod och koppla dem till terminalen under Användare i backoffice.',
            }
          : {
              check: 'Kassörer',
              ok: true,
              text: `${cashiers.cashiers.length} kan logga in (hämtade ${formatSwedishDateTime(cashiers.syncedAt)})`,
            },
    );
  }

  if (process.platform !== 'win32') {
    try {
      const info = await stat(path.join(folder, FILES.deviceKey));
      const mode = info.mode & 0o777;
      lines.push(
        (mode & 0o077) === 0
          ? { check: 'Nyckelfil', ok: true, text: `bara ägaren kan läsa den (${mode.toString(8)})` }
          : {
              check: 'Nyckelfil',
              ok: false,
              text: `andra användare kan läsa kassans nyckel (${mode.toString(8)})`,
              fix: `chmod 600 "${path.join(folder, FILES.deviceKey)}"`,
            },
      );
    } catch {
      skip('Nyckelfil');
    }
  }

  const posWeb = findPosWebDir(env);
  lines.push(
    posWeb
      ? { check: 'Kassans webbgränssnitt', ok: true, text: posWeb }
      : {
          check: 'Kassans webbgränssnitt',
          ok: false,
          text: 'är inte byggt eller saknas bredvid programmet',
          fix: 'Ladda ner installationsprogrammet igen (mappen pos-web ska ligga bredvid kassa), eller kör npm run build -w @kassa/pos-web i utvecklingsmiljön.',
        },
  );
  lines.push(await checkPrinter((await readSettings(folder)).printer));
  lines.push(await checkLocalPort(localPort(env)));
  return lines;
}

const RESTORE_FIX =
  'Stäng kassan och kör kassa restore-journal --reason "…" (journalfilen sparas undan och serverns kopia hämtas); kontakta supporten.';

/**
 * The journal against its anchors (sync/anchors.ts, docs/adr/0011-journal-anchors.md): the head
 * the server acknowledged last as stored in the journal file, and, when the server answers, the
 * server's head itself (the stored anchor can be rewritten together with the journal).
 */
export async function checkJournalAnchors(
  folder: string,
  identity: DeviceIdentity | null,
): Promise<DoctorLine> {
  const check = 'Journalens ankare';
  const file = path.join(folder, FILES.journal);
  const local = checkAnchorsOfFile(file);
  if (local !== null) {
    const f = anchorFailure(local);
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  }
  if (identity === null) {
    return {
      check,
      ok: true,
      text: 'stämmer med det servern senast kvitterade (servern ej frågad)',
    };
  }
  const head = await fetchJournalHead(identity, { timeoutMs: 10_000 });
  if (!head.ok) return { check, ok: null, text: `servern ej frågad: ${head.failure.sv}` };
  const report = journalReportOfFile(file);
  const serverSeq = head.value.acknowledgedSeq;
  const localSeq = report?.headSeq ?? 0;
  if (serverSeq > localSeq) {
    const f = failure('upload-server-ahead', { serverSeq, localSeq });
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  }
  if (serverSeq > 0) {
    const hash = journalHashAt(file, serverSeq);
    if (hash !== head.value.acknowledgedHash) {
      const f = failure('upload-server-differs', { seq: serverSeq });
      return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
    }
  }
  return {
    check,
    ok: true,
    text: `stämmer med serverns kopia (post ${serverSeq} av ${localSeq})`,
  };
}

/**
 * The journal's hash chain (docs/adr/0012-journal-checkpoint-and-state.md): as opening checks it
 * (the keyed checkpoint and the entries after it, or the whole chain of a small journal), and with
 * `full` every entry from the first, reporting progress. Null when there is no journal yet.
 */
export async function checkJournalChain(
  folder: string,
  options: DoctorOptions = {},
): Promise<DoctorLine | null> {
  const check = 'Journalens kedja';
  const file = path.join(folder, FILES.journal);
  if (!existsSync(file)) return null;
  const broken = (detail: string): DoctorLine => {
    const f = failure('journal-damaged', { file: FILES.journal, detail });
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  };
  let store: JournalStore;
  try {
    store = openJournalStore(file, { readonly: true });
  } catch (error) {
    if (error instanceof JournalOpenError && error.code === 'journal-damaged') {
      return broken(error.detail);
    }
    if (error instanceof JournalOpenError && error.code === 'journal-schema-newer') {
      const f = failure('journal-schema-newer', {
        file: FILES.journal,
        ...error.versions,
        programVersion: PROGRAM_VERSION,
      });
      return { check, ok: false, code: f.code, text: f.sv, en: f.en };
    }
    return { check, ok: null, text: `kunde inte läsas: ${(error as Error).message}` };
  }
  try {
    const opened = store.openCheck;
    const head = store.head()?.seq ?? 0;
    if (options.full !== true) {
      return {
        check,
        ok: true,
        text:
          opened.verified === 'whole'
            ? `hel (${head} poster kontrollerade)`
            : `stämmer från kontrollpunkten (${opened.entriesVerified} poster kontrollerade av ${head}; hela kedjan: kassa doctor --full)`,
      };
    }
    let shown = 0;
    const result = await store.verifyChain({
      sliceSize: 5_000,
      onProgress(done, total) {
        if (done === total || done - shown >= Math.max(total / 20, 50_000)) {
          shown = done;
          options.progress?.(`Journalens kedja: ${done} av ${total} poster kontrollerade`);
        }
      },
    });
    if (!result.ok) return broken(`entry ${result.seq}: ${result.reason}`);
    return { check, ok: true, text: `hel (alla ${result.entries} poster kontrollerade)` };
  } finally {
    store.close();
  }
}

/** The lines as text: `OK  check: text` / `FEL check: text` + `    Åtgärd: …`. */
export function formatDoctor(lines: DoctorLine[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const mark = line.ok === true ? 'OK ' : line.ok === false ? 'FEL' : ' – ';
    out.push(`${mark} ${line.check}: ${line.text}`);
    if (line.ok === false && line.fix) out.push(`    Åtgärd: ${line.fix}`);
  }
  const failures = lines.filter((l) => l.ok === false).length;
  out.push(
    '',
    failures === 0 ? 'Allt ser bra ut.' : `${failures} problem hittades – se Åtgärd ovan.`,
  );
  return out;
}
