/**
 * Everything selling needs on a connected register, opened once by `kassa start`: the journal
 * file, the local catalogue copy, the settings, the control unit (a real one over TCP or a
 * serial device, or the built-in simulator on a local socket) and the receipt printer.
 */
import path from 'node:path';
import {
  type LocalCatalogue,
  type LocalProduct,
  type PrintOutcome,
  type RegisterConfigSnapshot,
  type RegisterSettings,
  settingsBodySchema,
} from '@kassa/contracts';
import { type Receipt, SHOP_TIME_ZONE } from '@kassa/core';
import { renderReceiptHtml, renderReceiptPdf } from '@kassa/documents';
import {
  type CcspControlUnitDriver,
  type ControlUnitSimulator,
  createTcpControlUnitDriver,
  openControlUnitDriver,
  startControlUnitSimulator,
} from '../control-unit/index.js';
import { FILES } from '../folder/data-folder.js';
import { failure } from '../failure.js';
import type { Installation } from '../connect/installation.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { PrinterError, parsePrinterAddress, printTo } from '../printer/printers.js';
import type { RegisterState } from '../folder/state.js';
import {
  CatalogueIndex,
  PENDING_CATALOGUE_KEY,
  applyCatalogueDelta,
  articleChanges,
  pendingCatalogueSchema,
  pendingOf,
  priceChanges,
  readCatalogue,
  toLocalProducts,
  withPending,
  writeCatalogue,
  type CatalogueFile,
  type PendingCatalogue,
} from './catalogue.js';
import {
  type Actor,
  type EngineControlUnit,
  type EngineResult,
  type RegisterIdentity,
  SellingEngine,
} from './engine.js';
import { openJournalStore, type JournalStore } from './journal-store.js';
import { readSettings, settingChanges, writeSettings } from './settings.js';

export interface SellingRuntimeOptions {
  readonly folder: string;
  readonly installation: Installation;
  /** The last known server state (company, address); read again on every call. */
  readonly state: () => RegisterState | null;
  readonly clock?: () => number;
  /** A clock that only moves forward (see SellingEngineOptions.monotonic). */
  readonly monotonic?: () => number;
  /** The operating system printer addresses are judged for (Windows shares and ports). */
  readonly platform?: NodeJS.Platform;
}

export class SellingRuntime {
  readonly engine: SellingEngine;
  private settingsNow: RegisterSettings;
  private catalogueNow: LocalCatalogue;
  private cursorNow: string | null;
  private unit: { driver: CcspControlUnitDriver; simulator: ControlUnitSimulator | null } | null =
    null;
  private unitFor: string | null = null;
  private readonly platform: NodeJS.Platform;
  private readonly store: JournalStore;

  private constructor(
    private readonly options: SellingRuntimeOptions,
    settings: RegisterSettings,
    catalogue: LocalCatalogue,
    cursor: string | null,
  ) {
    this.settingsNow = settings;
    this.catalogueNow = catalogue;
    this.cursorNow = cursor;
    this.platform = options.platform ?? process.platform;
    const store = openJournalStore(path.join(options.folder, FILES.journal));
    this.store = store;
    this.engine = new SellingEngine({
      store,
      clock: options.clock ?? Date.now,
      timeZone: SHOP_TIME_ZONE,
      identity: () => this.identity(),
      catalogue: () => this.catalogueNow.products,
      controlUnit: () => this.controlUnit(),
      settings: () => this.settingsNow,
      printBytes: (bytes) => this.printBytes(bytes),
      ...(options.monotonic ? { monotonic: options.monotonic } : {}),
      serverClockOffsetMs: () => options.state()?.clockOffsetMs ?? null,
    });
  }

  static async open(options: SellingRuntimeOptions): Promise<SellingRuntime> {
    const settings = await readSettings(options.folder);
    const file = await readCatalogue(options.folder);
    const runtime = new SellingRuntime(
      options,
      settings,
      { syncedAt: file?.syncedAt ?? null, products: file?.products ?? [] },
      file?.cursor ?? null,
    );
    await runtime.finishPendingCatalogue(file);
    await runtime.prepareControlUnit();
    return runtime;
  }

  /**
   * A catalogue change journaled before a crash but not yet in the copy: the copy is brought up
   * to it now, without journaling it again; one already in the copy is only forgotten.
   */
  private async finishPendingCatalogue(file: CatalogueFile | null): Promise<void> {
    const raw = this.store.working<unknown>(PENDING_CATALOGUE_KEY);
    if (raw === undefined) return;
    const pending = pendingCatalogueSchema.safeParse(raw);
    if (pending.success && pending.data.cursor !== (file?.cursor ?? null)) {
      await this.writeCopy(pending.data, withPending(this.catalogueNow.products, pending.data));
    }
    this.store.changeWorking([{ op: 'delete', key: PENDING_CATALOGUE_KEY }]);
  }

