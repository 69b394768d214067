/**
 * The `kassa` command line: connect, status, doctor, start. `runCli` takes its streams and
 * environment as arguments so tests can run it in-process; cli.ts is the entry point.
 */
import { parseArgs } from 'node:util';
import { sameAddress } from '../connect/address.js';
import { formatFailure } from './cli-output.js';
import { checkAddress, connect, inputRequired, type ConnectRequest } from '../connect/connect.js';
import { dataFolder } from '../folder/data-folder.js';
import { runDoctor } from '../doctor/doctor.js';
import { formatDoctor } from '../doctor/doctor-line.js';
import { runExportJournal } from '../journal-tools/export-journal.js';
import { runRestoreJournal } from '../journal-tools/restore-journal.js';
import { failure, type Failure } from '../failure.js';
import { pcName } from '../device/hardware.js';
import { runInstallProvisioning } from '../connect/install-provisioning.js';
import { loadInstallation } from '../connect/installation.js';
import { buildLocalService } from '../local-service.js';
import { startInBackground } from './background.js';
import { openBrowser } from './open-browser.js';
import { runOpen } from './open-command.js';
import { PROGRAM_VERSION, provisioningCandidates } from '../program/program.js';
import { PromptCancelled, type Prompter } from './prompts.js';
import { findProvisioning } from '../connect/provisioning.js';
import { listTerminals, type TerminalChoice } from '../net/server-api.js';
import { collectStatus, formatStatus } from '../doctor/status.js';
import {
  describeChoices,
  describeTerminal,
  findTerminal,
  isSelectable,
} from '../connect/terminal-choice.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Null when stdin is not a TTY: nobody can be asked, flags are required. */
  prompter: Prompter | null;
  /** `kassa start` resolves this to stop the service (default: SIGINT/SIGTERM). */
  untilStopped?: () => Promise<void>;
  /** `kassa start` calls this once listening (tests read the port). */
  onListening?: (address: { port: number; url: string }) => void;
}

export const USAGE = `Kassa ${PROGRAM_VERSION} – kassaprogrammet / the register program

Användning / usage:
  kassa connect [--url <adress>] [--user <namn>] [--password <lösen>] [--terminal <kassabeteckning>]
  kassa connect --code <parkopplingskod> [--url <adress>] [--terminal <kassabeteckning>]
      ansluter datorn till en terminal i er miljö / binds this PC to a terminal.
      Utan flaggor: läser kassa-provisioning.json bredvid programmet, annars frågar den.
      --archive-existing   flytta undan en datamapp från en annan installation (inget raderas)
      --force --reason "…" arkivera även om journalen har poster som inte laddats upp
  kassa status [--json]   miljö, terminal, koppling, senaste kontakt / environment, binding, contact
  kassa doctor [--json]   felsök kassan rad för rad / diagnose the register
  kassa start [--port 8181] [--no-browser] [--background]
      startar kassan på http://127.0.0.1:<port>/ / starts the register locally
  kassa export-journal --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [--out fil.xml]
      exporterar journalminnet enligt SKVFS 2021:16 / exports the journal (SKVFS 2021:16 XML)
  kassa restore-journal --reason "…"
      ersätter journalen med serverns kopia (den gamla sparas undan) / replaces the journal with the server's copy
  kassa install-provisioning <kassa-setup.exe>
      sparar anslutningsuppgifterna ur installationsprogrammet / saves the installer's connection details
  kassa --version | --help

Datamapp / data folder: KASSA_HOME (standard: %ProgramData%\\Kassa på Windows, ~/.local/share/kassa annars).
Eget certifikat / own CA: NODE_EXTRA_CA_CERTS=<fil.pem>.`;

class UsageError extends Error {}

function print(io: CliIo, lines: string[], to: 'out' | 'err' = 'out'): void {
  for (const line of lines) io[to](line);
}

function fail(io: CliIo, f: Failure): number {
  print(io, formatFailure(f), 'err');
  return 1;
}

const CONNECT_OPTIONS = {
  url: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  terminal: { type: 'string' },
  code: { type: 'string' },
  'archive-existing': { type: 'boolean' },
  force: { type: 'boolean' },
  reason: { type: 'string' },
} as const;

