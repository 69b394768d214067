/**
 * The register program's side of the contract (see docs/protocols/register-protocol.md): its own
 * error codes with Swedish and English messages (failures that happen on the till, before or
 * without the server), the files in its data folder, the provisioning file of the installer
 * download, and the local API that `kassa start` offers to the POS web app on 127.0.0.1.
 *
 * Refusals of the backoffice itself keep their codes from errors.ts and are shown as the server
 * sent them.
 */
import { z } from 'zod';
import {
  ERROR_MESSAGES,
  type CatalogueEntry,
  type ErrorBody,
  type ErrorCode,
  failureSchema,
} from './errors.js';
import {
  SALES_ERROR_MESSAGES,
  controlUnitStateSchema,
  registerSettingsSchema,
} from './register-sales.js';

/** Error codes raised by the register program itself, each with a message that says what to do. */
export const REGISTER_ERROR_MESSAGES = {
  ...SALES_ERROR_MESSAGES,
  'address-invalid': {
    status: 400,
    sv: 'Adressen "{address}" är inte en giltig adress. Ange miljöns adress som den står i backoffice, t.ex. https://dittforetag.kassa.se.',
    en: 'The address "{address}" is not a valid address. Enter the environment\'s address as shown in the backoffice, e.g. https://yourcompany.kassa.se.',
  },
  'address-insecure': {
    status: 400,
    sv: 'Adressen måste börja med https:// (krypterad anslutning). http:// är bara tillåtet för localhost och 127.0.0.1. Skriv adressen med https://, t.ex. https://dittforetag.kassa.se.',
    en: 'The address must start with https:// (encrypted connection). http:// is only allowed for localhost and 127.0.0.1. Write the address with https://, e.g. https://yourcompany.kassa.se.',
  },
  'server-unreachable': {
    status: 502,
    sv: 'Servern {host} går inte att nå ({reason}). Kontrollera att adressen är rätt stavad, att datorn är ansluten till internet och att ingen brandvägg stoppar kassan. Försök sedan igen.',
    en: 'The server {host} cannot be reached ({reason}). Check that the address is spelled correctly, that the computer is connected to the internet and that no firewall blocks the register. Then try again.',
  },
  'tls-failed': {
    status: 502,
    sv: 'Den säkra anslutningen (TLS) till {host} misslyckades: {reason}. Kontrollera att datorns datum och klocka stämmer. Om ert nätverk använder ett eget certifikat (t.ex. en brandvägg som granskar trafiken): ange certifikatfilen i miljövariabeln NODE_EXTRA_CA_CERTS och starta kassan igen.',
    en: "The secure connection (TLS) to {host} failed: {reason}. Check that the computer's date and clock are right. If your network uses its own certificate (e.g. a firewall that inspects traffic): set the certificate file in the environment variable NODE_EXTRA_CA_CERTS and start the register again.",
  },
  'not-a-kassa-server': {
    status: 502,
    sv: '{host} svarar, men det är ingen Kassa-server. Kontrollera adressen: den ska vara er miljös adress, t.ex. https://dittforetag.kassa.se.',
    en: "{host} answers, but it is not a Kassa server. Check the address: it should be your environment's address, e.g. https://yourcompany.kassa.se.",
  },
  'server-answer-invalid': {
    status: 502,
    sv: 'Servern gav ett oväntat svar (HTTP {status}). Försök igen om en stund; om felet kvarstår, kontakta supporten och ange tidpunkten.',
    en: 'The server gave an unexpected answer (HTTP {status}). Try again in a while; if it persists, contact support and give the time.',
  },
  'not-connected': {
    status: 409,
    sv: 'Kassan är inte ansluten till någon miljö. Anslut den med "kassa connect" (eller öppna kassan i webbläsaren och fyll i adress, användarnamn och lösenord).',
    en: 'The register is not connected to an environment. Connect it with "kassa connect" (or open the register in the browser and enter address, username and password).',
  },
  'input-required': {
    status: 400,
    sv: 'Uppgifter saknas: {missing}. Ange dem som flaggor (kassa connect --url … --user … --password … --terminal …, eller --code …) eller kör kassa connect i ett terminalfönster för att bli tillfrågad.',
    en: 'Missing: {missing}. Give them as flags (kassa connect --url … --user … --password … --terminal …, or --code …) or run kassa connect in a terminal window to be asked.',
  },
  'terminal-required': {
    status: 409,
    sv: 'Välj vilken terminal datorn ska bli med --terminal <kassabeteckning>. Terminaler som kan väljas: {choices}.',
    en: 'Choose which terminal this computer becomes with --terminal <register id>. Terminals to choose from: {choices}.',
  },
  'terminal-choice-invalid': {
    status: 400,
    sv: 'Terminalen "{terminal}" finns inte i miljön. Terminaler som kan väljas: {choices}.',
    en: 'The terminal "{terminal}" does not exist in the environment. Terminals to choose from: {choices}.',
  },
  'no-terminals': {
    status: 409,
    sv: 'Miljön har inga aktiva terminaler att ansluta till. Skapa eller aktivera en terminal under Terminaler och kassor i backoffice och försök igen.',
    en: 'The environment has no active terminals to connect to. Create or activate a terminal under Terminals and registers in the backoffice and try again.',
  },
  'provisioning-invalid': {
    status: 409,
    sv: 'Filen {file} kunde inte läsas ({reason}). Ladda ner installationsprogrammet igen i backoffice, eller anslut med --url, --user och --password.',
    en: 'The file {file} could not be read ({reason}). Download the installer again in the backoffice, or connect with --url, --user and --password.',
  },
  'data-folder-other-installation': {
    status: 409,
    sv: 'Datamappen {folder} tillhör en tidigare installation (miljö {url}, terminal {registerId}) och används inte för {wanted}. Kör kassa connect igen med --archive-existing för att flytta undan den (inget raderas), eller välj en annan mapp med miljövariabeln KASSA_HOME.',
    en: 'The data folder {folder} belongs to an earlier installation (environment {url}, terminal {registerId}) and is not used for {wanted}. Run kassa connect again with --archive-existing to move it aside (nothing is deleted), or choose another folder with the environment variable KASSA_HOME.',
  },
  'data-folder-terminal-unknown': {
    status: 409,
    sv: 'Datamappen {folder} tillhör terminalen {registerId} i den här miljön, men det går inte att se vilken terminal parkopplingskoden gäller. Ange --terminal {registerId} om koden gäller samma terminal, annars --archive-existing för att flytta undan mappen (inget raderas).',
    en: 'The data folder {folder} belongs to terminal {registerId} of this environment, but which terminal the pairing code is for is unknown. Give --terminal {registerId} if the code is for the same terminal, otherwise --archive-existing to move the folder aside (nothing is deleted).',
  },
  'data-folder-code-other-terminal': {
    status: 409,
    sv: 'Parkopplingskoden gällde terminalen {connected}, men datamappen {folder} tillhör terminalen {registerId}. Ingenting i datamappen har ändrats. Be en administratör ta bort kopplingen för {connected} i backoffice, och anslut sedan igen med rätt kod eller med --archive-existing.',
    en: 'The pairing code was for terminal {connected}, but the data folder {folder} belongs to terminal {registerId}. Nothing in the data folder was changed. Ask an administrator to remove the binding of {connected} in the backoffice, then connect again with the right code or with --archive-existing.',
  },
  'data-folder-unknown': {
    status: 409,
    sv: 'Mappen {folder} finns redan men innehåller ingen känd Kassa-installation. Kör kassa connect med --archive-existing för att flytta undan den (inget raderas), eller välj en annan mapp med miljövariabeln KASSA_HOME.',
    en: 'The folder {folder} already exists but holds no known Kassa installation. Run kassa connect with --archive-existing to move it aside (nothing is deleted), or choose another folder with the environment variable KASSA_HOME.',
  },
  'data-folder-unwritable': {
    status: 500,
    sv: 'Det går inte att skriva i datamappen {folder} ({reason}). Kontrollera att kontot som kör kassan har skrivrätt där, eller välj en annan mapp med miljövariabeln KASSA_HOME.',
    en: 'The data folder {folder} cannot be written ({reason}). Check that the account running the register may write there, or choose another folder with the environment variable KASSA_HOME.',
  },
  'data-folder-damaged': {
    status: 409,
    sv: 'Filen {file} i datamappen är skadad ({reason}). Kör kassa connect med --archive-existing för att flytta undan mappen (inget raderas) och ansluta på nytt.',
    en: 'The file {file} in the data folder is damaged ({reason}). Run kassa connect with --archive-existing to move the folder aside (nothing is deleted) and connect again.',
  },
  'archive-has-unuploaded': {
    status: 409,
    sv: 'Datamappen {folder} innehåller {count} journalposter som inte har laddats upp till servern, så den flyttas inte undan. Starta den tidigare installationen och låt den synkronisera först. Ska posterna medvetet lämnas kvar i arkivet: kör med --force --reason "skäl".',
    en: 'The data folder {folder} holds {count} journal entries not yet uploaded to the server, so it is not moved aside. Start the earlier installation and let it synchronise first. If the entries are deliberately to be left in the archive: run with --force --reason "why".',
  },
  'archive-journal-unreadable': {
    status: 409,
    sv: 'Datamappen {folder} innehåller en journal (journal.sqlite) som inte kunde läsas, så det går inte att veta om alla poster är uppladdade. Mappen flyttas inte undan. Låt den tidigare installationen synkronisera först, eller kör med --force --reason "skäl".',
    en: 'The data folder {folder} holds a journal (journal.sqlite) that could not be read, so whether every entry is uploaded is unknown. The folder is not moved aside. Let the earlier installation synchronise first, or run with --force --reason "why".',
  },
  'archive-reason-required': {
    status: 409,
    sv: '--force kräver ett skäl: lägg till --reason "…" (skälet skrivs i ARKIVERAD.txt i den arkiverade mappen).',
    en: '--force needs a reason: add --reason "…" (the reason is written to ARKIVERAD.txt in the archived folder).',
  },
  'archive-failed': {
    status: 409,
    sv: 'Datamappen {folder} kunde inte flyttas till {target} ({reason}). Stäng program som använder mappen (t.ex. en kassa som redan körs) och försök igen, eller byt namn på mappen själv.',
    en: 'The data folder {folder} could not be moved to {target} ({reason}). Close programs using the folder (e.g. a register that is already running) and try again, or rename the folder yourself.',
  },
  'device-key-unreadable': {
    status: 500,
    sv: 'Kassans nyckel ({file}) saknas eller kan inte läsas ({reason}). Anslut kassan igen med kassa connect.',
    en: "The register's key ({file}) is missing or unreadable ({reason}). Connect the register again with kassa connect.",
  },
  'invalid-credentials': {
    status: 401,
    sv: 'Fel användarnamn eller PIN-kod. Försök igen.',
    en: 'Wrong username or PIN. Try again.',
  },
  'cashier-not-permitted-here': {
    status: 403,
    sv: 'Du har inte behörighet att logga in på den här kassan',
    en: 'You are not permitted to sign in at this register',
  },
  'pin-locked': {
    status: 429,
    sv: 'För många felaktiga PIN-försök. Vänta {retryAfterSeconds} sekunder och försök igen.',
    en: 'Too many wrong PIN attempts. Wait {retryAfterSeconds} seconds and try again.',
  },
  'cashiers-not-synced': {
    status: 409,
    sv: 'Kassan har ännu inte hämtat kassörerna från servern, så ingen kan logga in. Kontrollera internetanslutningen; kassan försöker igen varje minut.',
    en: 'The register has not yet fetched the cashiers from the server, so nobody can sign in. Check the internet connection; the register tries again every minute.',
  },
  'already-connected': {
    status: 409,
    sv: 'Kassan är redan ansluten (terminal {registerId} i {url}). Anslut på nytt till en annan miljö med kassa connect --archive-existing.',
    en: 'The register is already connected (terminal {registerId} at {url}). To connect to another environment use kassa connect --archive-existing.',
  },
  'local-origin-refused': {
    status: 403,
    sv: 'Förfrågan kom från en annan webbplats och stoppades. Öppna kassan direkt på http://127.0.0.1 med kassans port.',
    en: 'The request came from another site and was stopped. Open the register directly at http://127.0.0.1 with its port.',
  },
  'port-in-use': {
    status: 409,
    sv: 'Port {port} används redan av ett annat program (körs kassan redan? Öppna då http://127.0.0.1:{port}/). Välj annars en annan port med --port.',
    en: 'Port {port} is already used by another program (is the register already running? Then open http://127.0.0.1:{port}/). Otherwise choose another port with --port.',
  },
  'export-period-required': {
    status: 409,
    sv: 'Ange vilken period som ska exporteras: kassa export-journal --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD (affärsdagar, båda dagarna ingår), t.ex. --from 2026-04-01 --to 2026-04-30.',
    en: 'Give the period to export: kassa export-journal --from YYYY-MM-DD --to YYYY-MM-DD (business days, both included), e.g. --from 2026-04-01 --to 2026-04-30.',
  },
  'export-date-invalid': {
    status: 409,
    sv: '"{value}" är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-04-10.',
    en: '"{value}" is not a date. Write the date as YYYY-MM-DD, e.g. 2026-04-10.',
  },
  'export-period-reversed': {
    status: 409,
    sv: 'Perioden börjar ({from}) efter att den slutar ({to}). Byt plats på --from och --to.',
    en: 'The period starts ({from}) after it ends ({to}). Swap --from and --to.',
  },
  'export-journal-missing': {
    status: 409,
    sv: 'Kassan har inget journalminne ännu ({file}): den har inte sålt eller registrerat något på den här datorn. Kör exporten på datorn där kassan används, eller kontrollera datamappen (miljövariabeln KASSA_HOME).',
    en: 'The register has no journal yet ({file}): it has not sold or registered anything on this computer. Run the export on the computer where the register is used, or check the data folder (environment variable KASSA_HOME).',
  },
  'export-journal-unreadable': {
    status: 409,
    sv: 'Journalminnet {file} kunde inte läsas ({reason}). Kontrollera att kontot har läsrätt till datamappen och försök igen; rör inte filen. Kvarstår felet: kontakta supporten.',
    en: 'The journal {file} could not be read ({reason}). Check that the account may read the data folder and try again; do not touch the file. If it persists: contact support.',
  },
  'export-period-empty': {
    status: 409,
    sv: 'Journalminnet har inga registreringar mellan {from} och {to}, så det finns inget att exportera. Välj en period då kassan användes.',
    en: 'The journal has no registrations between {from} and {to}, so there is nothing to export. Choose a period when the register was used.',
  },
  'export-identity-unknown': {
    status: 409,
    sv: 'Organisationsnummer eller försäljningsställets adress är okänd, så exporten kan inte göras. Starta kassan (kassa start) med internetanslutning så att uppgifterna hämtas från servern, och försök igen.',
    en: "The organisation number or the place of sale's address is unknown, so the export cannot be made. Start the register (kassa start) with an internet connection so that the details are fetched from the server, and try again.",
  },
  'upload-server-ahead': {
    status: 409,
    sv: 'Servern har redan {serverSeq} journalposter från den här kassan, men journalen här slutar vid post {localSeq}: slutet av journalen saknas (en gammal kopia, en återställd säkerhetskopia eller en avklippt fil). Kassan säljer inte, så att inga kvittonummer upprepas. Stäng kassan och kör kassa restore-journal --reason "…" på den här datorn: den nuvarande journalfilen sparas undan och serverns kopia hämtas. Kontakta supporten; terminalen är flaggad i backoffice.',
    en: 'The server already holds {serverSeq} journal entries from this register, but the journal here ends at entry {localSeq}: the end of the journal is missing (an old copy, a restored backup or a cut file). The register does not sell, so that no receipt number is repeated. Stop the register and run kassa restore-journal --reason "…" on this PC: the current journal file is kept aside and the server\'s copy is fetched. Contact support; the terminal is flagged in the backoffice.',
  },
  'upload-server-differs': {
    status: 409,
    sv: 'Journalpost {seq} på den här datorn skiljer sig från den som servern redan har tagit emot från kassan. Journalen här har ändrats eller skrivits om, eller är en kopia från en annan installation. Kassan säljer inte. Stäng kassan och kör kassa restore-journal --reason "…": den ändrade journalfilen sparas undan och serverns kopia hämtas. Kontakta supporten; terminalen är flaggad i backoffice.',
    en: 'Journal entry {seq} on this computer differs from the one the server has already received from this register. The journal here has been changed or rewritten, or is a copy from another installation. The register does not sell. Stop the register and run kassa restore-journal --reason "…": the changed journal file is kept aside and the server\'s copy is fetched. Contact support; the terminal is flagged in the backoffice.',
  },
  'journal-anchor-mismatch': {
    status: 409,
    sv: 'Journalminnet stämmer inte med det servern har kvitterat: {problem}. Journalen har klippts av eller skrivits om. Kassan säljer inte. Rör inte filen; stäng kassan och kör kassa restore-journal --reason "…" (den nuvarande filen sparas undan och serverns kopia hämtas), och kontakta supporten.',
    en: 'The journal does not match what the server has acknowledged: {problemEn}. The journal has been cut or rewritten. The register does not sell. Do not touch the file; stop the register and run kassa restore-journal --reason "…" (the current file is kept aside and the server\'s copy is fetched), and contact support.',
  },
  'journal-restore-reason-required': {
    status: 409,
    sv: 'Ange varför journalen återställs med --reason "…" (t.ex. --reason "journalfilen skadad, ärende 123"). Anledningen sparas bredvid den undansparade filen.',
    en: 'Give the reason for restoring the journal with --reason "…" (e.g. --reason "journal file damaged, case 123"). The reason is saved beside the file kept aside.',
  },
  'journal-restore-required': {
    status: 409,
    sv: 'Kassan har ingen journal på den här datorn och har inte kunnat fråga servern om kassans tidigare journal. Kassan måste nå servern en gång för att hämta sin journal innan den kan sälja – annars skulle kvittonumren börja om från 1. Kontrollera internetanslutningen; kassan försöker igen varje minut (eller starta om kassan).',
    en: 'The register has no journal on this computer and has not been able to ask the server for its earlier journal. The register must reach the server once to fetch its journal before it can sell – otherwise receipt numbers would start again at 1. Check the internet connection; the register tries again every minute (or restart the register).',
  },
  'journal-restore-failed': {
    status: 409,
    sv: 'Kassans journal kunde inte hämtas från servern ({reason}). Kassan säljer inte, så att inga kvittonummer upprepas. Försök igen senare; kvarstår felet: kontakta supporten och ange felet.',
    en: "The register's journal could not be fetched from the server ({reason}). The register does not sell, so that no receipt number is repeated. Try again later; if it persists: contact support and give this error.",
  },
  'upload-journal-unreadable': {
    status: 409,
    sv: 'Journalminnet {file} kunde inte läsas ({reason}), så det går inte att se hur många poster som återstår att ladda upp. Rör inte filen. Kör kassa doctor och kontakta supporten om felet kvarstår.',
    en: 'The journal {file} could not be read ({reason}), so how many entries remain to be uploaded is unknown. Do not touch the file. Run kassa doctor and contact support if the problem persists.',
  },
  'export-write-failed': {
    status: 409,
    sv: 'Exportfilen {file} kunde inte skrivas ({reason}). Välj en mapp där du har skrivrätt med --out, t.ex. --out C:\\Users\\Public\\journal.xml.',
    en: 'The export file {file} could not be written ({reason}). Choose a folder you may write to with --out, e.g. --out C:\\Users\\Public\\journal.xml.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** An error code raised by the register program itself. */
export type RegisterErrorCode = keyof typeof REGISTER_ERROR_MESSAGES;

/** Any code the register shows: its own, or one of the backoffice's. */
export type AnyErrorCode = RegisterErrorCode | ErrorCode;

/**
 * The HTTP status of the register's local API for a code, from the catalogue: a register code's
 * own status; a backoffice code's local status where the register differs (binding-removed is
 * 403 there: the PC is known, it may not sell), else its backoffice status. A refusal the server
 * answered is sent on with the server's status instead (Failure.status).
 */
export function localApiStatusOf(code: string): number {
  if (code in REGISTER_ERROR_MESSAGES) {
    return REGISTER_ERROR_MESSAGES[code as RegisterErrorCode].status; // narrowed by the `in` check
  }
  if (code in ERROR_MESSAGES) {
    const entry: CatalogueEntry = ERROR_MESSAGES[code as ErrorCode];
    return entry.localStatus ?? entry.status;
  }
  return 409;
}

/** The refusal shape of the local API (the backoffice's, with the register's codes too). */
export interface RegisterErrorBody {
  error: Omit<ErrorBody['error'], 'code'> & { code: string };
}

function fillTemplate(template: string, details: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = details?.[name];
    return typeof value === 'number' || typeof value === 'string' ? String(value) : whole;
  });
}

