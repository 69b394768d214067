/**
 * The register's session with its control unit (kontrollenhet, SKVFS 2014:9 7 kap): signing a
 * receipt, the ledger of requests whose outcome is in doubt, the unit's last known state, and
 * the health check. docs/protocols/control-unit.md "Lost answers":
 * 1. if the number of a series is in doubt (an earlier request's outcome is unknown), the unit's
 *    status is asked, then that request is sent again with identical data when the receipt
 *    carries the same data (same number, time and amounts) — else the number is given up
 *    (`receipt-number-skipped`) and the next one taken: one number never gets two contents;
 * 2. the request (number, type, amounts, VAT) is journaled BEFORE it is sent — on disk, or (a
 *    sale whose number is reserved on disk, number-reservation.ts) committed and made durable
 *    by the receipt's fsync;
 * 3. the outcome of a failure (refused, not sent, unknown) is journaled with the fault. A signed
 *    request's outcome is its receipt entry, journaled by the caller in one transaction.
 * An answer whose fields do not have the protocol's form is a fault, never a receipt.
 */
import {
  type JournalEvent,
  type Receipt,
  receiptSeriesOf,
  validateReceiptRegistration,
  withControlCode,
} from '@kassa/core';
import type { ControlUnitState } from '@kassa/contracts';
import { SIMULATED_SERIAL_PREFIX } from '@kassa/documents';
import { failure, type Failure } from '../failure.js';
import {
  ControlUnitLedger,
  controlUnitRequestOf,
  registrationOf,
  resolveDoubt,
} from './control-unit-request.js';
import { bad, good, type EngineResult } from './engine-result.js';
import { controlUnitLedgerEntries } from './journal-reads.js';
import type { NumberReservation } from './number-reservation.js';
import { payStep } from './pay-trace.js';
import type { Actor, SellingContext } from './selling-context.js';

export class ControlUnitSession {
  private cuState: ControlUnitState = {
    state: 'unknown',
    serialNumber: null,
    simulated: false,
    problem: null,
  };
  /** The ledger of control-unit requests, folded from the journal once (then kept up to date). */
  private cuLedger: ControlUnitLedger | null = null;

  constructor(
    private readonly ctx: SellingContext,
    private readonly reservation: NumberReservation,
  ) {}

  private get store() {
    return this.ctx.store;
  }

  state(): ControlUnitState {
    const simulated =
      this.ctx.options.controlUnit().simulated ||
      this.cuState.serialNumber?.startsWith(SIMULATED_SERIAL_PREFIX) === true;
    return { ...this.cuState, simulated };
  }

  /**
   * The ledger; on first use, a request journaled with no outcome after it (the register
   * stopped while waiting for the unit) gets its outcome 'unknown' journaled now.
   */
  private ledger(by?: string): ControlUnitLedger {
    if (this.cuLedger !== null) return this.cuLedger;
    // A number reserved before the PC started again is settled first (number-reservation.ts).
    this.reservation.settle(by);
    const ledger = new ControlUnitLedger();
    for (const entry of controlUnitLedgerEntries(this.store)) ledger.see(entry);
    const unanswered = ledger.unanswered();
    if (unanswered.length > 0) {
      const entries = this.store.append(
        unanswered.map(({ series, receiptNumber }) => ({
          event: {
            kind: 'control-unit-answer' as const,
            data: { series, receiptNumber, outcome: 'unknown' as const, code: 'register-stopped' },
          },
          by,
        })),
        this.ctx.now().iso,
      );
      for (const entry of entries) ledger.see(entry);
    }
    this.cuLedger = ledger;
    return ledger;
  }

  /** Appends entries and folds them into the ledger. */
  private journal(
    events: readonly JournalEvent[],
    by?: string,
    durability: 'now' | 'with-next' = 'now',
  ): void {
    const entries = this.store.append(
      events.map((event) => ({ event, by })),
      this.ctx.now().iso,
      [],
      durability,
    );
    for (const entry of entries) this.cuLedger?.see(entry);
  }

