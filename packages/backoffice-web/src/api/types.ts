// Shapes of the backoffice API (docs/protocols/backoffice-api.md). The server validates and
// serialises every answer against its schemas, so the client trusts these shapes.

export const roles = ['admin', 'manager', 'cashier'] as const;
export type Role = (typeof roles)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface Me {
  user: SessionUser;
  environment: { slug: string; companyName: string };
  csrfToken: string;
}

export interface User extends SessionUser {
  createdAt: string;
  /** Whether the user has a register PIN (cashiers sign in at the register with it). */
  hasPin: boolean;
  /** The terminals a cashier may sign in at. */
  terminalIds: string[];
}

export interface PlaceOfBusiness {
  id: string;
  name: string;
  streetAddress: string;
  postalCode: string;
  city: string;
}

export interface Environment {
  slug: string;
  companyName: string;
  organisationNumber: string;
  placesOfBusiness: PlaceOfBusiness[];
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
}

export const licenceModules = ['products', 'reports', 'exports'] as const;
export type LicenceModule = (typeof licenceModules)[number];

export interface Licence {
  /** Terminals the licence allows to be active at once. */
  terminals: number;
  modules: LicenceModule[];
  activeTerminals: number;
}

export type RegistrationStatus = 'unregistered' | 'registered';

export interface TerminalRegistration {
  controlUnitSerial: string | null;
  status: RegistrationStatus;
  /** `YYYY-MM-DD`. */
  registeredOn: string | null;
}

export interface TerminalBinding {
  pcName: string;
  fingerprintShort: string;
  boundAt: string;
}

/** What the business enters in Skatteverket's e-service when registering the register. */
export interface SkatteverketDetails {
  companyName: string;
  organisationNumber: string;
  addressOfUse: string;
  registerId: string;
  modelDesignation: string;
  programVersion: string;
  serialNumber: string;
  controlUnitSerial: string | null;
}

export type TerminalWarning = 'not-registered';

/**
 * Set when the terminal moved to another PC (a binding was removed and a different PC bound): the
 * business must move Skatteverket's ID stickers and report a changed control unit.
 */
export interface TerminalMove {
  at: string;
  fromPcName: string;
}

export interface Terminal {
  id: string;
  name: string;
  placeOfBusinessId: string;
  placeOfBusinessName: string;
  /** Kassabeteckning: unique in the environment. */
  registerId: string;
  /** Tillverkningsnummer. */
  serialNumber: string;
  modelDesignation: string;
  programVersion: string;
  active: boolean;
  createdAt: string;
  /** null: not bound to any hardware yet. */
  binding: TerminalBinding | null;
  lastContactAt: string | null;
  unsyncedEntries: number | null;
  registration: TerminalRegistration;
  warnings: TerminalWarning[];
  movedToNewPc: TerminalMove | null;
  skatteverket: SkatteverketDetails;
}

/** A usable pairing code exists (the code itself is only shown once, at the download). */
export interface PairingCodeStatus {
  expiresAt: string;
}

/** The installer zip and the pairing code that came with it (POST /api/terminals/:id/installer). */
export interface InstallerDownload {
  file: Blob;
  fileName: string;
  /** `ABCD-EFGH-JKLM`: single use, replaces every older code of the terminal. */
  pairingCode: string;
  expiresAt: string;
}

export interface NewTerminal {
  name: string;
  placeOfBusinessId: string;
  registerId: string;
}

export interface TerminalChanges {
  name?: string;
  placeOfBusinessId?: string;
  active?: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** The acting user's username, or `system` / `operator`. */
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details?: Record<string, unknown>;
}

export const vatCategories = ['standard', 'food', 'restaurant', 'reduced', 'exempt'] as const;
export type VatCategory = (typeof vatCategories)[number];
export const productKinds = ['good', 'service'] as const;
export type ProductKind = (typeof productKinds)[number];
/** `kilogram`: a weighed article, its prices are per kilogram. */
export const productUnits = ['piece', 'kilogram'] as const;
export type ProductUnit = (typeof productUnits)[number];

export interface ProductPrice {
  /** `YYYY-MM-DD`. */
  effectiveFrom: string;
  priceOre: number;
}

export interface Product {
  id: string;
  articleNumber: string;
  name: string;
  barcodes: string[];
  vatCategory: VatCategory;
  kind: ProductKind;
  unit: ProductUnit;
  group: string | null;
  active: boolean;
  /** The price in force today (öre, incl. VAT; per kilogram when weighed), or null before one. */
  priceOre: number | null;
  prices: ProductPrice[];
}

export interface ProductList {
  /** Today's business day (Europe/Stockholm), `YYYY-MM-DD`. */
  businessDay: string;
  products: Product[];
}

export interface NewProduct {
  articleNumber: string;
  name: string;
  barcodes: string[];
  priceOre: number;
  vatCategory: VatCategory;
  kind: ProductKind;
  unit: ProductUnit;
  group: string | null;
  active: boolean;
}

export interface ProductChanges {
  name?: string;
  barcodes?: string[];
  vatCategory?: VatCategory;
  kind?: ProductKind;
  unit?: ProductUnit;
  group?: string | null;
  active?: boolean;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  sv: string;
  en: string;
}