/** The Swedish and English messages of a code (the register's catalogue first). */
export function registerMessage(
  code: AnyErrorCode,
  details?: Record<string, unknown>,
): { sv: string; en: string } {
  const entry: { sv: string; en: string } =
    code in REGISTER_ERROR_MESSAGES
      ? REGISTER_ERROR_MESSAGES[code as RegisterErrorCode] // narrowed by the `in` check
      : ERROR_MESSAGES[code as ErrorCode]; // the remaining codes are the backoffice's
  return { sv: fillTemplate(entry.sv, details), en: fillTemplate(entry.en, details) };
}

/** Builds a refusal body from a code; `{name}` in a message is taken from details. */
export function registerErrorBody(
  code: AnyErrorCode,
  details?: Record<string, unknown>,
): RegisterErrorBody {
  const { sv, en } = registerMessage(code, details);
  return { error: details ? { code, sv, en, details } : { code, sv, en } };
}

// ---- Files ----

/** `kassa-provisioning.json`, from the installer download in the backoffice. */
export const provisioningFileSchema = z.object({
  url: z.string().min(1),
  environment: z.string().optional(),
  terminalId: z.string().optional(),
  registerId: z.string().optional(),
  pairingCode: z.string().min(1),
  expiresAt: z.string().optional(),
});
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>;