  /** Writes the copy with its cursor (last) and takes it. */
  private async writeCopy(
    meta: Pick<PendingCatalogue, 'cursor' | 'businessDay' | 'syncedAt'>,
    products: LocalProduct[],
  ): Promise<void> {
    await writeCatalogue(this.options.folder, {
      formatVersion: 1,
      syncedAt: meta.syncedAt,
      businessDay: meta.businessDay,
      products,
      cursor: meta.cursor,
    });
    this.catalogueNow = { syncedAt: meta.syncedAt, products };
    this.cursorNow = meta.cursor;
  }

  identity(): RegisterIdentity {
    const { register } = this.options.installation;
    const state = this.options.state();
    const place = state?.terminal?.placeOfBusiness;
    const address = place
      ? [place.streetAddress, `${place.postalCode} ${place.city}`.trim()]
          .filter((p) => p !== '')
          .join(', ')
      : '';
    return {
      header: {
        companyName: state?.environment?.companyName ?? register.environment.companyName,
        organisationNumber: state?.environment?.organisationNumber ?? '',
        placeOfSaleAddress: address,
        registerId: state?.terminal?.registerId ?? register.terminal.registerId,
      },
      registerSerialNumber: state?.terminal?.serialNumber ?? register.terminal.serialNumber,
    };
  }

  settings(): RegisterSettings {
    return this.settingsNow;
  }

  catalogue(): LocalCatalogue {
    return this.catalogueNow;
  }

  private indexed: CatalogueIndex | null = null;

  /** The copy prepared for searching, built again only when the copy changed. */
  catalogueIndex(): CatalogueIndex {
    const products = this.catalogueNow.products;
    if (this.indexed?.products !== products) this.indexed = new CatalogueIndex(products);
    return this.indexed;
  }

  /** Opens the configured control unit (starting the built-in simulator for 'simulator'). */
  private async prepareControlUnit(): Promise<void> {
    const wanted = this.settingsNow.controlUnit;
    if (this.unit !== null && this.unitFor === wanted) return;
    await this.closeControlUnit();
    if (wanted === 'simulator') {
      const registerId = this.identity().header.registerId;
      const { simulator, host, port } = await startControlUnitSimulator({
        seed: `kassa-${registerId}`,
      });
      this.unit = { driver: createTcpControlUnitDriver({ host, port }), simulator };
    } else {
      const opened = openControlUnitDriver(wanted);
      if (!opened.ok) throw new Error(`control unit address: ${opened.code}`);
      this.unit = { driver: opened.value, simulator: null };
    }
    this.unitFor = wanted;
  }

  private async closeControlUnit(): Promise<void> {
    if (this.unit === null) return;
    this.unit.driver.close();
    await this.unit.simulator?.stop();
    this.unit = null;
    this.unitFor = null;
  }

  private controlUnit(): EngineControlUnit {
    if (this.unit === null) throw new Error('control unit not prepared');
    return { driver: this.unit.driver, simulated: this.unit.simulator !== null };
  }

  /** The configuration cursor the local copies stand for (null: none yet). */
  configCursor(): string | null {
    return this.cursorNow;
  }

  /**
   * Takes the catalogue of a configuration snapshot (the whole catalogue, or with
   * `catalogueDelta` only the products changed since the copy's cursor): the programming changes
   * against the previous copy (articles added, removed or changed, SKVFS 2014:9 5 kap 4 §;
   * prices, 2 kap 15 §) are journaled first, in one transaction with the change itself kept as
   * pending working state; then the copy is written with the cursor, and the pending change
   * forgotten. A crash before the journal commit asks for the snapshot again; one after it
   * finishes the copy from the pending change when the register opens, so no change is
   * journaled twice.
   */
  async applyConfiguration(snapshot: RegisterConfigSnapshot): Promise<void> {
    const current = this.catalogueNow.products;
    let previous: readonly LocalProduct[] = current;
    let next: LocalProduct[];
    let touched: Set<string> | null = null;
    let products: LocalProduct[];
    if (snapshot.catalogueDelta === true) {
      const merged = applyCatalogueDelta(current, snapshot.catalogue);
      touched = merged.numbers;
      const numbers = merged.numbers;
      previous = current.filter((p) => numbers.has(p.articleNumber));
      next = toLocalProducts(snapshot.catalogue);
      products = merged.products;
    } else {
      next = toLocalProducts(snapshot.catalogue);
      products = next;
    }
    const at = new Date((this.options.clock ?? Date.now)()).toISOString();
    const changes = [
      ...articleChanges(previous, next),
      ...priceChanges(previous, next, snapshot.businessDay),
    ];
    const meta = { cursor: snapshot.cursor, businessDay: snapshot.businessDay, syncedAt: at };
    if (changes.length > 0) {
      const pending = pendingOf(previous, next, touched, meta);
      await this.engine.record(undefined, changes, [
        { op: 'put', key: PENDING_CATALOGUE_KEY, value: pending },
      ]);
    }
    await this.writeCopy(meta, products);
    if (changes.length > 0) {
      this.store.changeWorking([{ op: 'delete', key: PENDING_CATALOGUE_KEY }]);
    }
  }