async function chooseTerminal(
  io: CliIo,
  terminals: TerminalChoice[],
  wanted: string | undefined,
  thisPc: string,
): Promise<TerminalChoice | Failure> {
  if (terminals.length === 0 || !terminals.some((t) => t.active)) return failure('no-terminals');
  const choices = describeChoices(terminals, thisPc);
  if (wanted !== undefined) {
    return (
      findTerminal(terminals, wanted) ??
      failure('terminal-choice-invalid', { terminal: wanted, choices })
    );
  }
  const prompter = io.prompter;
  if (prompter === null) return failure('terminal-required', { choices });
  prompter.say('');
  prompter.say('Terminaler i miljön / terminals:');
  terminals.forEach((t, i) => {
    const mark = isSelectable(t, thisPc) ? `${i + 1}.` : ' -';
    prompter.say(`  ${mark.padStart(3)} ${describeTerminal(t, thisPc)}`);
  });
  if (!terminals.some((t) => isSelectable(t, thisPc))) {
    return failure('terminal-required', { choices });
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const answer = await prompter.ask('Välj terminal (nummer eller kassabeteckning): ');
    const byNumber = /^\d+$/.test(answer) ? terminals[Number(answer) - 1] : undefined;
    const chosen = byNumber ?? findTerminal(terminals, answer);
    if (chosen && isSelectable(chosen, thisPc)) return chosen;
    prompter.say(
      chosen
        ? `Terminalen ${chosen.registerId} kan inte väljas: ${describeTerminal(chosen, thisPc)}`
        : `Ingen terminal heter "${answer}". Välj bland: ${choices}`,
    );
  }
  return failure('terminal-required', { choices });
}

async function commandConnect(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: CONNECT_OPTIONS, strict: true });
  const folder = dataFolder(io.env);
  const archiveExisting = values['archive-existing'] === true;
  const force = values.force === true;
  if (force && !values.reason?.trim()) return fail(io, failure('archive-reason-required'));
  const common: Pick<
    ConnectRequest,
    'folder' | 'archiveExisting' | 'force' | 'reason' | 'env' | 'by'
  > = {
    folder,
    archiveExisting,
    force,
    reason: values.reason,
    env: io.env,
    by: `kassa connect${archiveExisting ? ' --archive-existing' : ''}${force ? ' --force' : ''} (${pcName(io.env)})`,
  };
  const thisPc = pcName(io.env);
  const prompter = io.prompter;

  let request: ConnectRequest;
  const passwordFlags = values.user !== undefined || values.password !== undefined;
  let provisioningFile: string | null = null;
  let provisioning = null;
  if (values.code === undefined && !passwordFlags) {
    const found = await findProvisioning(provisioningCandidates(io.cwd, io.env));
    if (!found.ok) return fail(io, found.failure);
    if (found.value) {
      provisioning = found.value.provisioning;
      provisioningFile = found.value.file;
    }
  }

  if (values.code !== undefined || provisioning !== null) {
    const code = values.code ?? provisioning?.pairingCode ?? '';
    const fromFile = provisioning !== null && provisioning.pairingCode === code;
    let url = values.url ?? provisioning?.url;
    if (url === undefined && prompter)
      url = await prompter.ask('Adress (t.ex. https://dittforetag.kassa.se): ');
    if (!url) return fail(io, inputRequired(['--url']));
    const terminal =
      values.terminal ??
      (fromFile ? (provisioning?.terminalId ?? provisioning?.registerId) : undefined);
    if (provisioningFile !== null && provisioning !== null) {
      // Already connected with this very download: the code is used; say so instead of failing.
      const current = await loadInstallation(folder);
      if (
        current.ok &&
        current.value !== null &&
        provisioning.terminalId === current.value.register.terminal.id &&
        sameAddress(current.value.register.url, url)
      ) {
        print(io, [
          `Kassan är redan ansluten: terminal ${current.value.register.terminal.registerId} (${current.value.register.terminal.name}) i ${current.value.register.environment.companyName}.`,
          'Visa läget med kassa status, starta kassan med kassa start.',
          'Ansluta igen (t.ex. efter ominstallation): ladda ner installationsprogrammet på nytt, eller kör kassa connect --url … --user … .',
        ]);
        return 0;
      }
      io.out(`Använder parkopplingskoden från ${provisioningFile}.`);
    }
    request = {
      ...common,
      url,
      credentials: { method: 'pairing-code', code },
      expected: {
        slug: fromFile ? provisioning?.environment : undefined,
        terminal,
      },
    };
  } else {
    let url = values.url;
    if (url === undefined && prompter)
      url = await prompter.ask('Adress (t.ex. https://dittforetag.kassa.se): ');
    if (!url) return fail(io, inputRequired(['--url']));
    const checked = await checkAddress(url);
    if (!checked.ok) return fail(io, checked.failure);
    let username = values.user;
    if (username === undefined && prompter) username = await prompter.ask('Användarnamn: ');
    let password = values.password;
    if (password === undefined && prompter) password = await prompter.askHidden('Lösenord: ');
    const missing = [...(username ? [] : ['--user']), ...(password ? [] : ['--password'])];
    if (!username || !password) return fail(io, inputRequired(missing));
    const list = await listTerminals(checked.value.url, { username, password });
    if (!list.ok) return fail(io, list.failure);
    const chosen = await chooseTerminal(io, list.value.terminals, values.terminal, thisPc);
    if ('code' in chosen) return fail(io, chosen);
    request = {
      ...common,
      url: checked.value.url,
      credentials: { method: 'password', username, password, terminalId: chosen.id },
      expected: { slug: list.value.environment.slug, terminal: chosen.id },
    };
  }

  io.out(`Ansluter till ${request.url} …`);
  const result = await connect(request);
  if (!result.ok) return fail(io, result.failure);
  const { register, placeOfBusinessName, reused, archivedTo, syncProblem } = result.value;
  const lines = [
    `Ansluten! Den här datorn (${register.pcName}) är nu terminal ${register.terminal.registerId} – ${register.terminal.name} (${placeOfBusinessName}) i ${register.environment.companyName}.`,
    `Connected: this PC is now terminal ${register.terminal.registerId} of ${register.environment.companyName}.`,
    `Datamapp: ${folder}`,
  ];
  if (reused)
    lines.push('Datamappen från den tidigare installationen återanvänds; journalen finns kvar.');
  if (archivedTo)
    lines.push(`Den tidigare datamappen flyttades till ${archivedTo} (inget raderades).`);
  if (syncProblem) {
    lines.push(
      `Obs: kassörerna kunde inte hämtas ännu (${syncProblem.sv}). Kassan försöker igen när den startas.`,
    );
  }
  lines.push('Starta kassan med: kassa start   (öppna sedan http://127.0.0.1:8181/)');
  print(io, lines);
  return 0;
}