/** `register.json` in the data folder: which environment and terminal this PC is bound to. */
export const registerFileSchema = z.object({
  formatVersion: z.literal(1),
  url: z.string(),
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  terminal: z.object({
    id: z.string(),
    name: z.string(),
    registerId: z.string(),
    serialNumber: z.string(),
  }),
  bindingId: z.string(),
  fingerprint: z.string(),
  pcName: z.string(),
  connectedAt: z.string(),
});
export type RegisterFile = z.infer<typeof registerFileSchema>;

/** One cashier as the server lists it in GET /api/register/me (for offline sign-in). */
export const registerCashierSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'manager', 'cashier']),
  pinHash: z.string().nullable(),
  active: z.boolean(),
});
export type RegisterCashier = z.infer<typeof registerCashierSchema>;

/** `cashiers.json` in the data folder. */
export const cashiersFileSchema = z.object({
  formatVersion: z.literal(1),
  terminalId: z.string(),
  syncedAt: z.string(),
  cashiers: z.array(registerCashierSchema),
  /** Active users of the environment not permitted at this terminal (for a precise refusal). */
  otherUsernames: z.array(z.string()).default([]),
});
export type CashiersFile = z.infer<typeof cashiersFileSchema>;

// ---- Register local API (127.0.0.1) ----

