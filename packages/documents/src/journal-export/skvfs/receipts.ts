/** The receipt elements of an SKVFS 2021:16 export: sale, return, copy, training, pro forma. */
import { type JournalEntry, type Receipt, type ReceiptLine, ore } from '@kassa/core';
import type { Context } from './types.js';
import { type XmlNode, el, leaf } from './xml.js';
import { NO_PAYMENT, PAYMENT_NAMES, formatSkvfsAmount, formatSkvfsRate } from './formats.js';
import {
  amount,
  articleType,
  controlCode,
  identityNumber,
  noted,
  serialNumber,
  textLeaf,
  time,
  vatRow,
  zNumberFor,
} from './values.js';
import { articleFigures, missingReference } from './articles.js';

function soldArticle(ctx: Context, seq: number, line: ReceiptLine, registeredAt: string): XmlNode {
  const rate = line.vatRate;
  return el('SaldArtikel', [
    articleType(line.itemType),
    line.group === undefined ? null : textLeaf(ctx, seq, 'NamnPaHuvudgrupp', line.group),
    ...articleFigures(ctx, seq, 'SaldArtikel', { ...line, vatRate: rate }),
    time(ctx, seq, 'ArtikelnsRegistreringstidpunkt', registeredAt),
  ]);
}

/** The middle of every receipt: articles, discount, totals, (payments,) VAT per rate. */
function receiptBody(
  ctx: Context,
  seq: number,
  receipt: Receipt,
  options: { payments: boolean },
): XmlNode[] {
  const vatTotal = receipt.vat.reduce((acc, row) => acc + row.vat, 0);
  const payments = receipt.payments.map((p) =>
    el('TotalForsaljningssummaPerBetalningsmedel', [
      leaf('Betalningsmedel', PAYMENT_NAMES[p.method]),
      amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', p.amount),
    ]),
  );
  // The schema needs one VAT row at least: a receipt journaled without any gets a row of 0 % and
  // 0,00, listed as a deviation.
  const vatRows =
    receipt.vat.length > 0
      ? receipt.vat.map((row) => vatRow(ctx, seq, row))
      : [
          noted(
            ctx,
            {
              seq,
              element: 'MervardesskattPerSkattesats',
              value: '[]',
              reason: 'kvittot saknar moms per sats / the receipt has no VAT rows',
              written: '0.00 % 0.00',
            },
            el('MervardesskattPerSkattesats', [
              leaf('Mervardesskattesats', formatSkvfsRate(0)),
              leaf('TotaltMervardesskattebeloppPerSkattesats', formatSkvfsAmount(ore(0))),
            ]),
          ),
        ];
  return [
    el(
      'SaldaArtiklarLISTA',
      receipt.lines.map((line) => soldArticle(ctx, seq, line, receipt.issuedAt)),
    ),
    receipt.discountTotal === 0
      ? null
      : amount(ctx, seq, 'TotaltRabattbeloppPaKvitto', receipt.discountTotal),
    amount(ctx, seq, 'TotaltForsaljningsbeloppISvenskaKronor', receipt.total),
    amount(ctx, seq, 'MervardesskattPaForsaljningsbeloppet', ore(vatTotal)),
    options.payments
      ? el(
          'TotalaForsaljningssummorPerBetalningsmedelLISTA',
          payments.length > 0
            ? payments
            : [
                el('TotalForsaljningssummaPerBetalningsmedel', [
                  leaf('Betalningsmedel', NO_PAYMENT),
                  amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', ore(0)),
                ]),
              ],
        )
      : null,
    el('MervardesskattPaOlikaSkattesatserLISTA', vatRows),
  ].filter((n): n is XmlNode => n !== null);
}

function receiptHead(ctx: Context, seq: number, receipt: Receipt): XmlNode[] {
  return [
    textLeaf(ctx, seq, 'ForetagetsNamn', receipt.companyName),
    identityNumber(ctx, seq, receipt.organisationNumber),
    textLeaf(ctx, seq, 'DenAdressDarForsaljningSker', receipt.placeOfSaleAddress),
  ];
}

function unitSerialOf(ctx: Context, receipt: Receipt): string | null {
  return receipt.controlUnitSerial ?? ctx.input.identity.controlUnitSerial;
}

/** The original of a copy, or null when the journal does not hold it. */
function findOriginal(ctx: Context, copy: JournalEntry, receipt: Receipt): Receipt | null {
  const wanted = receipt.original;
  if (wanted !== null) {
    for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
      const entry = ctx.all[i] as JournalEntry;
      if (entry.seq >= copy.seq) continue;
      if (entry.kind !== 'sale' && entry.kind !== 'return') continue;
      const candidate = entry.data.receipt;
      if (
        candidate.receiptNumber === wanted.receiptNumber &&
        candidate.registerId === receipt.registerId
      ) {
        return candidate;
      }
    }
  }
  return null;
}

export function receiptElement(
  ctx: Context,
  entry: JournalEntry & { data: { receipt: Receipt } },
): XmlNode {
  const { seq } = entry;
  const receipt = entry.data.receipt;
  const registerId = textLeaf(ctx, seq, 'Kassabeteckning', receipt.registerId);
  const zNumber = leaf('LopnummerForZDagrapportPaKvitto', zNumberFor(ctx, entry));
  const serial = serialNumber(ctx, seq, unitSerialOf(ctx, receipt));
  switch (entry.kind) {
    case 'sale':
      return el('Kassakvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForKassakvitto', String(receipt.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.delivery === 'electronic' ? leaf('ElektronisktKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'Kontrollkod', receipt.controlCode),
      ]);
    case 'return':
      return el('Returkvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarReturkvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForKassakvitto', String(receipt.receiptNumber)),
        receipt.original === null
          ? null
          : leaf('LopnummerForUrsprungligtKassakvitto', String(receipt.original.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.delivery === 'electronic' ? leaf('ElektronisktKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'Kontrollkod', receipt.controlCode),
      ]);
    case 'copy': {
      // Without the original in the journal (cut, or not passed in earlierEntries) the copy is
      // exported with what it holds: its own time, the number it names, no original code.
      const original = findOriginal(ctx, entry, receipt);
      const copy = el('KopiaAvKassakvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        time(
          ctx,
          seq,
          'DatumOchKlockslagNarOriginalkvittoFramstalldes',
          original?.issuedAt ?? receipt.issuedAt,
        ),
        leaf('LopnummerForKvittokopia', String(receipt.receiptNumber)),
        leaf(
          'LopnummerPaOriginalkvitto',
          String(original?.receiptNumber ?? receipt.original?.receiptNumber ?? 0),
        ),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.controlCode === null
          ? null
          : controlCode(ctx, seq, 'KontrollkodPaKopiaAvKassakvitto', receipt.controlCode),
        receipt.delivery === 'electronic' ? leaf('ElektroniskKopiaAvKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'KontrollkodForKvittotSomKopianAvser', original?.controlCode ?? null),
      ]);
      return original === null
        ? missingReference(
            ctx,
            seq,
            copy,
            `originalkvitto ${receipt.original?.receiptNumber ?? '?'} / original receipt`,
            "kopians egen tidpunkt som originalets / the copy's own time as the original's",
          )
        : copy;
    }
    case 'training':
      return el('Ovningskvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForOvningskvitto', String(receipt.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        zNumber,
        serial,
      ]);
    case 'pro-forma':
      return el('ProFormaKvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarProFormaKvittoFramstalls', receipt.issuedAt),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: false }),
        serial,
      ]);
    default:
      throw new TypeError(`not a receipt entry: ${entry.kind}`);
  }
}
