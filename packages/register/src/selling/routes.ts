/**
 * The selling routes of the Register local API (docs/protocols/register-protocol.md, "Selling"):
 * a thin HTTP layer over SellingEngine and SellingRuntime. Every route needs a signed-in
 * cashier; the answers are the shapes of @kassa/contracts register-sales.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  addLineBodySchema,
  cashFloatBodySchema,
  cashMoveBodySchema,
  changeLineBodySchema,
  consumptionBodySchema,
  drawerOpenBodySchema,
  LOCAL_CATALOGUE_PAGE_MAX,
  localCatalogueQuerySchema,
  orderDiscountBodySchema,
  parkBodySchema,
  payBodySchema,
  returnBodySchema,
  settingsBodySchema,
  trainingBodySchema,
  zBodySchema,
  type ReceiptResult,
} from '@kassa/contracts';
import { type Receipt, type XReport, type ZReport, SHOP_TIME_ZONE } from '@kassa/core';
import { renderDayReportEscPos, renderDayReportHtml, renderDayReportPdf } from '@kassa/documents';
import { failure, type Failure } from '../failure.js';
import type { Actor, EngineResult, PrintedReceipt } from './engine.js';
import { SellingRuntime } from './runtime.js';
import { swishQrText } from './swish.js';
import { payStep } from './pay-trace.js';

export interface SellingRouteContext {
  /** The runtime, or why the register cannot sell (not connected, binding removed, …). */
  runtime(): SellingRuntime | Failure;
  actor(): Actor | null;
}

function sendFailure(reply: FastifyReply, f: Failure): FastifyReply {
  const { code, sv, en, details } = f;
  return reply
    .status(f.status ?? 409)
    .send({ error: details ? { code, sv, en, details } : { code, sv, en } });
}

const numberParams = z.object({ number: z.coerce.number().int().min(1).max(999_999_999_999) });

