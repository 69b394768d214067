/**
 * zod schemas of the backoffice HTTP API: request bodies are strict (unknown fields refused),
 * answers are what the server presents. Types come from the schemas.
 */
import { z } from 'zod';

export const ROLES = ['admin', 'manager', 'cashier'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** A password as received: length rules are checked by the command so each gets its own code. */
export const passwordInputSchema = z.string().max(4096);

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._@-]+$/, 'letters a–z, digits and . _ @ -');

export const loginBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(4096),
});

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  hasPin: z.boolean(),
  terminalIds: z.array(z.uuid()),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const displayNameSchema = z.string().trim().min(1).max(100);

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: passwordInputSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const resetPasswordBodySchema = z.strictObject({ password: passwordInputSchema });

export const placeOfBusinessSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  streetAddress: z.string(),
  postalCode: z.string(),
  city: z.string(),
});
export type PlaceOfBusiness = z.infer<typeof placeOfBusinessSchema>;

export const environmentSchema = z.object({
  slug: z.string(),
  companyName: z.string(),
  organisationNumber: z.string(),
  placesOfBusiness: z.array(placeOfBusinessSchema),
});
export type Environment = z.infer<typeof environmentSchema>;

export const auditEntrySchema = z.object({
  id: z.uuid(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

export const updateEnvironmentBodySchema = z.strictObject({
  companyName: z.string().trim().min(1).max(200).optional(),
  organisationNumber: z.string().trim().max(20).optional(),
});
export type UpdateEnvironmentBody = z.infer<typeof updateEnvironmentBodySchema>;

// ---- Terminals, licence, cashiers ----

export const LICENCE_MODULES = ['products', 'reports', 'exports'] as const;
export const licenceModuleSchema = z.enum(LICENCE_MODULES);
export type LicenceModule = z.infer<typeof licenceModuleSchema>;

export const licenceSchema = z.object({
  terminals: z.number().int(),
  modules: z.array(licenceModuleSchema),
  activeTerminals: z.number().int(),
});
export type Licence = z.infer<typeof licenceSchema>;

/** The model designation of the register program; Skatteverket requires it to contain "SE". */
export const MODEL_DESIGNATION = 'Kassa SE';

/** Kassabeteckning: 1–16 letters or digits. */
export const registerIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,16}$/, '1–16 letters A–Z or digits');

export const terminalNameSchema = z.string().trim().min(1).max(60);

export const createTerminalBodySchema = z.strictObject({
  name: terminalNameSchema,
  placeOfBusinessId: z.string().max(64),
  registerId: registerIdSchema,
});
export type CreateTerminalBody = z.infer<typeof createTerminalBodySchema>;

export const updateTerminalBodySchema = z.strictObject({
  name: terminalNameSchema.optional(),
  placeOfBusinessId: z.string().max(64).optional(),
  active: z.boolean().optional(),
});
export type UpdateTerminalBody = z.infer<typeof updateTerminalBodySchema>;

export const registrationStatusSchema = z.enum(['unregistered', 'registered']);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

export const terminalRegistrationBodySchema = z.strictObject({
  controlUnitSerial: z.string().trim().min(1).max(40).nullable(),
  status: registrationStatusSchema,
  registeredOn: z.iso.date().nullable(),
});
export type TerminalRegistrationBody = z.infer<typeof terminalRegistrationBodySchema>;

/**
 * What the backoffice warns about on a terminal: not registered with Skatteverket; a sync problem
 * not yet acknowledged; silent (no contact for SILENT_AFTER_HOURS while bound); the control unit
 * down, simulated, or another than the registered one.
 */
export const TERMINAL_WARNINGS = [
  'not-registered',
  'sync-problem',
  'silent',
  'control-unit-down',
  'control-unit-simulated',
  'control-unit-mismatch',
] as const;
export const terminalWarningSchema = z.enum(TERMINAL_WARNINGS);
export type TerminalWarning = z.infer<typeof terminalWarningSchema>;

/** A bound, active terminal without contact for this long gets the warning `silent`. */
export const SILENT_AFTER_HOURS = 24;

/** Codes of a terminal's sync problem (refused uploads, and entries the reports could not read). */
export const SYNC_PROBLEM_CODES = [
  'journal-gap',
  'journal-chain-broken',
  'journal-conflict',
  'journal-entry-unreadable',
  // Anchors (docs/adr/0011-journal-anchors.md): the register's journal against the server's copy.
  'journal-behind-server',
  'journal-differs-from-server',
  'journal-entries-lost',
  // The register stopped selling because of its clock (docs/domain/receipts-journal-reports.md).
  'register-clock-fault',
] as const;
export const syncProblemCodeSchema = z.enum(SYNC_PROBLEM_CODES);
export type SyncProblemCode = z.infer<typeof syncProblemCodeSchema>;

/** A flagged sync problem: kept until an admin acknowledges it; a repeat counts up. */
export const syncProblemSchema = z.object({
  code: syncProblemCodeSchema,
  /** The journal entry concerned. */
  seq: z.number().int().nullable(),
  /** E.g. `{ expectedSeq, receivedSeq }` of a gap, `{ seq, reason }` of a broken chain. */
  details: z.record(z.string(), z.unknown()),
  /** The message of the code with the details filled in (as in error bodies). */
  sv: z.string(),
  en: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** How many uploads hit the same problem (the register retries). */
  count: z.number().int(),
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

/** Sync health of a terminal: the server's copy of its journal and what it reports. */
export const terminalSyncSchema = z.object({
  /** The last journal entry stored on the server (0: none yet) and its hash. */
  acknowledgedSeq: z.number().int(),
  acknowledgedHash: z.string().nullable(),
  /** When an upload last stored new entries. */
  lastUploadAt: z.string().nullable(),
  /** From the heartbeat: when the oldest entry not yet uploaded was made. */
  oldestUnsyncedAt: z.string().nullable(),
  /** From the heartbeat: the control unit as the register last saw it. */
  controlUnit: z
    .object({
      state: z.enum(['ok', 'down', 'unknown']),
      serialNumber: z.string().nullable(),
      simulated: z.boolean(),
      reportedAt: z.string(),
    })
    .nullable(),
  problem: syncProblemSchema.nullable(),
});
export type TerminalSync = z.infer<typeof terminalSyncSchema>;

export const terminalSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  placeOfBusinessId: z.uuid(),
  placeOfBusinessName: z.string(),
  registerId: z.string(),
  serialNumber: z.string(),
  modelDesignation: z.string(),
  programVersion: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  binding: z
    .object({ pcName: z.string(), fingerprintShort: z.string(), boundAt: z.string() })
    .nullable(),
  lastContactAt: z.string().nullable(),
  unsyncedEntries: z.number().int().nullable(),
  registration: z.object({
    controlUnitSerial: z.string().nullable(),
    status: registrationStatusSchema,
    registeredOn: z.string().nullable(),
  }),
  warnings: z.array(terminalWarningSchema),
  sync: terminalSyncSchema,
  /**
   * Set when the terminal moved to another PC (a binding was removed and a different PC bound):
   * the business must move Skatteverket's ID stickers, and report a changed control unit within
   * two weeks. The UI shows a checklist until the registration is confirmed again.
   */
  movedToNewPc: z.object({ at: z.string(), fromPcName: z.string() }).nullable(),
  skatteverket: z.object({
    companyName: z.string(),
    organisationNumber: z.string(),
    addressOfUse: z.string(),
    registerId: z.string(),
    modelDesignation: z.string(),
    programVersion: z.string(),
    serialNumber: z.string(),
    controlUnitSerial: z.string().nullable(),
  }),
});
export type Terminal = z.infer<typeof terminalSchema>;
export type TerminalRegistration = Terminal['registration'];
/** What the business enters in Skatteverket's e-service when registering the register. */
export type SkatteverketDetails = Terminal['skatteverket'];

/** A usable pairing code exists (the code itself is only shown once, at the download). */
export const pairingCodeStatusSchema = z.object({ expiresAt: z.string() });
export type PairingCodeStatus = z.infer<typeof pairingCodeStatusSchema>;
/** GET /api/terminals/:id/pairing-code. */
export const pairingCodeAnswerSchema = z.object({ code: pairingCodeStatusSchema.nullable() });

/** Windows: kassa-setup-<registerId>.exe with the provisioning inside; Linux: the zip. */
export const installerPlatformSchema = z.enum(['windows', 'linux']);
export type InstallerPlatform = z.infer<typeof installerPlatformSchema>;
/** POST /api/terminals/:id/installer: the query. */
export const installerQuerySchema = z.object({
  platform: installerPlatformSchema.default('windows'),
});

/**
 * POST /api/terminals/:id/installer: what the download's headers say beside the file
 * (`X-Kassa-Pairing-Code`, `X-Kassa-Pairing-Expires`, `X-Kassa-Installer-Signed`).
 */
export const installerPairingSchema = z.object({
  /** `ABCD-EFGH-JKLM`: single use, replaces every older code of the terminal. */
  pairingCode: z.string(),
  expiresAt: z.string(),
  /** Windows: false when the build is unsigned (SmartScreen warns; the code is typed in). */
  signed: z.boolean(),
});
export type InstallerPairing = z.infer<typeof installerPairingSchema>;

export const setPinBodySchema = z.strictObject({ pin: z.string().max(64) });
export const setUserTerminalsBodySchema = z.strictObject({
  terminalIds: z.array(z.string().max(64)).max(500),
});

// ---- Catalogue ----

export const VAT_CATEGORY_NAMES = ['standard', 'food', 'restaurant', 'reduced', 'exempt'] as const;
export type VatCategoryName = (typeof VAT_CATEGORY_NAMES)[number];
export const productKindSchema = z.enum(['good', 'service']);
export type ProductKind = z.infer<typeof productKindSchema>;
/**
 * How a product is sold: `piece` (the price is per piece) or `kilogram` (weighed: the price is
 * per kilogram and the register asks for the weight).
 */
export const productUnitSchema = z.enum(['piece', 'kilogram']);
export type ProductUnit = z.infer<typeof productUnitSchema>;
/** An EAN-8/EAN-13/UPC-A/GTIN-14 barcode (digits only; the check digit is verified by the server). */
export const barcodeSchema = z
  .string()
  .trim()
  .regex(/^\d{8}$|^\d{12,14}$/, '8, 12, 13 or 14 digits');
export const articleNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, '1–32 letters, digits, . _ -');
/** A price in öre, incl. VAT: 0 to 10 000 000 kr. */
export const priceOreSchema = z.number().int().min(0).max(1_000_000_000);

