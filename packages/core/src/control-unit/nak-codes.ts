/**
 * The control unit's refusals: "NAK#<code>" replies, with what the cashier or administrator
 * should do about each, in Swedish and English.
 *
 * Sources (`docs/spec/sweden-regulation.md` §5.3):
 * - CCSP (serial) codes named in the spec: 001 invalid LRC, 006 not operational, 007 invalid POS
 *   id, 011 invalid sequence number [S].
 * - The XCCSP (online) fault codes in the spec, which share their numbers with CCSP: 2 unknown
 *   request, 3 invalid, 6, 7, 9 licence exceeded, 10 memory full, 98 server error, 99 no
 *   connection [S]. We write them with three digits ("002").
 * - 004 invalid sequence, 005 deprecated and 008 internal error appear only in the public Odoo
 *   CleanCash driver's code table [S, not in the spec]; kept so that a unit sending them gets a
 *   useful message rather than "unknown".
 * Unknown codes are still reported (as 'unknown') with the raw code.
 *
 * The texts live here, not at the edge as other Kassa errors do (ADR 0005), because they are
 * protocol knowledge tied to the code table; contracts/UI may reuse or override them.
 * Whatever the code, a refused receipt has no control code, so the sale must not be finalised
 * (docs/spec/sweden-regulation.md §0 items 21–22); where a unit cannot be used, the business must report the fault
 * to Skatteverket without delay (SKVFS 2014:10 4 kap 1 §).
 */

/** A known refusal, by name. */
export type NakReason =
  | 'invalid-lrc'
  | 'unknown-message-type'
  | 'invalid-data'
  | 'invalid-command-order'
  | 'deprecated'
  | 'not-operational'
  | 'invalid-register-id'
  | 'internal-error'
  | 'licence-exceeded'
  | 'storage-full'
  | 'invalid-sequence-number'
  | 'server-error'
  | 'no-connection';

/** Where a code comes from. */
export type NakSource = 'ccsp' | 'xccsp' | 'odoo-driver';

/** Who has to act on the refusal. */
export type NakAudience = 'driver' | 'cashier' | 'administrator' | 'vendor';

/** One entry of the NAK catalogue. */
export interface NakCodeInfo {
  /** Three digits, as in "NAK#006". */
  readonly code: string;
  readonly reason: NakReason;
  /** Which texts the code was taken from (all secondary; see the module comment). */
  readonly sources: readonly NakSource[];
  /** Whether the driver may resend the same request (after resynchronising, for 011). */
  readonly retryable: boolean;
  /** Who has to act when an automatic retry did not help. */
  readonly audience: NakAudience;
  /** What happened and what to do, in Swedish. */
  readonly sv: string;
  /** What happened and what to do, in English. */
  readonly en: string;
}

const REPORT_SV =
  'Kan kontrollenheten inte användas ska felet anmälas till Skatteverket utan dröjsmål (e-tjänsten för kassaregister).';
const REPORT_EN =
  'If the control unit cannot be used, report the fault to Skatteverket without delay (the cash-register e-service).';