export function registerSellingRoutes(app: FastifyInstance, ctx: SellingRouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Resolves the runtime and actor, or answers the refusal. */
  function ready(reply: FastifyReply): { runtime: SellingRuntime; actor: Actor } | null {
    const runtime = ctx.runtime();
    if (!(runtime instanceof SellingRuntime)) {
      void sendFailure(reply, { ...runtime, status: runtime.status ?? 409 });
      return null;
    }
    const actor = ctx.actor();
    if (actor === null) {
      void sendFailure(reply, { ...failure('not-signed-in'), status: 401 });
      return null;
    }
    return { runtime, actor };
  }

  async function answer<T>(
    reply: FastifyReply,
    result: Promise<EngineResult<T>>,
  ): Promise<unknown> {
    const r = await result;
    if (!r.ok) return sendFailure(reply, r.failure);
    return r.value;
  }

  /** A receipt signed, journaled and printed by the engine (receipts/completing.ts), as shown. */
  function receiptResult(runtime: SellingRuntime, done: PrintedReceipt): ReceiptResult {
    const { receipt } = done;
    const html = runtime.receiptHtml(receipt);
    payStep('html-rendered');
    return {
      receipt: viewOf(receipt),
      html,
      print: done.print,
      drawerOpened: done.drawerOpened,
      simulated: receipt.controlUnitSerial?.startsWith('SIM-') === true,
    };
  }

  async function completing(
    reply: FastifyReply,
    runtime: SellingRuntime,
    result: Promise<EngineResult<PrintedReceipt>>,
  ): Promise<unknown> {
    const r = await result;
    if (!r.ok) return sendFailure(reply, r.failure);
    return receiptResult(runtime, r.value);
  }

  api.get(
    '/local/catalogue',
    { schema: { querystring: localCatalogueQuerySchema } },
    (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const { q, group, barcode, offset, limit } = request.query;
      if ([q, group, barcode, offset, limit].every((v) => v === undefined)) {
        return ok.runtime.catalogue();
      }
      // One page from the prepared copy: a catalogue of 100,000 articles is never sent whole.
      const index = ok.runtime.catalogueIndex();
      const page = { offset: offset ?? 0, limit: limit ?? LOCAL_CATALOGUE_PAGE_MAX };
      const found = index.search({ q, group, barcode, ...page });
      return {
        syncedAt: ok.runtime.catalogue().syncedAt,
        ...found,
        ...page,
        groups: index.groups,
      };
    },
  );

  api.get('/local/sale', (_request, reply) => {
    const ok = ready(reply);
    return ok ? ok.runtime.engine.view(ok.actor) : reply;
  });

  api.post('/local/sale/lines', { schema: { body: addLineBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok ? answer(reply, ok.runtime.engine.addLine(ok.actor, request.body)) : reply;
  });

  const lineParams = z.object({ lineId: z.string().min(1).max(64) });
  api.patch(
    '/local/sale/lines/:lineId',
    { schema: { params: lineParams, body: changeLineBodySchema } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? answer(reply, ok.runtime.engine.changeLine(ok.actor, request.params.lineId, request.body))
        : reply;
    },
  );

  api.delete('/local/sale/lines/:lineId', { schema: { params: lineParams } }, (request, reply) => {
    const ok = ready(reply);
    return ok
      ? answer(reply, ok.runtime.engine.removeLine(ok.actor, request.params.lineId))
      : reply;
  });

  api.delete('/local/sale', (_request, reply) => {
    const ok = ready(reply);
    return ok ? answer(reply, ok.runtime.engine.clearSale(ok.actor)) : reply;
  });

  api.put(
    '/local/sale/discount',
    { schema: { body: orderDiscountBodySchema } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? answer(reply, ok.runtime.engine.setOrderDiscount(ok.actor, request.body.discount))
        : reply;
    },
  );

  api.put(
    '/local/sale/consumption',
    { schema: { body: consumptionBodySchema } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? answer(reply, ok.runtime.engine.setConsumption(ok.actor, request.body.consumption))
        : reply;
    },
  );

  api.put('/local/training', { schema: { body: trainingBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok
      ? answer(reply, ok.runtime.engine.setTraining(ok.actor, request.body.training))
      : reply;
  });

  api.post('/local/sale/pay', { schema: { body: payBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok
      ? completing(
          reply,
          ok.runtime,
          ok.runtime.engine.pay(ok.actor, request.body.tenders, request.body.delivery),
        )
      : reply;
  });

  api.post('/local/sale/pro-forma', (_request, reply) => {
    const ok = ready(reply);
    return ok ? completing(reply, ok.runtime, ok.runtime.engine.proForma(ok.actor)) : reply;
  });

  api.post('/local/sale/park', { schema: { body: parkBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok ? answer(reply, ok.runtime.engine.park(ok.actor, request.body.note)) : reply;
  });

  api.get('/local/parked', (_request, reply) => {
    const ok = ready(reply);
    return ok ? { parked: ok.runtime.engine.parked() } : reply;
  });

  api.post(
    '/local/parked/:parkingId/resume',
    { schema: { params: z.object({ parkingId: z.string().min(1).max(64) }) } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? answer(reply, ok.runtime.engine.resume(ok.actor, request.params.parkingId))
        : reply;
    },
  );

  api.get(
    '/local/receipts',
    {
      schema: {
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
      },
    },
    (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const engine = ok.runtime.engine;
      return {
        receipts: engine.latestReceipts(request.query.limit).map((r) => ({
          kind: r.kind,
          receiptNumber: r.receiptNumber,
          issuedAt: r.issuedAt,
          total: r.total,
          copied: engine.copied(r.receiptNumber),
          unprinted: r.delivery === 'paper' && !engine.printed(r.receiptNumber),
          returnable: r.kind === 'sale' ? engine.returnable(r.receiptNumber) : [],
        })),
      };
    },
  );

  function findReceipt(reply: FastifyReply, runtime: SellingRuntime, n: number): Receipt | null {
    const receipt = runtime.engine.receipt(n);
    if (receipt === undefined) {
      void sendFailure(reply, {
        ...failure('receipt-not-found', { receiptNumber: n }),
        status: 404,
      });
      return null;
    }
    return receipt;
  }

  api.get('/local/receipts/:number', { schema: { params: numberParams } }, (request, reply) => {
    const ok = ready(reply);
    if (!ok) return reply;
    const receipt = findReceipt(reply, ok.runtime, request.params.number);
    return receipt === null
      ? reply
      : {
          receipt: viewOf(receipt),
          html: ok.runtime.receiptHtml(receipt),
          copied: ok.runtime.engine.copied(receipt.receiptNumber),
          unprinted:
            receipt.delivery === 'paper' && !ok.runtime.engine.printed(receipt.receiptNumber),
          returnable:
            receipt.kind === 'sale' ? ok.runtime.engine.returnable(receipt.receiptNumber) : [],
        };
  });

  api.get(
    '/local/receipts/:number/pdf',
    { schema: { params: numberParams } },
    async (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const receipt = findReceipt(reply, ok.runtime, request.params.number);
      if (receipt === null) return reply;
      // The electronic receipt: marked "elektroniskt kassakvitto" by the PDF renderer.
      const pdf = await ok.runtime.receiptPdf(receipt);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="kvitto-${receipt.receiptNumber}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  // A receipt journaled but never printed (printer off or out of paper): the original, once.
  api.post(
    '/local/receipts/:number/print',
    { schema: { params: numberParams } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? completing(
            reply,
            ok.runtime,
            ok.runtime.engine.printOriginalLater(ok.actor, request.params.number),
          )
        : reply;
    },
  );

  api.post(
    '/local/receipts/:number/copy',
    { schema: { params: numberParams } },
    (request, reply) => {
      const ok = ready(reply);
      return ok
        ? completing(reply, ok.runtime, ok.runtime.engine.copy(ok.actor, request.params.number))
        : reply;
    },
  );

  api.post('/local/returns', { schema: { body: returnBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    if (!ok) return reply;
    const { originalReceiptNumber, items, refunds } = request.body;
    return completing(
      reply,
      ok.runtime,
      ok.runtime.engine.returnItems(ok.actor, originalReceiptNumber, items, refunds),
    );
  });

  api.post('/local/drawer/open', { schema: { body: drawerOpenBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok ? answer(reply, ok.runtime.engine.openDrawer(ok.actor, request.body.reason)) : reply;
  });

  api.post(
    '/local/cash/float',
    { schema: { body: cashFloatBodySchema } },
    async (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const r = await ok.runtime.engine.cashFloat(ok.actor, request.body.amount);
      return r.ok ? reply.status(204).send() : sendFailure(reply, r.failure);
    },
  );

  for (const direction of ['in', 'out'] as const) {
    api.post(
      `/local/cash/${direction}`,
      { schema: { body: cashMoveBodySchema } },
      async (request, reply) => {
        const ok = ready(reply);
        if (!ok) return reply;
        const r = await ok.runtime.engine.cashMove(
          ok.actor,
          direction,
          request.body.amount,
          request.body.reason,
        );
        return r.ok ? reply.status(204).send() : sendFailure(reply, r.failure);
      },
    );
  }

  async function reportAnswer(runtime: SellingRuntime, report: XReport | ZReport) {
    const print = await runtime.printBytes(
      renderDayReportEscPos(report, { timeZone: SHOP_TIME_ZONE }),
    );
    return { report, html: renderDayReportHtml(report), print };
  }

  api.post('/local/reports/x', async (_request, reply) => {
    const ok = ready(reply);
    if (!ok) return reply;
    const r = await ok.runtime.engine.xReport(ok.actor);
    return r.ok ? reportAnswer(ok.runtime, r.value) : sendFailure(reply, r.failure);
  });

  api.post('/local/reports/z', { schema: { body: zBodySchema } }, async (request, reply) => {
    const ok = ready(reply);
    if (!ok) return reply;
    const r = await ok.runtime.engine.zReport(ok.actor, request.body.countedCash);
    return r.ok ? reportAnswer(ok.runtime, r.value) : sendFailure(reply, r.failure);
  });

  api.get('/local/reports/x/pdf', async (_request, reply) => {
    const ok = ready(reply);
    if (!ok) return reply;
    const r = await ok.runtime.engine.xReport(ok.actor);
    if (!r.ok) return sendFailure(reply, r.failure);
    return reply
      .type('application/pdf')
      .header('content-disposition', 'inline; filename="x-dagrapport.pdf"')
      .send(Buffer.from(await renderDayReportPdf(r.value)));
  });

  api.get(
    '/local/reports/z/:number/pdf',
    { schema: { params: numberParams } },
    async (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const report = ok.runtime.engine.zByNumber(request.params.number);
      if (report === undefined) {
        return sendFailure(reply, {
          ...failure('receipt-not-found', { receiptNumber: `Z ${request.params.number}` }),
          status: 404,
        });
      }
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="z-dagrapport-${report.zNumber}.pdf"`)
        .send(Buffer.from(await renderDayReportPdf(report)));
    },
  );

  api.get(
    '/local/swish',
    {
      schema: {
        querystring: z.object({ amount: z.coerce.number().int().min(1).max(1_000_000_000) }),
      },
    },
    async (request, reply) => {
      const ok = ready(reply);
      if (!ok) return reply;
      const payee = ok.runtime.settings().swishPayee;
      if (payee === null) {
        return sendFailure(reply, { ...failure('swish-not-configured'), status: 409 });
      }
      const message = `Kassa ${ok.runtime.identity().header.registerId}`;
      const text = swishQrText(payee, request.query.amount, message);
      const svg = await QRCode.toString(text, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return { payee, amount: request.query.amount, message, text, svg };
    },
  );

  api.get('/local/settings', (_request, reply) => {
    const ok = ready(reply);
    return ok ? ok.runtime.settings() : reply;
  });

  api.put('/local/settings', { schema: { body: settingsBodySchema } }, (request, reply) => {
    const ok = ready(reply);
    return ok ? answer(reply, ok.runtime.updateSettings(ok.actor, request.body)) : reply;
  });
}

/** A receipt as the API shows it (everything of the core receipt but the header's delivery). */
function viewOf(receipt: Receipt) {
  return {
    kind: receipt.kind,
    receiptNumber: receipt.receiptNumber,
    issuedAt: receipt.issuedAt,
    businessDay: receipt.businessDay,
    companyName: receipt.companyName,
    organisationNumber: receipt.organisationNumber,
    placeOfSaleAddress: receipt.placeOfSaleAddress,
    registerId: receipt.registerId,
    lines: receipt.lines.map((l) => ({
      lineNo: l.lineNo,
      articleNumber: l.articleNumber,
      text: l.text,
      itemType: l.itemType,
      unit: l.unit,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      vatRate: l.vatRate,
      discount: l.discount,
      amount: l.amount,
    })),
    discountTotal: receipt.discountTotal,
    total: receipt.total,
    vat: receipt.vat.map((v) => ({ ...v })),
    payments: receipt.payments.map((p) => ({ ...p })),
    rounding: receipt.rounding,
    totalToPay: receipt.totalToPay,
    cashTendered: receipt.cashTendered,
    change: receipt.change,
    controlUnitSerial: receipt.controlUnitSerial,
    controlCode: receipt.controlCode,
    original: receipt.original,
  };
}
