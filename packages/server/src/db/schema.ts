/**
 * The server's tables. Invariant (tested): every tenant-owned table has `tenant_id` leading its
 * primary key and in each of its foreign keys, so the database can be distributed by tenant.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

/** An environment (miljö): one business. The root of tenancy, so keyed by its own id. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  companyName: text('company_name').notNull(),
  organisationNumber: text('organisation_number').notNull(),
  createdAt: createdAt(),
  /**
   * What registers copy (products and prices, users, PINs and who may sign in where, terminals,
   * company details) changed this many times: bumped in the same transaction as each change
   * (commands/config-version.ts); the registers' configuration cursor is built from it.
   */
  configVersion: bigint('config_version', { mode: 'number' }).notNull().default(0),
});

/** A place of business (försäljningsställe) with its address. */
export const placesOfBusiness = pgTable(
  'places_of_business',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    streetAddress: text('street_address').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A backoffice user; cashiers are users too. Usernames are unique within an environment. */
export const users = pgTable(
  'users',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'cashier'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** scrypt hash of the cashier's register PIN (4–8 digits), if one is set. */
    pinHash: text('pin_hash'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_tenant_username').on(t.tenantId, t.username),
  ],
);

/** A signed-in browser session. `id` is the SHA-256 of the cookie's token, never the token. */
export const sessions = pgTable(
  'sessions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    address: text('address'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    index('sessions_user').on(t.tenantId, t.userId),
  ],
);

/** Failed sign-ins per key (`account:<username>` or `address:<ip>`) within a window. */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/** Who did what, when and from where. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    address: text('address'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.actorUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    index('audit_log_at').on(t.tenantId, t.at),
  ],
);

/** Module names a licence may include; the backoffice core is always included. */
export const LICENCE_MODULES = ['products', 'reports', 'exports'] as const;
export type LicenceModule = (typeof LICENCE_MODULES)[number];

/** The environment's licence: how many terminals may be active, which modules are included. */
export const licences = pgTable(
  'licences',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    terminals: integer('terminals').notNull(),
    modules: text('modules').array().notNull().$type<LicenceModule[]>(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);

/** A terminal (kassaregister): what is registered with Skatteverket and bound to one PC. */
export const terminals = pgTable(
  'terminals',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    placeOfBusinessId: uuid('place_of_business_id').notNull(),
    /** Kassabeteckning: unique in the environment, 1–16 letters/digits. */
    registerId: text('register_id').notNull(),
    /** Tillverkningsnummer: generated, at most 17 characters. */
    serialNumber: text('serial_number').notNull(),
    active: boolean('active').notNull(),
    createdAt: createdAt(),
    /** What the register last reported about itself. */
    reportedVersion: text('reported_version'),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true, mode: 'date' }),
    unsyncedEntries: integer('unsynced_entries'),
    /** Skatteverket registration. */
    controlUnitSerial: text('control_unit_serial'),
    registrationStatus: text('registration_status', { enum: ['unregistered', 'registered'] })
      .notNull()
      .default('unregistered'),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** When an admin last saved the registration (ends the move-to-new-PC checklist). */
    registrationUpdatedAt: timestamp('registration_updated_at', {
      withTimezone: true,
      mode: 'date',
    }),
    /**
     * The acknowledged high-water mark of the uploaded journal: the last stored entry's
     * seq (0 before the first upload) and hash. Changed only under this row's lock, together
     * with the journal rows (commands/journal-ingest.ts).
     */
    journalHeadSeq: bigint('journal_head_seq', { mode: 'number' }).notNull().default(0),
    journalHeadHash: text('journal_head_hash'),
    /** When an upload last stored new entries. */
    journalSyncedAt: timestamp('journal_synced_at', { withTimezone: true, mode: 'date' }),
    /**
     * Heartbeat: the highest receipt number the terminal's registers reported, also of receipts
     * not yet uploaded. It only grows, across bindings: a register restored from the server's
     * copy numbers after it (docs/adr/0011-journal-anchors.md).
     */
    reportedReceiptNumber: integer('reported_receipt_number'),
    /** Heartbeat: when the oldest entry the register has not yet uploaded was made. */
    oldestUnsyncedAt: timestamp('oldest_unsynced_at', { withTimezone: true, mode: 'date' }),
    /** Heartbeat: the control unit as the register last saw it. */
    controlUnitState: text('control_unit_state', { enum: ['ok', 'down', 'unknown'] }),
    controlUnitReportedSerial: text('control_unit_reported_serial'),
    controlUnitSimulated: boolean('control_unit_simulated'),
    controlUnitReportedAt: timestamp('control_unit_reported_at', {
      withTimezone: true,
      mode: 'date',
    }),
    /**
     * A refused upload (journal-gap, journal-chain-broken, journal-conflict) or an entry the read
     * models could not read: kept until an admin acknowledges it. A repeat of the same problem
     * (the register retrying) only counts up and moves `lastAt`.
     */
    syncProblemCode: text('sync_problem_code'),
    syncProblemSeq: bigint('sync_problem_seq', { mode: 'number' }),
    syncProblemDetails: jsonb('sync_problem_details').$type<Record<string, unknown>>(),
    syncProblemFirstAt: timestamp('sync_problem_first_at', { withTimezone: true, mode: 'date' }),
    syncProblemLastAt: timestamp('sync_problem_last_at', { withTimezone: true, mode: 'date' }),
    syncProblemCount: integer('sync_problem_count'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.placeOfBusinessId],
      foreignColumns: [placesOfBusiness.tenantId, placesOfBusiness.id],
    }),
    uniqueIndex('terminals_tenant_register_id').on(t.tenantId, t.registerId),
    uniqueIndex('terminals_tenant_serial').on(t.tenantId, t.serialNumber),
  ],
);

