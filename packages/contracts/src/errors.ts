/**
 * The catalogue of user-facing error codes: each code has its HTTP status, a Swedish message that
 * says what to do, and an English one. Codes and statuses are stable API; messages may be
 * improved. This is the one place a code's status is decided: the server's ApiError and the
 * register's local API read it from here.
 *
 * How a status is chosen: 400 a request that is wrong in itself; 401 who is asking is not known;
 * 403 known but not allowed; 404 a thing the request names (in the path, the query or the body)
 * does not exist; 409 the state of what exists does not allow it now; 410 gone for good; 422 the
 * request is right but the stored data cannot be turned into the answer; 426 the program must be
 * updated; 429 too many tries; 5xx the server or a device failed.
 */
import { z } from 'zod';

/** A catalogue entry: the status, and the messages with `{name}` placeholders from details. */
export interface CatalogueEntry {
  /** The HTTP status of the backoffice API (or, for a register code, of its local API). */
  readonly status: number;
  /** The register's local API status, where it differs from the backoffice's. */
  readonly localStatus?: number;
  readonly sv: string;
  readonly en: string;
}

export const ERROR_MESSAGES = {
  'invalid-json': {
    status: 400,
    sv: 'Förfrågan innehöll ogiltig JSON. Kontrollera det som skickades och försök igen.',
    en: 'The request contained invalid JSON. Check what was sent and try again.',
  },
  'validation-failed': {
    status: 400,
    sv: 'Några uppgifter saknas eller är felaktiga. Rätta de markerade fälten och försök igen.',
    en: 'Some fields are missing or invalid. Correct them and try again.',
  },
  'body-too-large': {
    status: 413,
    sv: 'Förfrågan är för stor. Skicka mindre data åt gången.',
    en: 'The request is too large. Send less data at a time.',
  },
  'unsupported-media-type': {
    status: 415,
    sv: 'Förfrågan måste skickas som JSON (Content-Type: application/json).',
    en: 'The request must be sent as JSON (Content-Type: application/json).',
  },
  'bad-request': {
    status: 400,
    sv: 'Förfrågan kunde inte tolkas. Kontrollera den och försök igen.',
    en: 'The request could not be understood. Check it and try again.',
  },
  'not-found': {
    status: 404,
    sv: 'Det du söker finns inte. Kontrollera adressen.',
    en: 'What you are looking for does not exist. Check the address.',
  },
  'environment-not-found': {
    status: 404,
    sv: 'Det finns ingen miljö på den här adressen. Kontrollera adressen (t.ex. https://dittforetag.kassa.se).',
    en: 'There is no environment at this address. Check the address (e.g. https://yourcompany.kassa.se).',
  },
  'not-authenticated': {
    status: 401,
    sv: 'Du är inte inloggad. Logga in och försök igen.',
    en: 'You are not signed in. Sign in and try again.',
  },
  'invalid-credentials': {
    status: 401,
    sv: 'Fel användarnamn eller lösenord. Kontrollera stavningen och att Caps Lock inte är på.',
    en: 'Wrong username or password. Check the spelling and that Caps Lock is off.',
  },
  'account-deactivated': {
    status: 403,
    sv: 'Kontot är inaktiverat. Be en administratör att aktivera det igen.',
    en: 'The account is deactivated. Ask an administrator to activate it again.',
  },
  'sign-in-locked': {
    status: 429,
    sv: 'För många misslyckade inloggningsförsök. Vänta {retryAfterMinutes} minuter och försök igen, eller be en administratör att återställa lösenordet.',
    en: 'Too many failed sign-in attempts. Wait {retryAfterMinutes} minutes and try again, or ask an administrator to reset the password.',
  },
  'csrf-token-invalid': {
    status: 403,
    sv: 'Säkerhetskontrollen misslyckades (CSRF). Ladda om sidan och försök igen.',
    en: 'The security check failed (CSRF). Reload the page and try again.',
  },
  'csrf-origin-mismatch': {
    status: 403,
    sv: 'Förfrågan kom från en annan webbplats och stoppades. Öppna backoffice direkt och försök igen.',
    en: 'The request came from another site and was stopped. Open the backoffice directly and try again.',
  },
  'forbidden-cashier': {
    status: 403,
    sv: 'Kassörer använder kassan, inte backoffice. Be en administratör om du behöver mer behörighet.',
    en: 'Cashiers use the register, not the backoffice. Ask an administrator if you need more access.',
  },
  'forbidden-admin-only': {
    status: 403,
    sv: 'Bara administratörer får göra detta. Be en administratör om hjälp.',
    en: 'Only administrators may do this. Ask an administrator for help.',
  },
  'user-not-found': {
    status: 404,
    sv: 'Användaren finns inte. Ladda om listan över användare.',
    en: 'The user does not exist. Reload the list of users.',
  },
  'username-taken': {
    status: 409,
    sv: 'Användarnamnet är redan upptaget i den här miljön. Välj ett annat.',
    en: 'The username is already taken in this environment. Choose another.',
  },
  'password-too-short': {
    status: 400,
    sv: 'Lösenordet är för kort. Det måste ha minst 10 tecken.',
    en: 'The password is too short. It must have at least 10 characters.',
  },
  'password-too-long': {
    status: 400,
    sv: 'Lösenordet är för långt. Det får ha högst 256 tecken.',
    en: 'The password is too long. It may have at most 256 characters.',
  },
  'cannot-change-own-account': {
    status: 409,
    sv: 'Du kan inte inaktivera ditt eget konto eller ta bort din egen administratörsroll. Be en annan administratör.',
    en: 'You cannot deactivate your own account or remove your own administrator role. Ask another administrator.',
  },
  'last-admin': {
    status: 409,
    sv: 'Miljön måste ha minst en aktiv administratör. Utse en ny administratör först.',
    en: 'The environment must have at least one active administrator. Appoint a new one first.',
  },
  'invalid-organisation-number': {
    status: 400,
    sv: 'Organisationsnumret är ogiltigt. Ange tio siffror, t.ex. 556123-4567, och kontrollera kontrollsiffran.',
    en: 'The organisation number is invalid. Enter ten digits, e.g. 556123-4567, and check the check digit.',
  },
  'licence-full': {
    status: 409,
    sv: 'Licensen räcker inte: {licensed} terminaler ingår och {active} är aktiva. Inaktivera en terminal eller kontakta Kassa för att utöka licensen.',
    en: 'The licence is full: {licensed} terminals are included and {active} are active. Deactivate a terminal or contact Kassa to extend the licence.',
  },
  'module-not-licensed': {
    status: 403,
    sv: 'Den här delen ingår inte i er licens. Kontakta Kassa om ni vill lägga till den.',
    en: 'This part is not included in your licence. Contact Kassa if you want to add it.',
  },
  'terminal-not-found': {
    status: 404,
    sv: 'Terminalen finns inte. Ladda om listan över terminaler.',
    en: 'The terminal does not exist. Reload the list of terminals.',
  },
  'register-id-taken': {
    status: 409,
    sv: 'Kassabeteckningen används redan av en annan terminal i miljön. Välj en annan.',
    en: 'The register designation is already used by another terminal in this environment. Choose another.',
  },
  'place-of-business-not-found': {
    status: 404,
    sv: 'Försäljningsstället finns inte. Välj ett försäljningsställe i listan.',
    en: 'The place of business does not exist. Choose one from the list.',
  },
  'registration-incomplete': {
    status: 400,
    sv: 'En registrerad kassa måste ha kontrollenhetens tillverkningsnummer och registreringsdatum. Fyll i båda, eller välj "Ej registrerad".',
    en: 'A registered register needs the control unit\'s serial number and the registration date. Fill in both, or choose "Not registered".',
  },
  'product-not-found': {
    status: 404,
    sv: 'Artikeln finns inte. Ladda om artikellistan.',
    en: 'The product does not exist. Reload the product list.',
  },
  'article-number-taken': {
    status: 409,
    sv: 'Artikelnumret används redan av en annan artikel. Välj ett annat.',
    en: 'The article number is already used by another product. Choose another.',
  },
  'barcode-taken': {
    status: 409,
    sv: 'Streckkoden {barcode} används redan av en annan artikel. En streckkod kan bara höra till en artikel.',
    en: 'The barcode {barcode} is already used by another product. A barcode can belong to one product only.',
  },
  'barcode-invalid': {
    status: 400,
    sv: 'Streckkoden {barcode} har fel kontrollsiffra. Kontrollera siffrorna.',
    en: 'The barcode {barcode} has a wrong check digit. Check the digits.',
  },
  'price-change-in-past': {
    status: 400,
    sv: 'En prisändring kan bara gälla från i dag eller senare. Välj ett datum från och med i dag.',
    en: 'A price change can only take effect today or later. Choose a date from today on.',
  },
  'import-has-errors': {
    status: 400,
    sv: 'Importen innehåller fel och ingenting sparades. Rätta raderna i felrapporten och importera igen.',
    en: 'The import contains errors and nothing was saved. Correct the rows in the error report and import again.',
  },
  'invalid-pin': {
    status: 400,
    sv: 'PIN-koden måste vara 4–8 siffror.',
    en: 'The PIN must be 4–8 digits.',
  },
  'connect-requires-admin': {
    status: 403,
    sv: 'Användaren är inte administratör. Anslut med en administratörs användarnamn och lösenord, eller använd parkopplingskoden från nedladdningen.',
    en: "The user is not an administrator. Connect with an administrator's username and password, or use the pairing code from the download.",
  },
  'terminal-deactivated': {
    status: 409,
    sv: 'Terminalen är inaktiverad. En administratör kan aktivera den under Terminaler och kassor i backoffice.',
    en: 'The terminal is deactivated. An administrator can activate it under Terminals and registers in the backoffice.',
  },
  'terminal-bound-elsewhere': {
    status: 409,
    sv: 'Terminalen är redan kopplad till datorn {pcName} (sedan {boundAtText}). Välj en annan terminal, eller be en administratör att välja "Ta bort koppling mot hårdvara" för terminalen i backoffice – bara om den datorn har kraschat eller byts ut.',
    en: 'The terminal is already bound to the computer {pcName} (since {boundAtText}). Choose another terminal, or ask an administrator to use "Remove hardware binding" for the terminal in the backoffice – only if that computer crashed or is being replaced.',
  },
  'terminal-not-bound': {
    status: 409,
    sv: 'Terminalen är inte ansluten till någon hårdvara, så det finns ingen koppling att ta bort.',
    en: 'The terminal is not bound to any hardware, so there is no binding to remove.',
  },
  'binding-confirmation-mismatch': {
    status: 400,
    sv: 'Bekräftelsen stämmer inte. Skriv terminalens kassabeteckning exakt och ange ett skäl.',
    en: "The confirmation does not match. Type the terminal's register designation exactly and give a reason.",
  },
  'pairing-code-invalid': {
    status: 400,
    sv: 'Parkopplingskoden finns inte. Kontrollera koden, eller ladda ner installationsprogrammet igen i backoffice för en ny kod.',
    en: 'The pairing code does not exist. Check the code, or download the installer again in the backoffice for a new code.',
  },
  'pairing-code-expired': {
    status: 410,
    sv: 'Parkopplingskoden har gått ut (den gäller i 24 timmar och bara den senaste nedladdningen). Ladda ner installationsprogrammet igen i backoffice.',
    en: 'The pairing code has expired (it is valid for 24 hours and only for the latest download). Download the installer again in the backoffice.',
  },
  'pairing-code-used': {
    status: 410,
    sv: 'Parkopplingskoden är redan använd. Ladda ner installationsprogrammet igen i backoffice för en ny kod.',
    en: 'The pairing code has already been used. Download the installer again in the backoffice for a new code.',
  },
  'device-signature-invalid': {
    status: 401,
    sv: 'Kassan kunde inte identifiera sig mot servern. Kontrollera datorns klocka (kassa doctor) eller anslut kassan igen.',
    en: "The register could not authenticate to the server. Check the computer's clock (kassa doctor) or connect the register again.",
  },
  'device-replay': {
    status: 401,
    sv: 'Förfrågan har redan tagits emot en gång och stoppades. Försök igen.',
    en: 'The request was already received once and was stopped. Try again.',
  },
  'binding-removed': {
    status: 401,
    localStatus: 403,
    sv: 'Kopplingen mellan den här datorn och terminalen har tagits bort i backoffice. Kassan kan inte sälja här längre. Anslut på nytt (kassa connect) om datorn ska användas som kassa.',
    en: 'The binding between this computer and the terminal was removed in the backoffice. The register can no longer sell here. Connect again (kassa connect) if this computer is to be used as a register.',
  },
  'installer-not-built': {
    status: 503,
    sv: 'Installationsprogrammet är inte byggt på den här servern. Driftansvarig behöver köra "npm run build:register" och starta om servern.',
    en: 'The installer has not been built on this server. The operator needs to run "npm run build:register" and restart the server.',
  },
  'rate-limited': {
    status: 429,
    sv: 'För många förfrågningar. Vänta en stund och försök igen.',
    en: 'Too many requests. Wait a moment and try again.',
  },
  'journal-gap': {
    status: 409,
    sv: 'Journalen har en lucka: servern väntade post {expectedSeq} men fick {receivedSeq}. Inget av sändningen sparades. Kassan hämtar serverns läge och skickar om från rätt post; kvarstår felet, kontakta supporten. Terminalen är flaggad i backoffice.',
    en: 'The journal has a gap: the server expected entry {expectedSeq} but received {receivedSeq}. Nothing of the upload was stored. The register fetches the server’s position and resends from the right entry; if the problem persists, contact support. The terminal is flagged in the backoffice.',
  },
  'journal-chain-broken': {
    status: 409,
    sv: 'Journalpost {seq} hänger inte ihop med kedjan (kontrollsumman stämmer inte). Inget av sändningen sparades. Journalen kan ha ändrats eller skadats: kör "kassa doctor" på kassadatorn och kontakta supporten. Terminalen är flaggad i backoffice.',
    en: 'Journal entry {seq} does not fit the chain (its checksum does not match). Nothing of the upload was stored. The journal may have been changed or damaged: run "kassa doctor" on the register PC and contact support. The terminal is flagged in the backoffice.',
  },
  'journal-conflict': {
    status: 409,
    sv: 'Journalpost {seq} skiljer sig från den som servern redan har tagit emot. Inget av sändningen sparades. Kassans journal stämmer inte med serverns kopia: sälj inte vidare på den här kassan utan att kontakta supporten. Terminalen är flaggad i backoffice.',
    en: 'Journal entry {seq} differs from the one the server has already received. Nothing of the upload was stored. The register’s journal does not match the server’s copy: contact support before selling more on this register. The terminal is flagged in the backoffice.',
  },
  'journal-entry-unreadable': {
    status: 409,
    sv: 'Journalpost {seq} sparades men kunde inte läsas in i försäljningsrapporterna (kvittot eller Z-rapporten har ett format som servern inte känner igen). Rapporterna saknar posten: uppdatera servern och kontakta supporten.',
    en: 'Journal entry {seq} was stored but could not be read into the sales reports (the receipt or Z report has a format the server does not recognise). The reports lack the entry: update the server and contact support.',
  },
  'journal-behind-server': {
    status: 409,
    sv: 'Kassans journal slutar vid post {localSeq}, men servern har redan tagit emot {serverSeq} poster från terminalen: slutet av journalen på kassadatorn saknas (avklippt fil eller gammal säkerhetskopia). Kassan säljer inte förrän journalen är återställd. Åtgärd: stäng kassan och kör kassa restore-journal --reason "…" på kassadatorn (filen sparas undan och serverns kopia hämtas); ta reda på varför filen ändrats och kvittera sedan här.',
    en: 'The register’s journal ends at entry {localSeq}, but the server has already received {serverSeq} entries from the terminal: the end of the journal on the register PC is missing (a cut file or an old backup). The register does not sell until the journal is restored. What to do: stop the register and run kassa restore-journal --reason "…" on the register PC (the file is kept aside and the server’s copy is fetched); find out why the file changed, then acknowledge here.',
  },
  'journal-differs-from-server': {
    status: 409,
    sv: 'Kassans journalpost {seq} skiljer sig från den som servern redan har kvitterat: journalen på kassadatorn har skrivits om. Kassan säljer inte förrän journalen är återställd. Åtgärd: stäng kassan och kör kassa restore-journal --reason "…" på kassadatorn (den ändrade filen sparas undan och serverns kopia hämtas); utred vem som ändrat filen och kvittera sedan här.',
    en: 'The register’s journal entry {seq} differs from the one the server has already acknowledged: the journal on the register PC has been rewritten. The register does not sell until the journal is restored. What to do: stop the register and run kassa restore-journal --reason "…" on the register PC (the changed file is kept aside and the server’s copy is fetched); find out who changed the file, then acknowledge here.',
  },
  'register-clock-fault': {
    status: 409,
    sv: 'Kassans klocka var fel ({clock}, jämfört med {reference}: {differenceMinutes} minuter) och kassan slutade sälja tills klockan var rätt (journalpost {seq}). Inga kvitton fick fel datum. Åtgärd: slå på "Ställ in tiden automatiskt" i Windows på kassadatorn och kontrollera tidszonen (Stockholm); byt BIOS-batteriet om klockan går fel efter varje omstart. Kvittera sedan här.',
    en: 'The register’s clock was wrong ({clock}, against {reference}: {differenceMinutes} minutes) and the register stopped selling until the clock was right (journal entry {seq}). No receipt got a wrong date. What to do: turn on "Set time automatically" in Windows on the register PC and check the time zone (Stockholm); replace the BIOS battery if the clock is wrong after every restart. Then acknowledge here.',
  },
  'journal-entries-lost': {
    status: 409,
    sv: 'Terminalens journal har en lucka: kassan som användes före den här hade kvitton eller journalposter som aldrig laddades upp ({lostEntries} poster ej uppladdade; högsta kvittonummer på servern {storedReceiptNumber}, högsta som kassan rapporterat {lastReceiptNumber}). De gick förlorade med datorn eller datamappen och kan inte återskapas; journalen fortsätter från serverns kopia (post {acknowledgedSeq}), de förlorade kvittonumren hoppas över och journalförs, så inget nummer upprepas. Åtgärd: leta efter den gamla datamappen (arkiv eller säkerhetskopia) och kontakta supporten; notera luckan för revisionen och kvittera sedan här.',
    en: 'The terminal’s journal has a gap: the register used before this one had receipts or journal entries that were never uploaded ({lostEntries} entries not uploaded; highest receipt number on the server {storedReceiptNumber}, highest the register reported {lastReceiptNumber}). They were lost with the PC or the data folder and cannot be recreated; the journal continues from the server’s copy (entry {acknowledgedSeq}), the lost receipt numbers are skipped and journaled, so no number repeats. What to do: look for the old data folder (archive or backup) and contact support; note the gap for the audit, then acknowledge here.',
  },
  'sync-problem-none': {
    status: 409,
    sv: 'Terminalen har inget synkproblem att kvittera. Ladda om sidan.',
    en: 'The terminal has no sync problem to acknowledge. Reload the page.',
  },
  'report-period-invalid': {
    status: 400,
    sv: 'Perioden är ogiltig: "till" får inte vara före "från", och perioden får vara högst {maxDays} dagar. Välj en annan period.',
    en: 'The period is invalid: "to" may not be before "from", and the period may be at most {maxDays} days. Choose another period.',
  },
  'z-report-not-found': {
    status: 404,
    sv: 'Z-rapporten finns inte i arkivet. Kontrollera terminal och nummer; en ny Z-rapport syns när kassan har skickat sin journal.',
    en: 'The Z report is not in the archive. Check the terminal and number; a new Z report appears once the register has uploaded its journal.',
  },
  'z-report-unreadable': {
    status: 422,
    sv: 'Z-rapport {zNumber} finns i arkivet men har ett format som servern inte kan skriva ut ({reason}). Uppdatera servern; journalexporten (SKVFS 2021:16) innehåller rapporten oavsett.',
    en: 'Z report {zNumber} is in the archive but has a format the server cannot print ({reason}). Update the server; the journal export (SKVFS 2021:16) contains the report regardless.',
  },
  'journal-export-period-reversed': {
    status: 400,
    sv: 'Perioden börjar ({from}) efter att den slutar ({to}). Välj ett från-datum som är samma dag som eller före till-datumet.',
    en: 'The period starts ({from}) after it ends ({to}). Choose a from date on or before the to date.',
  },
  'journal-export-period-too-long': {
    status: 400,
    sv: 'En journalexport kan omfatta högst {maxDays} dagar. Exportera en längre period i flera delar.',
    en: 'A journal export may cover at most {maxDays} days. Export a longer period in several parts.',
  },
  'journal-export-empty': {
    status: 404,
    sv: 'Serverns kopia av journalen för kassa {registerId} har inga registreringar mellan {from} och {to}. Välj en annan period; har kassan inte skickat sin journal än syns det under Terminaler (synkstatus).',
    en: 'The server’s copy of the journal of register {registerId} has no entries between {from} and {to}. Choose another period; if the register has not uploaded its journal yet, Terminals shows it (sync status).',
  },
  'journal-export-too-large': {
    status: 422,
    sv: 'Perioden har {entries} journalposter, fler än de {maxEntries} som en export kan innehålla. Välj en kortare period och exportera i flera delar.',
    en: 'The period has {entries} journal entries, more than the {maxEntries} one export can hold. Choose a shorter period and export in several parts.',
  },
  'sie-no-z-reports': {
    status: 422,
    sv: 'Det finns inga Z-rapporter med affärsdag {from}–{to} för det du valde. Välj en annan period, kassa eller försäljningsställe; en dags Z-rapport kommer med när den är tagen i kassan och kassan har skickat sin journal.',
    en: 'There are no Z reports with a business day {from}–{to} for what you chose. Choose another period, register or place of business; a day’s Z report is included once it has been taken at the register and the register has uploaded its journal.',
  },
  'sie-only-simulated': {
    status: 422,
    sv: 'Alla Z-rapporter med affärsdag {from}–{to} ({zReports} st) innehåller kvitton signerade av en simulerad kontrollenhet – de är inte giltiga för redovisning och bokförs inte. Anslut en riktig kontrollenhet i kassan. Behöver du filen ändå (t.ex. för att prova importen): kryssa i "Ta med kvitton från en simulerad kontrollenhet i filerna" (i API:t includeSimulated=true).',
    en: 'All Z reports with a business day {from}–{to} ({zReports}) hold receipts signed by a simulated control unit – they are not valid for accounting and are not booked. Connect a real control unit at the register. If you need the file anyway (e.g. to try the import): tick "Include receipts from a simulated control unit in the files" (in the API includeSimulated=true).',
  },
  'sie-nothing-to-book': {
    status: 422,
    sv: 'Z-rapporterna med affärsdag {from}–{to} ({zReports} st) har ingen försäljning och inga returer, så det finns inget att bokföra. Välj en annan period.',
    en: 'The Z reports with a business day {from}–{to} ({zReports}) have no sales and no returns, so there is nothing to book. Choose another period.',
  },
  'export-z-report-unreadable': {
    status: 422,
    sv: 'Z-rapport {zNumber} för kassa {registerId} ({businessDay}) saknar uppgifter som exporten behöver och kan inte tas med. Uppdatera servern och kontakta supporten.',
    en: 'Z report {zNumber} of register {registerId} ({businessDay}) lacks figures the export needs and cannot be included. Update the server and contact support.',
  },
  'sie-character-not-in-cp437': {
    status: 422,
    sv: 'Tecknet "{character}" ({codePoint}) i {fieldSv} "{text}" kan inte skrivas i en SIE-fil (teckenuppsättningen PC8, som bokföringsprogrammen läser). {fixSv}',
    en: 'The character "{character}" ({codePoint}) in {fieldEn} "{text}" cannot be written in a SIE file (the PC8 character set the bookkeeping programs read). {fixEn}',
  },
  'sie-verification-unbalanced': {
    status: 422,
    sv: 'Z-rapport {zNumber} för kassa {registerId} går inte jämnt ut (differens {difference} öre) och kan inte bokföras. Kontakta supporten.',
    en: 'Z report {zNumber} of register {registerId} does not balance (difference {difference} öre) and cannot be booked. Contact support.',
  },
  'sie-z-report-outside-period': {
    status: 422,
    sv: 'Z-rapport {zNumber} för kassa {registerId} gäller {businessDay}, utanför vald period. Välj en period som omfattar dagen.',
    en: 'Z report {zNumber} of register {registerId} is for {businessDay}, outside the chosen period. Choose a period that includes the day.',
  },
  'sie-z-report-duplicate': {
    status: 422,
    sv: 'Z-rapport {zNumber} för kassa {registerId} finns två gånger i exporten. Exportera en kassa i taget och kontakta supporten.',
    en: 'Z report {zNumber} of register {registerId} appears twice in the export. Export one register at a time and contact support.',
  },
  'sie-period-invalid': {
    status: 400,
    sv: 'Perioden är ogiltig. Ange ett startdatum som inte ligger efter slutdatumet.',
    en: 'The period is invalid. Give a start date that is not after the end date.',
  },
  'sie-financial-year-invalid': {
    status: 422,
    sv: 'Räkenskapsåret är ogiltigt eller omfattar inte hela perioden. Kontrollera räkenskapsåret i inställningarna.',
    en: 'The financial year is invalid or does not cover the whole period. Check it in the settings.',
  },
  'sie-generated-on-invalid': {
    status: 422,
    sv: 'Datumet för filen är ogiltigt. Försök igen.',
    en: 'The file’s date is invalid. Try again.',
  },
  'sie-organisation-number-invalid': {
    status: 422,
    sv: 'Organisationsnumret {input} är ogiltigt. Rätta det under Företagsuppgifter och exportera igen.',
    en: 'The organisation number {input} is invalid. Correct it under company details and export again.',
  },
  'sie-text-invalid': {
    status: 422,
    sv: 'En text i exporten ({fieldSv}) är tom eller innehåller otillåtna tecken (t.ex. radbrytning). Rätta den och försök igen.',
    en: 'A text in the export ({fieldEn}) is empty or contains forbidden characters (e.g. a line break). Correct it and try again.',
  },
  'sie-register-id-invalid': {
    status: 422,
    sv: 'Z-rapport {zNumber} har en kassabeteckning ("{registerId}") som saknas eller har otillåtna tecken. Kontakta supporten.',
    en: 'Z report {zNumber} has a register designation ("{registerId}") that is missing or has forbidden characters. Contact support.',
  },
  'sie-account-number-invalid': {
    status: 400,
    sv: 'Kontonumret "{number}" för {roleSv} är ogiltigt. Ange 4–6 siffror som inte börjar med 0, t.ex. 1910.',
    en: 'The account number "{number}" for {roleEn} is invalid. Give 4–6 digits not starting with 0, e.g. 1910.',
  },
  'sie-account-name-invalid': {
    status: 400,
    sv: 'Kontonamnet för {roleSv} är tomt, längre än 100 tecken eller har tecken som inte går att skriva i en SIE-fil (t.ex. € eller radbrytning). Rätta namnet.',
    en: 'The account name for {roleEn} is empty, longer than 100 characters or has characters a SIE file cannot hold (e.g. € or a line break). Correct the name.',
  },
  'sie-account-name-conflict': {
    status: 400,
    sv: 'Konto {number} har två olika namn ("{first}" och "{second}"). Använd samma namn överallt där kontot används.',
    en: 'Account {number} has two different names ("{first}" and "{second}"). Use the same name wherever the account is used.',
  },
  'register-too-old': {
    status: 426,
    sv: 'Kassaprogrammet på den här datorn är för gammalt för servern (protokoll {sent}, servern kräver minst {oldest}). Installera Kassa {install}: ladda ner installationsprogrammet för kassan i backoffice och kör det på den här datorn.',
    en: 'The register program on this PC is too old for the server (protocol {sent}, the server needs at least {oldest}). Install Kassa {install}: download the register installer in the backoffice and run it on this PC.',
  },
  'register-protocol-invalid': {
    status: 400,
    sv: 'Kassan skickade en protokollversion som servern inte förstår ("{sent}"). Installera Kassa {install}: ladda ner installationsprogrammet för kassan i backoffice och kör det på den här datorn.',
    en: 'The register sent a protocol version the server does not understand ("{sent}"). Install Kassa {install}: download the register installer in the backoffice and run it on this PC.',
  },
  'internal-error': {
    status: 500,
    sv: 'Ett oväntat fel uppstod. Försök igen; om felet kvarstår, kontakta supporten och ange tidpunkten.',
    en: 'An unexpected error occurred. Try again; if it persists, contact support and give the time.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable error code of the API. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The HTTP status of a code of the backoffice API. */
export function errorStatus(code: ErrorCode): number {
  return ERROR_MESSAGES[code].status;
}

/**
 * A refusal as it crosses every boundary: its stable code, what to do in Swedish and English,
 * and the details its messages were filled from. The one failure shape of the server's answers,
 * the register's local API, the register's own failures and the web apps.
 */
export const failureSchema = z.object({
  code: z.string(),
  sv: z.string(),
  en: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A refusal, with the HTTP status it was answered with or is to be answered with (the status is
 * not in the JSON body: it is the answer's status line).
 */
export type Failure = z.infer<typeof failureSchema> & { status?: number };

/** The JSON body of every refusal, of the backoffice API and the register's local API. */
export const errorBodySchema = z.object({ error: failureSchema });

/** The JSON body of every refusal. */
export interface ErrorBody {
  error: Omit<Failure, 'status'> & { code: ErrorCode };
}

/** Fills `{name}` placeholders from details (numbers and strings only). */
function fill(template: string, details: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = details?.[name];
    return typeof value === 'number' || typeof value === 'string' ? String(value) : whole;
  });
}

/** Builds the body of a refusal from its code; `{name}` in a message is taken from details. */
export function errorBody(code: ErrorCode, details?: Record<string, unknown>): ErrorBody {
  const sv = fill(ERROR_MESSAGES[code].sv, details);
  const en = fill(ERROR_MESSAGES[code].en, details);
  return { error: details ? { code, sv, en, details } : { code, sv, en } };
}