  /** Sends a receipt to the control unit; the signed receipt, or the fault (journaled). */
  async sign(actor: Actor, receipt: Receipt): Promise<EngineResult<Receipt>> {
    const { driver, simulated } = this.ctx.options.controlUnit();
    const by = actor.username;
    const timeZone = this.ctx.options.timeZone;
    const ledger = this.ledger(by);
    const series = receiptSeriesOf(receipt.kind);
    let toSign = receipt;
    let resend = false;
    const doubt = ledger.inDoubt(series);
    if (doubt !== undefined) {
      const resolved = resolveDoubt(doubt, receipt, timeZone);
      if (resolved.action === 'resend') {
        // Before going on, ask the unit how it is (CCSP has no "last receipt" query: SIQ).
        const status = await driver.status().catch(() => null);
        if (status?.ok !== true) {
          const code = status === null ? 'error' : status.code;
          return this.failed(by, simulated, code, status ?? {});
        }
        toSign = resolved.receipt;
        resend = true;
      } else {
        this.journal(
          [
            {
              kind: 'receipt-number-skipped',
              data: { series, receiptNumber: doubt.request.receiptNumber, reason: resolved.reason },
            },
          ],
          by,
        );
        toSign = { ...receipt, receiptNumber: this.store.nextNumber(series) };
      }
    }
    const request = controlUnitRequestOf(toSign, timeZone, resend);
    const registration = registrationOf(request);
    const valid = validateReceiptRegistration(registration);
    if (!valid.ok) {
      // Refused before anything is sent: no request, the number stays free.
      return this.failed(by, simulated, valid.code, valid);
    }
    payStep('request-built');
    // Its number reserved on disk, a sale's request goes out without waiting for its fsync: the
    // receipt's commit makes both durable before anything is printed (number-reservation.ts).
    // Any other is on disk before it is sent.
    const reserved = !resend && this.reservation.holds(series, request.receiptNumber);
    this.journal(
      [{ kind: 'control-unit-request', data: request }],
      by,
      reserved ? 'with-next' : 'now',
    );
    payStep('request-committed');
    const answer = await driver
      .registerReceipt(registration)
      .catch((error: unknown): { ok: false; code: 'control-unit-error'; detail: string } => ({
        ok: false,
        code: 'control-unit-error',
        detail: String(error),
      }));
    payStep('cu-answered');
    if (answer.ok) {
      ledger.signed(series, request.receiptNumber);
      const wasDown = this.cuState.state === 'down';
      this.cuState = {
        state: 'ok',
        serialNumber: answer.value.unitSerialNumber,
        simulated,
        problem: null,
      };
      if (wasDown) {
        this.journal(
          [
            {
              kind: 'control-unit-restored',
              data: { serialNumber: answer.value.unitSerialNumber },
            },
          ],
          by,
        );
      }
      return good(
        withControlCode(toSign, {
          serialNumber: answer.value.unitSerialNumber,
          controlCode: answer.value.controlCode,
        }),
      );
    }
    // The failure's own fields, by its code (core's ControlUnitRequestFailure): `sent: false`
    // only when nothing was written, the NAK's code only on a NAK.
    const outcome: 'refused' | 'not-sent' | 'unknown' =
      answer.code === 'control-unit-nak'
        ? 'refused'
        : answer.code === 'control-unit-unreachable' && answer.sent === false
          ? 'not-sent'
          : 'unknown';
    const events: JournalEvent[] = [
      {
        kind: 'control-unit-answer',
        data: { series, receiptNumber: request.receiptNumber, outcome, code: answer.code },
      },
    ];
    if (resend && answer.code === 'control-unit-nak' && answer.nakCode === '003') {
      // The unit refuses the identical data again (e.g. it will not take a number twice): the
      // number is given up, the next attempt takes the next one.
      events.push({
        kind: 'receipt-number-skipped',
        data: { series, receiptNumber: request.receiptNumber, reason: 'unit-refused-resend' },
      });
    }
    return this.failed(by, simulated, answer.code, answer, events);
  }

