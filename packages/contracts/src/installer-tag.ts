/**
 * The provisioning tag inside a signed Windows installer (docs/protocols/installer-tag.md).
 *
 * The backoffice cannot sign at download time, so the terminal's provisioning file is appended
 * inside the PE's attribute-certificate table, which the Authenticode hash excludes (Microsoft
 * PE/COFF specification, "The Attribute Certificate Table (Image Only)"). Pure functions over
 * Uint8Array: no Node-only APIs.
 */
import { provisioningFileSchema, type ProvisioningFile } from './register.js';

/** The tag's magic marker: ASCII "KASSAPRV". */
export const INSTALLER_TAG_MAGIC = new Uint8Array([0x4b, 0x41, 0x53, 0x53, 0x41, 0x50, 0x52, 0x56]);
/** The tag format's version, after the magic and the length. */
export const INSTALLER_TAG_VERSION = 1;
/** Magic (8) + JSON length (u32 LE) + version (u32 LE). */
const TAG_HEADER_LENGTH = 16;
const SECURITY_DIRECTORY = 4;

export const INSTALLER_TAG_ERRORS = {
  'installer-not-pe': {
    sv: 'Filen är inte ett Windows-program (PE). Ladda ner installationsprogrammet på nytt i backoffice.',
    en: 'The file is not a Windows program (PE). Download the installer again in the backoffice.',
  },
  'installer-not-signed': {
    sv: 'Installationsprogrammet är inte signerat (saknar certifikattabell), så anslutningsuppgifterna kan inte läggas in. Driftansvarig behöver bygga det signerat med "npm run build:register".',
    en: 'The installer is not signed (it has no certificate table), so the connection details cannot be added. The operator needs to build it signed with "npm run build:register".',
  },
  'installer-cert-table-invalid': {
    sv: 'Installationsprogrammets certifikattabell är skadad. Ladda ner installationsprogrammet på nytt i backoffice.',
    en: 'The installer’s certificate table is damaged. Download the installer again in the backoffice.',
  },
  'installer-tag-damaged': {
    sv: 'Anslutningsuppgifterna i installationsprogrammet är skadade. Ladda ner installationsprogrammet på nytt i backoffice, eller anslut kassan med adress och parkopplingskod.',
    en: 'The connection details in the installer are damaged. Download the installer again in the backoffice, or connect the register with the address and pairing code.',
  },
} as const;
export type InstallerTagErrorCode = keyof typeof INSTALLER_TAG_ERRORS;

/** A refusal with a stable code and the Swedish and English messages. */
export class InstallerTagError extends Error {
  readonly code: InstallerTagErrorCode;
  readonly sv: string;
  readonly en: string;
  constructor(code: InstallerTagErrorCode, detail?: string) {
    const { sv, en } = INSTALLER_TAG_ERRORS[code];
    super(detail ? `${en} (${detail})` : en);
    this.name = 'InstallerTagError';
    this.code = code;
    this.sv = sv;
    this.en = en;
  }
}

interface CertTable {
  /** File offset of the IMAGE_DIRECTORY_ENTRY_SECURITY entry (VirtualAddress, then Size). */
  directoryOffset: number;
  /** File offset of the optional header's CheckSum. */
  checksumOffset: number;
  tableStart: number;
  tableEnd: number;
  lastCertStart: number;
  lastCertEnd: number;
  /** Where the last certificate's PKCS#7 DER ends: anything after it is padding or the tag. */
  signatureEnd: number;
}

const align8 = (n: number): number => (n + 7) & ~7;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
function setU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

function locateCertTable(pe: Uint8Array): CertTable {
  if (pe.length < 0x40 || pe[0] !== 0x4d || pe[1] !== 0x5a)
    throw new InstallerTagError('installer-not-pe', 'no MZ header');
  const peOffset = u32(pe, 0x3c);
  if (peOffset + 24 > pe.length || u32(pe, peOffset) !== 0x00004550) {
    throw new InstallerTagError('installer-not-pe', 'no PE signature');
  }
  const optionalSize = u16(pe, peOffset + 20);
  const opt = peOffset + 24;
  if (opt + optionalSize > pe.length || optionalSize < 2)
    throw new InstallerTagError('installer-not-pe', 'truncated optional header');
  const magic = u16(pe, opt);
  let countOffset: number;
  let dirs: number;
  if (magic === 0x10b) {
    countOffset = opt + 92;
    dirs = opt + 96;
  } else if (magic === 0x20b) {
    countOffset = opt + 108;
    dirs = opt + 112;
  } else {
    throw new InstallerTagError('installer-not-pe', 'unknown optional header magic');
  }
  if (dirs > opt + optionalSize)
    throw new InstallerTagError('installer-not-pe', 'truncated optional header');
  const count = u32(pe, countOffset);
  const directoryOffset = dirs + SECURITY_DIRECTORY * 8;
  if (count <= SECURITY_DIRECTORY || directoryOffset + 8 > opt + optionalSize) {
    throw new InstallerTagError('installer-not-signed', 'no security directory');
  }
  const tableStart = u32(pe, directoryOffset);
  const tableSize = u32(pe, directoryOffset + 4);
  if (tableStart === 0 || tableSize === 0) throw new InstallerTagError('installer-not-signed');
  const tableEnd = tableStart + tableSize;
  if (tableStart % 8 !== 0 || tableEnd > pe.length || tableStart < opt + optionalSize) {
    throw new InstallerTagError('installer-cert-table-invalid', 'table outside the file');
  }
  // The tag must be at the end of the file: the table has to be the last thing in it.
  if (align8(tableEnd) < pe.length)
    throw new InstallerTagError('installer-cert-table-invalid', 'data after the certificate table');
  let cursor = tableStart;
  let lastCertStart = -1;
  let lastCertEnd = -1;
  while (cursor < tableEnd) {
    if (cursor + 8 > tableEnd)
      throw new InstallerTagError('installer-cert-table-invalid', 'truncated WIN_CERTIFICATE');
    const length = u32(pe, cursor);
    if (length < 8 || cursor + length > tableEnd)
      throw new InstallerTagError('installer-cert-table-invalid', 'bad dwLength');
    lastCertStart = cursor;
    lastCertEnd = cursor + length;
    cursor = align8(cursor + length);
  }
  if (lastCertStart < 0) throw new InstallerTagError('installer-not-signed');
  const signatureEnd = derEnd(pe, lastCertStart + 8, lastCertEnd);
  return {
    directoryOffset,
    checksumOffset: opt + 64,
    tableStart,
    tableEnd,
    lastCertStart,
    lastCertEnd,
    signatureEnd,
  };
}