export const createProductBodySchema = z.strictObject({
  articleNumber: articleNumberSchema,
  name: z.string().trim().min(1).max(60),
  barcodes: z.array(barcodeSchema).max(20).default([]),
  priceOre: priceOreSchema,
  vatCategory: z.enum(VAT_CATEGORY_NAMES),
  kind: productKindSchema.default('good'),
  unit: productUnitSchema.default('piece'),
  group: z.string().trim().min(1).max(60).nullable().default(null),
  active: z.boolean().default(true),
});
export type CreateProductBody = z.infer<typeof createProductBodySchema>;

export const updateProductBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  barcodes: z.array(barcodeSchema).max(20).optional(),
  vatCategory: z.enum(VAT_CATEGORY_NAMES).optional(),
  kind: productKindSchema.optional(),
  unit: productUnitSchema.optional(),
  group: z.string().trim().min(1).max(60).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateProductBody = z.infer<typeof updateProductBodySchema>;

export const priceChangeBodySchema = z.strictObject({
  priceOre: priceOreSchema,
  effectiveFrom: z.iso.date(),
});

export const productSchema = z.object({
  id: z.uuid(),
  articleNumber: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  vatCategory: z.enum(VAT_CATEGORY_NAMES),
  kind: productKindSchema,
  /** `kilogram`: `priceOre` and `prices` are per kilogram. */
  unit: productUnitSchema,
  group: z.string().nullable(),
  active: z.boolean(),
  /** The price in force today (Europe/Stockholm business day), or null before its first price. */
  priceOre: z.number().int().nullable(),
  prices: z.array(z.object({ effectiveFrom: z.string(), priceOre: z.number().int() })),
});
export type Product = z.infer<typeof productSchema>;
export type ProductPrice = Product['prices'][number];

/** The most products one page of GET /api/products holds. */
export const PRODUCT_PAGE_MAX = 200;

/**
 * GET /api/products: without `limit` every product (by name); with it one page by article
 * number. `q`: every word must be in the article number, the name or a barcode.
 */
export const productListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(PRODUCT_PAGE_MAX).optional(),
});

export const productListSchema = z.object({
  businessDay: z.string(),
  products: z.array(productSchema),
  /** How many products the search takes in all. */
  total: z.number().int(),
  offset: z.number().int().optional(),
  limit: z.number().int().optional(),
});
export type ProductList = z.infer<typeof productListSchema>;

export const importProductsBodySchema = z.strictObject({
  /**
   * The CSV text: `;`- or `,`-separated, with a header row (see docs/protocols/backoffice-api.md);
   * room for 100,000 articles and more.
   */
  csv: z.string().max(20_000_000),
  dryRun: z.boolean().default(false),
});

export const importRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  sv: z.string(),
  en: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** POST /api/products/import: what was (or, on a dry run, would be) saved. */
export const importSummarySchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