  /** A control-unit failure: its Swedish message, the fault journaled (with `before`). */
  private failed(
    by: string | undefined,
    simulated: boolean,
    code: string,
    details: Record<string, unknown>,
    before: readonly JournalEvent[] = [],
  ): EngineResult<Receipt> {
    const text = (value: unknown, fallback = ''): string =>
      typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
    let result: { ok: false; failure: Failure };
    if (code.startsWith('control-unit-invalid') || code === 'control-unit-amount-too-wide') {
      result = bad('control-unit-receipt-invalid', 500, {
        field: text(details.field),
        value: text(details.value),
      });
    } else if (
      code === 'control-unit-reply-malformed' ||
      code === 'control-unit-reply-unexpected'
    ) {
      const fields: Record<string, string> = {
        'control-code': 'kontrollkod',
        'unit-serial-number': 'tillverkningsnummer',
        'main-status': 'huvudstatus',
        'storage-status': 'minnesstatus',
      };
      result = bad('control-unit-answer-invalid', 502, {
        field: fields[text(details.field)] ?? 'svar',
        reply: text(details.reply).slice(0, 80),
      });
    } else if (
      code === 'control-unit-unreachable' ||
      code === 'control-unit-timeout' ||
      code === 'control-unit-error' ||
      code.startsWith('ccsp-')
    ) {
      result = bad('control-unit-unreachable', 503, {
        detail:
          code === 'control-unit-timeout'
            ? `inget svar på ${text(details.afterMs)} ms`
            : text(details.detail, code),
      });
    } else {
      const nak = typeof details.nakCode === 'string' ? ` ${details.nakCode}` : '';
      const why = typeof details.reason === 'string' ? ` (${details.reason})` : '';
      result = bad('control-unit-refused', 503, { reason: `${code}${nak}${why}` });
    }
    this.cuState = {
      state: 'down',
      serialNumber: this.cuState.serialNumber,
      simulated,
      problem: { code: result.failure.code, sv: result.failure.sv, en: result.failure.en },
    };
    this.journal(
      [...before, { kind: 'control-unit-fault', data: { code, message: result.failure.en } }],
      by,
    );
    return result;
  }

  /** Forgets the last known state (another unit was configured). */
  forget(): void {
    this.cuState = { state: 'unknown', serialNumber: null, simulated: false, problem: null };
  }

  /** Asks the control unit for its status (a health check); journals a fault or recovery. */
  check(): Promise<ControlUnitState> {
    return this.ctx.queued(async () => {
      const { driver, simulated } = this.ctx.options.controlUnit();
      // A request left without an outcome (the register stopped while waiting) is journaled as
      // unknown first; the unit is then asked for its status before anything else is sent.
      this.ledger();
      const answer = await driver.status().catch(() => null);
      if (answer?.ok === true) {
        const identity = await driver.identity().catch(() => null);
        const serial =
          identity?.ok === true ? identity.value.unitSerialNumber : this.cuState.serialNumber;
        const wasDown = this.cuState.state === 'down';
        this.cuState = { state: 'ok', serialNumber: serial, simulated, problem: null };
        if (wasDown && serial !== null) {
          this.store.append(
            [{ event: { kind: 'control-unit-restored', data: { serialNumber: serial } } }],
            this.ctx.now().iso,
          );
        }
      } else {
        const detail = answer === null ? 'error' : answer.code;
        const problem = failure('control-unit-unreachable', { detail });
        if (this.cuState.state !== 'down') {
          this.store.append(
            [
              {
                event: { kind: 'control-unit-fault', data: { code: detail, message: problem.en } },
              },
            ],
            this.ctx.now().iso,
          );
        }
        this.cuState = {
          state: 'down',
          serialNumber: this.cuState.serialNumber,
          simulated,
          problem: { code: problem.code, sv: problem.sv, en: problem.en },
        };
      }
      return this.state();
    });
  }
}
