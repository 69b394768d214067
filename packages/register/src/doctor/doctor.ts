/**
 * `kassa doctor`: checks a register step by step (data folder, connection, address and TLS,
 * server, clock, binding, cashiers, key file, POS web app, receipt printer, local port). Each line is OK or FEL with what to do;
 * the command exits non-zero when any line is FEL.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseEnvironmentAddress } from '../connect/address.js';
import { readCashiers } from '../service/cashiers.js';
import { checkWritable, FILES } from '../folder/data-folder.js';
import { loadInstallation } from '../connect/installation.js';
import { findPosWebDir } from '../program/program.js';
import { readSettings } from '../selling/settings.js';
import { checkKassaServer } from '../net/server-api.js';
import { syncOnce } from '../sync/sync-once.js';
import { formatSwedishDateTime } from '../connect/terminal-choice.js';
import { judgeClock } from './clock-check.js';
import type { DoctorLine, DoctorOptions } from './doctor-line.js';
import { checkJournalAnchors, checkJournalChain } from './journal-checks.js';
import { checkLocalPort, checkPrinter, localPort } from './machine-checks.js';

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