async function commandStatus(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const report = await collectStatus(dataFolder(io.env), { env: io.env, ask: true });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else print(io, formatStatus(report));
  return report.damaged ? 1 : 0;
}

async function commandDoctor(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, full: { type: 'boolean' } },
    strict: true,
  });
  // --full: the journal's whole hash chain too, with progress (docs/adr/0012-…).
  const lines = await runDoctor(dataFolder(io.env), io.env, {
    full: values.full === true,
    progress: (line) => io.err(line),
  });
  if (values.json)
    io.out(JSON.stringify({ ok: lines.every((l) => l.ok !== false), lines }, null, 2));
  else print(io, formatDoctor(lines));
  return lines.some((l) => l.ok === false) ? 1 : 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function commandStart(io: CliIo, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'no-browser': { type: 'boolean' },
      background: { type: 'boolean' },
    },
    strict: true,
  });
  const port = Number(values.port ?? io.env.KASSA_PORT ?? '8181');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port måste vara ett portnummer (0–65535), inte "${values.port}"`);
  }
  const folder = dataFolder(io.env);
  if (values.background === true) {
    if (port === 0) throw new UsageError('--background behöver en bestämd port (inte --port 0)');
    return startInBackground(io, {
      folder,
      port,
      startArgs: ['--port', String(port), '--no-browser'],
    });
  }
  const app = await buildLocalService({ folder, env: io.env });
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      return fail(io, failure('port-in-use', { port }));
    }
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}/`;
  const status = app.kassa.status();
  print(io, [
    `Kassan är igång: ${url}`,
    status.connected
      ? `Terminal ${status.terminal?.registerId ?? ''} i ${status.environment?.companyName ?? ''}. Datamapp: ${folder}`
      : `Inte ansluten ännu: öppna ${url} och anslut, eller kör kassa connect. Datamapp: ${folder}`,
    'Stoppa med Ctrl+C.',
  ]);
  app.kassa.startSync();
  io.onListening?.({ port: actualPort, url });
  if (values['no-browser'] !== true) {
    const browser = await openBrowser(url, { env: io.env });
    if (!browser.opened && browser.reason === 'failed') {
      io.out(`Webbläsaren kunde inte öppnas: öppna ${url} själv.`);
    }
  }
  await (io.untilStopped ?? waitForSignal)();
  io.out('Stänger kassan …');
  await app.close();
  return 0;
}

/** Runs one command line; resolves with the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'connect':
        return await commandConnect(io, rest);
      case 'status':
        return await commandStatus(io, rest);
      case 'doctor':
        return await commandDoctor(io, rest);
      case 'start':
        return await commandStart(io, rest);
      case 'open':
        return await runOpen(io, rest, (args) => commandStart(io, [...args, '--background']));
      case 'export-journal':
        return await runExportJournal(rest, io, dataFolder(io.env));
      case 'restore-journal':
        return await runRestoreJournal(rest, io, dataFolder(io.env));
      case 'install-provisioning':
        return await runInstallProvisioning(rest, io, dataFolder(io.env));
      case '--version':
      case '-v':
      case 'version':
        io.out(PROGRAM_VERSION);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Okänt kommando / unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof PromptCancelled) {
      io.err('Avbrutet. / Cancelled.');
      return 130;
    }
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