/** Every known NAK code, by three-digit code. */
export const NAK_CODES: Readonly<Record<string, NakCodeInfo>> = {
  '001': {
    code: '001',
    reason: 'invalid-lrc',
    sources: ['ccsp'],
    retryable: true,
    audience: 'cashier',
    sv: 'Överföringsfel till kontrollenheten (felaktig kontrollsumma). Försök igen. Kvarstår felet: kontrollera kabeln eller nätverksanslutningen till kontrollenheten.',
    en: 'Transmission error to the control unit (bad checksum). Try again. If it persists, check the cable or network connection to the control unit.',
  },
  '002': {
    code: '002',
    reason: 'unknown-message-type',
    sources: ['xccsp', 'odoo-driver'],
    retryable: false,
    audience: 'administrator',
    sv: 'Kontrollenheten känner inte igen begäran. Kassaprogrammet och kontrollenheten talar olika protokollversioner. Kontakta Kassas support och ange kontrollenhetens modell och firmwareversion.',
    en: 'The control unit does not recognise the request: the register and the unit speak different protocol versions. Contact Kassa support with the unit model and firmware version.',
  },
  '003': {
    code: '003',
    reason: 'invalid-data',
    sources: ['xccsp', 'odoo-driver'],
    retryable: false,
    audience: 'administrator',
    sv: 'Kontrollenheten godtog inte kvittots uppgifter. Kontrollera organisationsnummer och kassabeteckning i inställningarna. Kvarstår felet: kontakta Kassas support.',
    en: 'The control unit refused the receipt data. Check the organisation number and register designation in the settings. If it persists, contact Kassa support.',
  },
  '004': {
    code: '004',
    reason: 'invalid-command-order',
    sources: ['odoo-driver'],
    retryable: true,
    audience: 'driver',
    sv: 'Kommandona till kontrollenheten kom i fel ordning. Försök igen. Kvarstår felet: starta om kassan och kontakta Kassas support.',
    en: 'Commands reached the control unit in the wrong order. Try again. If it persists, restart the register and contact Kassa support.',
  },
  '005': {
    code: '005',
    reason: 'deprecated',
    sources: ['odoo-driver'],
    retryable: false,
    audience: 'vendor',
    sv: 'Kontrollenheten svarade med en felkod som inte längre används. Kontakta Kassas support och ange kontrollenhetens modell och firmwareversion.',
    en: 'The control unit answered with an error code that is no longer used. Contact Kassa support with the unit model and firmware version.',
  },
  '006': {
    code: '006',
    reason: 'not-operational',
    sources: ['ccsp', 'xccsp'],
    retryable: false,
    audience: 'administrator',
    sv: `Kontrollenheten är inte i drift. Försäljning kan inte avslutas; du kan fortsätta bygga och parkera köp. Kontrollera att kontrollenheten har ström och är ansluten, och starta om den. ${REPORT_SV}`,
    en: `The control unit is not operational. Sales cannot be completed; you can still build and park orders. Check that the unit has power and is connected, and restart it. ${REPORT_EN}`,
  },
  '007': {
    code: '007',
    reason: 'invalid-register-id',
    sources: ['ccsp', 'xccsp'],
    retryable: false,
    audience: 'administrator',
    sv: 'Kontrollenheten känner inte igen kassabeteckningen. Kassabeteckningen i Kassas inställningar måste vara exakt den som är registrerad i kontrollenheten.',
    en: "The control unit does not know this register designation. The designation in Kassa's settings must match exactly the one registered in the control unit.",
  },
  '008': {
    code: '008',
    reason: 'internal-error',
    sources: ['odoo-driver'],
    retryable: true,
    audience: 'vendor',
    sv: `Internt fel i kontrollenheten. Försök igen; starta annars om kontrollenheten och kontakta leverantören. ${REPORT_SV}`,
    en: `Internal error in the control unit. Try again; otherwise restart the unit and contact its vendor. ${REPORT_EN}`,
  },
  '009': {
    code: '009',
    reason: 'licence-exceeded',
    sources: ['xccsp', 'odoo-driver'],
    retryable: false,
    audience: 'administrator',
    sv: 'Kontrollenhetens licens räcker inte för fler kassor. Kontakta kontrollenhetens leverantör för att utöka licensen.',
    en: "The control unit's licence does not cover more registers. Contact the unit's vendor to extend the licence.",
  },
  '010': {
    code: '010',
    reason: 'storage-full',
    sources: ['xccsp', 'odoo-driver'],
    retryable: false,
    audience: 'vendor',
    sv: `Kontrollenhetens minne är fullt och inga fler kvitton kan registreras. Kontakta kontrollenhetens leverantör. ${REPORT_SV}`,
    en: `The control unit's memory is full; no more receipts can be registered. Contact the unit's vendor. ${REPORT_EN}`,
  },
  '011': {
    code: '011',
    reason: 'invalid-sequence-number',
    sources: ['ccsp', 'odoo-driver'],
    retryable: true,
    audience: 'driver',
    sv: 'Meddelandets sekvensnummer godtogs inte. Kassan synkroniserar om och försöker igen. Kvarstår felet: starta om kassan och kontrollenheten.',
    en: 'The message sequence number was not accepted. The register resynchronises and tries again. If it persists, restart the register and the control unit.',
  },
  '098': {
    code: '098',
    reason: 'server-error',
    sources: ['xccsp'],
    retryable: true,
    audience: 'vendor',
    sv: `Fel hos kontrollenhetens server. Försök igen om en stund. ${REPORT_SV}`,
    en: `The control unit's server failed. Try again shortly. ${REPORT_EN}`,
  },
  '099': {
    code: '099',
    reason: 'no-connection',
    sources: ['xccsp'],
    retryable: true,
    audience: 'cashier',
    sv: `Ingen förbindelse med kontrollenheten. Försäljning kan inte avslutas; du kan fortsätta bygga och parkera köp. Kontrollera internetanslutningen. ${REPORT_SV}`,
    en: `No connection to the control unit. Sales cannot be completed; you can still build and park orders. Check the internet connection. ${REPORT_EN}`,
  },
};

/** Writes a NAK code with three digits ("6" → "006"); other text is returned unchanged. */
export function normaliseNakCode(code: string): string {
  return /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : code;
}

/** Looks a NAK code up in the catalogue ("6" and "006" are the same code). */
export function describeNakCode(code: string): NakCodeInfo | undefined {
  const normalised = normaliseNakCode(code);
  return Object.hasOwn(NAK_CODES, normalised) ? NAK_CODES[normalised] : undefined;
}
