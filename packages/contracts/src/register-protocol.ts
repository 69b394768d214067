/**
 * zod schemas of the register ↔ backoffice protocol (docs/protocols/register-protocol.md).
 * Version 1: sent as the header X-Kassa-Protocol.
 */
import { z } from 'zod';
import { productSchema, roleSchema } from './api.js';

/** The protocol version this register sends and this server speaks. */
export const REGISTER_PROTOCOL_VERSION = 1;

/**
 * The oldest version the server still answers. A register that sends an older one is refused
 * (426 register-too-old, naming the version to install); a newer one is answered, since
 * registers are updated shop by shop and a newer register may reach an older server.
 */
export const OLDEST_REGISTER_PROTOCOL_VERSION = 1;

/** The header every request of the register carries its protocol version in. */
export const REGISTER_PROTOCOL_HEADER = 'x-kassa-protocol';

const deviceIdentity = {
  publicKey: z.string().min(40).max(200),
  fingerprint: z.string().regex(/^[0-9a-f]{16,128}$/, 'hex'),
  pcName: z.string().trim().min(1).max(100),
  programVersion: z.string().trim().min(1).max(40),
};

export const listRegisterTerminalsBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(4096),
});

export const registerTerminalChoiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  registerId: z.string(),
  placeOfBusinessName: z.string(),
  active: z.boolean(),
  binding: z.object({ pcName: z.string(), boundAt: z.string() }).nullable(),
});
export type RegisterTerminalChoice = z.infer<typeof registerTerminalChoiceSchema>;

export const listRegisterTerminalsAnswerSchema = z.object({
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  terminals: z.array(registerTerminalChoiceSchema),
});
export type RegisterTerminalList = z.infer<typeof listRegisterTerminalsAnswerSchema>;

export const connectBodySchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('password'),
    username: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(4096),
    terminalId: z.string().max(64),
    ...deviceIdentity,
  }),
  z.strictObject({
    method: z.literal('pairing-code'),
    code: z.string().trim().min(1).max(40),
    ...deviceIdentity,
  }),
]);
export type ConnectBody = z.infer<typeof connectBodySchema>;

export const connectAnswerSchema = z.object({
  environment: z.object({ slug: z.string(), companyName: z.string() }),
  terminal: z.object({
    id: z.uuid(),
    name: z.string(),
    registerId: z.string(),
    serialNumber: z.string(),
    placeOfBusinessName: z.string(),
  }),
  bindingId: z.uuid(),
  serverTime: z.string(),
});
export type ConnectAnswer = z.infer<typeof connectAnswerSchema>;

export const registerMeSchema = z.object({
  environment: z.object({
    slug: z.string(),
    companyName: z.string(),
    organisationNumber: z.string(),
  }),
  terminal: z.object({
    id: z.uuid(),
    name: z.string(),
    registerId: z.string(),
    serialNumber: z.string(),
    active: z.boolean(),
    placeOfBusiness: z.object({
      name: z.string(),
      streetAddress: z.string(),
      postalCode: z.string(),
      city: z.string(),
    }),
  }),
  serverTime: z.string(),
  cashiers: z.array(
    z.object({
      id: z.uuid(),
      username: z.string(),
      displayName: z.string(),
      role: roleSchema,
      pinHash: z.string(),
      active: z.boolean(),
    }),
  ),
  otherUsernames: z.array(z.string()),
});
export type RegisterMe = z.infer<typeof registerMeSchema>;

const hashText = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The heartbeat. Fields this server does not know are dropped, not refused: registers are updated
 * shop by shop, so a newer register's heartbeat (with fields added since) must still reach an
 * older server and report what it knows (docs/protocols/register-protocol.md).
 */
export const heartbeatBodySchema = z.object({
  programVersion: z.string().trim().min(1).max(40),
  unsyncedEntries: z.number().int().min(0).max(1_000_000_000),
  /** When the oldest entry not yet uploaded was made (the backlog's age). */
  oldestUnsyncedAt: z.string().max(30).nullable().optional(),
  /** The control unit as the register last saw it (sync health). */
  controlUnit: z
    .object({
      state: z.enum(['ok', 'down', 'unknown']),
      serialNumber: z.string().max(64).nullable(),
      simulated: z.boolean(),
    })
    .optional(),
  /**
   * The journal as the register holds it (docs/adr/0011-journal-anchors.md): its head, and the
   * hash of its own entry at the seq the server last acknowledged (read from the journal, not
   * from the stored mark), so the server can compare it with its copy; and the highest receipt
   * number issued, so that a register restored after losing its data folder continues after it.
   */
  journal: z
    .object({
      headSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      headHash: hashText.nullable(),
      checkSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      checkHash: hashText.nullable(),
      lastReceiptNumber: z.number().int().min(0).max(2_147_483_647),
    })
    .optional(),
});

export const removeBindingBodySchema = z.strictObject({
  confirmation: z.string().max(64),
  reason: z.string().max(500),
});

// ---- Journal upload ----