  /** Changes settings (manager or admin); each change is journaled before it takes effect. */
  async updateSettings(
    actor: Actor,
    patch: Partial<RegisterSettings>,
  ): Promise<EngineResult<RegisterSettings>> {
    if (actor.role === 'cashier') {
      return { ok: false, failure: { ...failure('manager-required'), status: 403 } };
    }
    const parsed = settingsBodySchema.safeParse(patch);
    if (!parsed.success) {
      return {
        ok: false,
        failure: {
          ...failure('settings-invalid', { setting: '?', reason: parsed.error.message }),
          status: 400,
        },
      };
    }
    const next: RegisterSettings = { ...this.settingsNow, ...parsed.data };
    if (next.controlUnit !== 'simulator') {
      const opened = openControlUnitDriver(next.controlUnit);
      if (!opened.ok) {
        return {
          ok: false,
          failure: {
            ...failure('settings-invalid', { setting: 'controlUnit', reason: opened.code }),
            status: 400,
          },
        };
      }
      opened.value.close();
    }
    if (next.printer !== 'none' && next.printer !== this.settingsNow.printer) {
      const printer = parsePrinterAddress(next.printer);
      if (!printer.ok) {
        return {
          ok: false,
          failure: {
            ...failure('printer-invalid-address', { address: next.printer }),
            status: 400,
          },
        };
      }
      const windowsOnly = printer.value.kind === 'share' || printer.value.kind === 'port';
      if (windowsOnly && this.platform !== 'win32') {
        return {
          ok: false,
          failure: { ...failure('printer-windows-only', { address: next.printer }), status: 400 },
        };
      }
    }
    const changes = settingChanges(this.settingsNow, next);
    if (changes.length > 0) {
      await this.engine.record(
        actor.username,
        changes.map((data) => ({ kind: 'setting-changed' as const, data })),
      );
      await writeSettings(this.options.folder, next);
      const unitChanged = next.controlUnit !== this.settingsNow.controlUnit;
      this.settingsNow = next;
      await this.prepareControlUnit();
      if (unitChanged) {
        // Another unit: forget what the old one said and ask the new one at once.
        this.engine.forgetControlUnit();
        await this.engine.checkControlUnit();
      }
    }
    return { ok: true, value: next };
  }

  /** Sends bytes to the configured printer; never throws (printing never undoes a sale). */
  async printBytes(bytes: Uint8Array): Promise<PrintOutcome> {
    const target = this.settingsNow.printer;
    if (target === 'none') return { status: 'no-printer' };
    const address = parsePrinterAddress(target);
    if (!address.ok) {
      // settings.json edited by hand: say what to fix instead of printing nowhere.
      const { sv, en } = failure('printer-invalid-address', { address: target });
      return { status: 'failed', code: 'printer-invalid-address', sv, en };
    }
    try {
      await printTo(bytes, address.value, this.platform);
      return { status: 'printed' };
    } catch (error) {
      if (error instanceof PrinterError) {
        return { status: 'failed', code: error.code, sv: error.message, en: error.en };
      }
      return {
        status: 'failed',
        code: 'printer-write-failed',
        sv: `Utskriften misslyckades: ${String(error)}`,
        en: `Printing failed: ${String(error)}`,
      };
    }
  }

  receiptHtml(receipt: Receipt): string {
    return renderReceiptHtml(receipt, { timeZone: SHOP_TIME_ZONE, asPrinted: true });
  }

  receiptPdf(receipt: Receipt): Promise<Uint8Array> {
    return renderReceiptPdf(receipt, { timeZone: SHOP_TIME_ZONE });
  }

  /** Start and stop are running use too (2021:16 StartAvKassaregister, StoppAvKassaregister). */
  async recordStart(): Promise<void> {
    await this.engine.record(undefined, [
      { kind: 'register-started', data: { programVersion: PROGRAM_VERSION } },
    ]);
  }

  private stopRecorded = false;

  /** Journals the stop (once); close() does it too when it was not done before. */
  async recordStop(): Promise<void> {
    if (this.stopRecorded) return;
    this.stopRecorded = true;
    await this.engine.record(undefined, [
      { kind: 'register-stopped', data: { programVersion: PROGRAM_VERSION } },
    ]);
  }

  async close(): Promise<void> {
    try {
      await this.recordStop();
    } finally {
      await this.closeControlUnit();
      this.engine.store.close();
    }
  }
}