/** The end of the DER SEQUENCE (PKCS#7 SignedData) that starts at `start`. */
function derEnd(pe: Uint8Array, start: number, limit: number): number {
  if (start + 2 > limit || pe[start] !== 0x30)
    throw new InstallerTagError('installer-cert-table-invalid', 'no PKCS#7 SEQUENCE');
  const first = pe[start + 1]!;
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || start + 2 + n > limit)
      throw new InstallerTagError('installer-cert-table-invalid', 'bad DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + pe[start + 2 + i]!;
    header = 2 + n;
  }
  const end = start + header + length;
  if (end > limit)
    throw new InstallerTagError(
      'installer-cert-table-invalid',
      'PKCS#7 longer than its WIN_CERTIFICATE',
    );
  return end;
}

/** The PE checksum (the algorithm of imagehlp's CheckSumMappedFile), CheckSum field skipped. */
function peChecksum(pe: Uint8Array, checksumOffset: number): number {
  let sum = 0;
  for (let i = 0; i < pe.length; i += 2) {
    if (i === checksumOffset || i === checksumOffset + 2) continue;
    sum += pe[i]! | ((pe[i + 1] ?? 0) << 8);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + pe.length) >>> 0;
}

/**
 * The signed PE `pe` with `provisioning` as its tag (an existing tag is replaced). The
 * signature stays valid: only the certificate table, its directory entry and the CheckSum change.
 */
export function tagInstaller(pe: Uint8Array, provisioning: ProvisioningFile | string): Uint8Array {
  const table = locateCertTable(pe);
  const json = typeof provisioning === 'string' ? provisioning : JSON.stringify(provisioning);
  const body = new TextEncoder().encode(json);
  const tagStart = table.lastCertStart + align8(table.signatureEnd - table.lastCertStart);
  const end = align8(tagStart + TAG_HEADER_LENGTH + body.length);
  const out = new Uint8Array(end);
  out.set(pe.subarray(0, table.signatureEnd));
  out.set(INSTALLER_TAG_MAGIC, tagStart);
  setU32(out, tagStart + 8, body.length);
  setU32(out, tagStart + 12, INSTALLER_TAG_VERSION);
  out.set(body, tagStart + TAG_HEADER_LENGTH);
  setU32(out, table.lastCertStart, end - table.lastCertStart);
  setU32(out, table.directoryOffset + 4, end - table.tableStart);
  if (u32(pe, table.checksumOffset) !== 0)
    setU32(out, table.checksumOffset, peChecksum(out, table.checksumOffset));
  return out;
}

/** The raw JSON text of the tag, or null when the signed PE carries none. */
export function readInstallerTagJson(pe: Uint8Array): string | null {
  const table = locateCertTable(pe);
  const tagStart = table.lastCertStart + align8(table.signatureEnd - table.lastCertStart);
  if (tagStart + TAG_HEADER_LENGTH > table.lastCertEnd) return null;
  for (let i = 0; i < INSTALLER_TAG_MAGIC.length; i++) {
    if (pe[tagStart + i] !== INSTALLER_TAG_MAGIC[i]) return null;
  }
  const length = u32(pe, tagStart + 8);
  const version = u32(pe, tagStart + 12);
  if (version !== INSTALLER_TAG_VERSION)
    throw new InstallerTagError('installer-tag-damaged', `unknown tag version ${version}`);
  const bodyStart = tagStart + TAG_HEADER_LENGTH;
  if (bodyStart + length > table.lastCertEnd)
    throw new InstallerTagError('installer-tag-damaged', 'tag longer than its certificate');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      pe.subarray(bodyStart, bodyStart + length),
    );
  } catch {
    throw new InstallerTagError('installer-tag-damaged', 'not UTF-8');
  }
}

/** The provisioning file inside a tagged installer, or null when it has no tag. */
export function readInstallerTag(pe: Uint8Array): ProvisioningFile | null {
  const json = readInstallerTagJson(pe);
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InstallerTagError('installer-tag-damaged', 'not JSON');
  }
  const parsed = provisioningFileSchema.safeParse(value);
  if (!parsed.success)
    throw new InstallerTagError('installer-tag-damaged', 'not a provisioning file');
  return parsed.data;
}