/** One journal entry as uploaded: exactly the register's entry (see @kassa/core journal.ts). */
export const uploadedEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.string().min(20).max(30),
  kind: z.string().min(1).max(40),
  by: z.string().max(254).optional(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type UploadedEntry = z.infer<typeof uploadedEntrySchema>;

/** The most entries one upload may carry. */
export const MAX_UPLOAD_BATCH = 500;

/**
 * POST /api/register/journal (device-authenticated): entries in seq order, continuing from the
 * server's acknowledged head (entries at or below it are accepted again if identical: retries
 * are idempotent). A gap, a broken chain or a conflicting entry stores nothing of the batch and
 * flags the terminal (409 journal-gap / journal-chain-broken / journal-conflict).
 */
export const journalUploadBodySchema = z.strictObject({
  entries: z.array(uploadedEntrySchema).min(1).max(MAX_UPLOAD_BATCH),
  /**
   * The register's own journal head (seq) when it sent the batch: the server then knows the
   * backlog left after it (head − acknowledged) without waiting for the next heartbeat.
   */
  localHeadSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type JournalUploadBody = z.infer<typeof journalUploadBodySchema>;

/** The answer of an upload and of GET /api/register/journal/head: the acknowledged high-water mark. */
export const journalHeadSchema = z.object({
  acknowledgedSeq: z.number().int().min(0),
  acknowledgedHash: z.string().nullable(),
  /**
   * The highest receipt number this terminal's registers have reported (heartbeat), also of
   * receipts not uploaded: a register restored from the server's copy numbers after it, so a
   * receipt number never repeats (docs/adr/0011-journal-anchors.md). Absent from older servers.
   */
  reportedReceiptNumber: z.number().int().min(0).optional(),
  /** Entries the previous register reported but never uploaded (lost with its data folder). */
  lostEntries: z.number().int().min(0).optional(),
});
export type JournalHeadAnswer = z.infer<typeof journalHeadSchema>;

/**
 * GET /api/register/journal/head?restore=1: the register is about to restore its journal from
 * the server's copy (its own is empty or kept aside); the answer then carries
 * `reportedReceiptNumber` and `lostEntries`, and lost entries flag the terminal.
 */
export const journalHeadQuerySchema = z.object({
  restore: z.enum(['0', '1']).optional(),
});

/** The most entries one download of the server's journal copy answers with. */
export const MAX_DOWNLOAD_BATCH = 500;

/**
 * GET /api/register/journal?afterSeq=&limit= (device-authenticated): the server's copy of this
 * terminal's journal, exactly as uploaded, for a register on a new PC (or one that lost its data
 * folder) to continue the same journal and receipt numbering.
 */
export const journalDownloadQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_DOWNLOAD_BATCH).default(MAX_DOWNLOAD_BATCH),
});
export type JournalDownloadQuery = z.infer<typeof journalDownloadQuerySchema>;

/**
 * The answer: entries after `afterSeq` in seq order, never beyond the acknowledged head given
 * beside them (read first, so the page and the head agree); fewer than `limit` only at the head.
 */
export const journalDownloadSchema = journalHeadSchema.extend({
  entries: z.array(uploadedEntrySchema),
});
export type JournalDownloadAnswer = z.infer<typeof journalDownloadSchema>;

// ---- Configuration through a cursor ----

/**
 * A configuration cursor: `<version>.<business day>`, e.g. `17.2026-11-25`. The version is the
 * environment's configuration version (bumped in the same transaction as every change to
 * products, prices, users and PINs, who may sign in where, terminals and company details); the
 * business day (Europe/Stockholm) makes a new day a new cursor, since prices in force change at
 * midnight without a write. Opaque to the register: it only stores and sends it back.
 */
export const CONFIG_CURSOR_PATTERN = /^(\d{1,15})\.(\d{4}-\d{2}-\d{2})$/;

/** GET /api/register/config?cursor= — no cursor: the register has nothing yet. */
export const registerConfigQuerySchema = z.object({
  cursor: z.string().max(64).optional(),
  /**
   * `delta`: the register applies a catalogue delta — with a cursor this server issued, the
   * snapshot's `catalogue` is only what changed since it (`catalogueDelta: true`).
   */
  catalogue: z.enum(['full', 'delta']).default('full'),
});

/** Nothing changed since the cursor: the register keeps its copies (and rewrites nothing). */
export const registerConfigUnchangedSchema = z.object({
  cursor: z.string(),
  changed: z.literal(false),
  serverTime: z.string(),
});

/**
 * Something changed (or the cursor was not current): a full snapshot, which replaces the
 * register's copies. `reset: true` when the cursor was not one this server issued in its history
 * (malformed, a version or day ahead of the server's — e.g. a database restored from a backup):
 * the register logs it. The snapshot is `GET /api/register/me` plus the catalogue of
 * `GET /api/register/catalogue` for the business day.
 */
export const registerConfigChangedSchema = registerMeSchema.extend({
  cursor: z.string(),
  changed: z.literal(true),
  reset: z.boolean(),
  businessDay: z.string(),
  /**
   * The active catalogue; with `catalogueDelta: true`, only the products changed since the
   * cursor (fields, barcodes, a price changed or come into force), active or not: the register
   * replaces each of them and drops the inactive ones or those without a price.
   */
  catalogue: z.array(productSchema),
  catalogueDelta: z.boolean().optional(),
});

export const registerConfigAnswerSchema = z.discriminatedUnion('changed', [
  registerConfigUnchangedSchema,
  registerConfigChangedSchema,
]);
export type RegisterConfigAnswer = z.infer<typeof registerConfigAnswerSchema>;
export type RegisterConfigSnapshot = z.infer<typeof registerConfigChangedSchema>;