/** A binding of a terminal to one PC's hardware and device key; removed, never deleted. */
export const terminalBindings = pgTable(
  'terminal_bindings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    terminalId: uuid('terminal_id').notNull(),
    pcName: text('pc_name').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** Ed25519 public key of the register (SPKI, base64). */
    publicKey: text('public_key').notNull(),
    boundAt: timestamp('bound_at', { withTimezone: true, mode: 'date' }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
    removedReason: text('removed_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.terminalId],
      foreignColumns: [terminals.tenantId, terminals.id],
    }),
    uniqueIndex('terminal_bindings_one_active')
      .on(t.tenantId, t.terminalId)
      .where(sql`removed_at IS NULL`),
  ],
);

/** Which terminals a cashier may sign in at. */
export const userTerminals = pgTable(
  'user_terminals',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id').notNull(),
    terminalId: uuid('terminal_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.terminalId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({
      columns: [t.tenantId, t.terminalId],
      foreignColumns: [terminals.tenantId, terminals.id],
    }),
  ],
);

/** A single-use pairing code from an installer download (only its digest is stored). */
export const pairingCodes = pgTable(
  'pairing_codes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    terminalId: uuid('terminal_id').notNull(),
    codeDigest: text('code_digest').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.terminalId],
      foreignColumns: [terminals.tenantId, terminals.id],
    }),
    uniqueIndex('pairing_codes_digest').on(t.tenantId, t.codeDigest),
  ],
);

/** Nonces of device-signed requests seen recently (replay protection). */
export const deviceNonces = pgTable(
  'device_nonces',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    bindingId: uuid('binding_id').notNull(),
    nonce: text('nonce').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.bindingId, t.nonce] }),
    foreignKey({
      columns: [t.tenantId, t.bindingId],
      foreignColumns: [terminalBindings.tenantId, terminalBindings.id],
    }),
  ],
);

export const PRODUCT_UNITS = ['piece', 'kilogram'] as const;

/** A product or service in the catalogue (artikelregister). Its article text is fixed at sale time. */
export const products = pgTable(
  'products',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: uuid('id').notNull(),
    articleNumber: text('article_number').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['good', 'service'] }).notNull(),
    vatCategory: text('vat_category', {
      enum: ['standard', 'food', 'restaurant', 'reduced', 'exempt'],
    }).notNull(),
    groupName: text('group_name'),
    active: boolean('active').notNull(),
    /** How it is sold: by the piece, or weighed (the price is per kilogram). */
    unit: text('unit', { enum: PRODUCT_UNITS }).notNull().default('piece'),
    /**
     * What the catalogue search matches (commands/products.ts `searchTextOf`): article number,
     * name and barcodes, lower-case, behind a trigram index so a word anywhere in a name is
     * found without reading every row.
     */
    searchText: text('search_text').notNull().default(''),
    /**
     * The environment's configuration version of the product's last change (its fields,
     * barcodes or prices): a register behind that version is sent the product again
     * (GET /api/register/config, commands/config-version.ts).
     */
    configVersion: bigint('config_version', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('products_tenant_article_number').on(t.tenantId, t.articleNumber),
    index('products_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('products_tenant_config_version').on(t.tenantId, t.configVersion),
    check('products_unit', sql`${t.unit} in ('piece', 'kilogram')`),
  ],
);

/** EAN/GTIN barcodes; one barcode belongs to one product in an environment. */
export const productBarcodes = pgTable(
  'product_barcodes',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    barcode: text('barcode').notNull(),
    productId: uuid('product_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.barcode] }),
    index('product_barcodes_tenant_product').on(t.tenantId, t.productId),
    foreignKey({
      columns: [t.tenantId, t.productId],
      foreignColumns: [products.tenantId, products.id],
    }),
  ],
);

/** A price (incl. VAT, öre) effective from a business day; a price change is a new row. */
export const productPrices = pgTable(
  'product_prices',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    productId: uuid('product_id').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    priceOre: bigint('price_ore', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.productId, t.effectiveFrom] }),
    // Prices coming into force between two business days (the register's delta on a new day).
    index('product_prices_tenant_effective_from').on(t.tenantId, t.effectiveFrom),
    foreignKey({
      columns: [t.tenantId, t.productId],
      foreignColumns: [products.tenantId, products.id],
    }),
  ],
);

// ---- The uploaded journal and the sales read models ----