export const bindingStateSchema = z.enum(['ok', 'removed', 'unknown']);
export type BindingState = z.infer<typeof bindingStateSchema>;

export const localSignedInSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'manager', 'cashier']),
});
export type LocalSignedIn = z.infer<typeof localSignedInSchema>;

/** A reason in the register's own words, e.g. `binding-removed` or `terminal-deactivated`. */
export const localProblemSchema = failureSchema.pick({ code: true, sv: true, en: true });
export type LocalProblem = z.infer<typeof localProblemSchema>;

/** The journal upload as GET /local/status shows it: the backlog and how it drains. */
export const localUploadStatusSchema = z.object({
  /** Journal entries not yet acknowledged by the server. */
  pending: z.number().int().min(0),
  /** When the oldest of them was made; null when nothing is pending. */
  oldestPendingAt: z.string().nullable(),
  /** The server's acknowledged high-water mark, as last stored here. */
  acknowledgedSeq: z.number().int().min(0),
  lastUploadAt: z.string().nullable(),
  /** Why uploading is stopped (a refusal of the server, or a journal that differs from its copy). */
  problem: localProblemSchema.nullable(),
  /** An upload is under way now (a long backlog drains batch by batch). */
  draining: z.boolean(),
});
export type LocalUploadStatus = z.infer<typeof localUploadStatusSchema>;

