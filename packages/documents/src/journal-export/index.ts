/** The journal as the standard export of SKVFS 2021:16 (see docs/protocols/skvfs-2021-16-export.md). */
export {
  INSTANS_NAMESPACE,
  KOMPONENT_NAMESPACE,
  NO_PAYMENT,
  PLACEHOLDER_IDENTITY_NUMBER,
  ROOT_ELEMENT,
  escapeXmlText,
  formatSkvfsAmount,
  formatSkvfsDateTime,
  formatSkvfsIdentityNumber,
  formatSkvfsRate,
  journalToSkvfsExport,
  journalToSkvfsXml,
  type SkvfsExport,
  type SkvfsExportFailure,
  type SkvfsExportInput,
  type SkvfsExportProblem,
  type SkvfsIdentity,
  type ZReference,
} from './skvfs-xml.js';
export { type SkvfsReferences, skvfsReferences } from './references.js';