const amount = (name: string) => bigint(name, { mode: 'number' }).notNull();
const seqColumn = () => bigint('seq', { mode: 'number' }).notNull();

/**
 * The server's copy of each register's journal: entries exactly as the register hashed them,
 * gapless per terminal from 1. Never updated or deleted (commands/journal-copy.ts only inserts).
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    terminalId: uuid('terminal_id').notNull(),
    seq: seqColumn(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** `at` exactly as hashed ('…:00Z' and '…:00.000Z' hash differently). */
    atText: text('at_text').notNull(),
    kind: text('kind').notNull(),
    by: text('by'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.terminalId, t.seq] }),
    foreignKey({
      columns: [t.tenantId, t.terminalId],
      foreignColumns: [terminals.tenantId, terminals.id],
    }),
    // The journal export per terminal and period.
    index('journal_entries_at').on(t.tenantId, t.terminalId, t.at),
  ],
);

/*
 * The read models below are derived from journal_entries and written only by the ingest, in the
 * transaction that stores the entries they come from (commands/journal-ingest.ts). They carry only
 * the tenant's foreign key: a per-row check against the journal (a large, growing table) would
 * cost more than the rest of the ingest, and the single writer keeps them consistent.
 */

/** The report dimensions of `sales_summary` (docs/adr/0008-pre-summed-sales.md). */
export const SUMMARY_DIMENSIONS = [
  'total',
  'hour',
  'cashier',
  'payment',
  'vat',
  'product',
] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];
/** A summary row sums one business day, or one calendar month of business days. */
export const SUMMARY_GRAINS = ['day', 'month'] as const;
export type SummaryGrain = (typeof SUMMARY_GRAINS)[number];

/**
 * Pre-summed sales: per terminal, place of business, business day (and
 * again per calendar month), one row per value of a dimension — the day's total (`key` ''), an
 * hour '00'–'23', a cashier's username, a payment method, a VAT rate, an article number. The
 * ingest adds a batch's sale and return receipts (training, copies and pro forma are not sales)
 * with one upsert, so a report over a year reads thousands of rows, not millions. Amounts are öre
 * incl. VAT, returns negative. `placeOfBusinessId` is the terminal's place when the receipts
 * were stored.
 *
 * What `count` counts: receipts (total, hour, cashier, VAT rate: receipts with that rate),
 * payments (payment), lines (product); `returnCount` the same of returns.
 */
export const salesSummary = pgTable(
  'sales_summary',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    dimension: text('dimension', { enum: SUMMARY_DIMENSIONS }).notNull(),
    grain: text('grain', { enum: SUMMARY_GRAINS }).notNull(),
    /** The business day, or the month's first day. */
    period: date('period', { mode: 'string' }).notNull(),
    terminalId: uuid('terminal_id').notNull(),
    placeOfBusinessId: uuid('place_of_business_id').notNull(),
    /** The dimension's value ('' for the total; a cashier may be '' when unknown). */
    key: text('key').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    returnCount: bigint('return_count', { mode: 'number' }).notNull(),
    /** Incl. VAT: receipt totals before cash rounding, payment amounts, line amounts. */
    gross: amount('gross'),
    /** VAT in `gross` (0 for payments; per line, rounded per line, for products). */
    vat: amount('vat'),
    /** total only: the gross of returns (negative), discounts, cash rounding. */
    returnsGross: amount('returns_gross'),
    discounts: amount('discounts'),
    rounding: amount('rounding'),
    /** product only: pieces, or grams of a weighed article (`grams`), net of returns. */
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    grams: boolean('grams').notNull(),
    /** product only: the article's text on its latest line here (`labelSeq` its journal entry). */
    label: text('label'),
    labelSeq: bigint('label_seq', { mode: 'number' }),
  },
  (t) => [
    primaryKey({
      name: 'sales_summary_pk',
      columns: [
        t.tenantId,
        t.dimension,
        t.grain,
        t.period,
        t.terminalId,
        t.placeOfBusinessId,
        t.key,
      ],
    }),
  ],
);

/** The Z-dagrapport archive: each Z exactly as journaled. */
export const zReports = pgTable(
  'z_reports',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    terminalId: uuid('terminal_id').notNull(),
    /** The journal entry that carries the report. */
    seq: seqColumn(),
    zNumber: integer('z_number').notNull(),
    businessDay: date('business_day', { mode: 'string' }).notNull(),
    producedAt: timestamp('produced_at', { withTimezone: true, mode: 'date' }).notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.terminalId, t.seq] }),
    index('z_reports_number').on(t.tenantId, t.terminalId, t.zNumber),
    index('z_reports_day').on(t.tenantId, t.businessDay),
  ],
);

// ---- Accounting settings ----

/**
 * The environment's account plan for the SIE 4I export, as accounts by role (`SieAccounts` of
 * @kassa/contracts), checked with `validateSieAccountPlan` before it is stored. No row: Kassa's
 * default BAS accounts apply.
 */
export const accountingSettings = pgTable(
  'accounting_settings',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sieAccounts: jsonb('sie_accounts')
      .$type<Record<string, { number: string; name: string }>>()
      .notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);