/** GET /local/status. */
export const localStatusSchema = z.object({
  connected: z.boolean(),
  environment: z.object({ slug: z.string(), companyName: z.string(), url: z.string() }).optional(),
  terminal: z
    .object({ id: z.string(), name: z.string(), registerId: z.string(), serialNumber: z.string() })
    .optional(),
  binding: bindingStateSchema,
  signedIn: localSignedInSchema.nullable(),
  /** Why the register cannot sell now (binding removed, terminal deactivated), if it cannot. */
  problem: localProblemSchema.nullable().optional(),
  lastContactAt: z.string().nullable().optional(),
  programVersion: z.string().optional(),
  /** Selling state, when the register can sell (connected, journal open). */
  controlUnit: controlUnitStateSchema.optional(),
  training: z.boolean().optional(),
  /** Today's business day (Europe/Stockholm). */
  businessDay: z.string().optional(),
  /** Earlier business days with sales and no Z-report yet, oldest first. */
  zPending: z.array(z.string()).optional(),
  settings: registerSettingsSchema.optional(),
  /** The journal upload, when the journal is open. */
  upload: localUploadStatusSchema.optional(),
});
export type LocalStatus = z.infer<typeof localStatusSchema>;

/** POST /local/terminals. */
export const localTerminalsBodySchema = z.strictObject({
  url: z.string().trim().min(1).max(2048),
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(4096),
});
export type LocalTerminalsBody = z.infer<typeof localTerminalsBodySchema>;

/** POST /local/connect: admin credentials and a terminal, or a pairing code. */
export const localConnectBodySchema = z.union([
  z.strictObject({
    url: z.string().trim().min(1).max(2048),
    username: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(4096),
    terminalId: z.string().trim().min(1).max(64),
  }),
  z.strictObject({
    url: z.string().trim().min(1).max(2048).optional(),
    code: z.string().trim().min(1).max(64),
  }),
]);
export type LocalConnectBody = z.infer<typeof localConnectBodySchema>;

/** POST /local/sign-in. */
export const localSignInBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(254),
  pin: z.string().min(1).max(64),
});
export type LocalSignInBody = z.infer<typeof localSignInBodySchema>;
