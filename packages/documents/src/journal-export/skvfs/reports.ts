/** The X- and Z-dagrapport elements of an SKVFS 2021:16 export. */
import { type JournalEntry, type XReport, type ZReport, ore } from '@kassa/core';
import type { Context } from './types.js';
import { type XmlNode, el, leaf } from './xml.js';
import { NO_PAYMENT, PAYMENT_NAMES, formatSkvfsRate } from './formats.js';
import { amount, count, identityNumber, registerSerial, textLeaf, time, vatRow } from './values.js';

function programVersionAt(ctx: Context, seq: number): string {
  for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
    const entry = ctx.all[i] as JournalEntry;
    if (entry.seq < seq && entry.kind === 'register-started') return entry.data.programVersion;
  }
  return ctx.input.identity.programVersion;
}

export function reportElement(ctx: Context, seq: number, report: XReport | ZReport): XmlNode {
  const isZ = report.type === 'Z';
  const { identity } = ctx.input;
  const vat =
    report.vatPerRate.length > 0
      ? report.vatPerRate.map((row) => vatRow(ctx, seq, row))
      : [
          el('MervardesskattPerSkattesats', [
            leaf('Mervardesskattesats', formatSkvfsRate(0)),
            amount(ctx, seq, 'TotaltMervardesskattebeloppPerSkattesats', ore(0)),
          ]),
        ];
  const payments =
    report.payments.length > 0
      ? report.payments.map((p) =>
          el('TotalForsaljningssummaPerBetalningsmedel', [
            leaf('Betalningsmedel', PAYMENT_NAMES[p.method]),
            amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', p.sales),
          ]),
        )
      : [
          el('TotalForsaljningssummaPerBetalningsmedel', [
            leaf('Betalningsmedel', NO_PAYMENT),
            amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', ore(0)),
          ]),
        ];
  return el(isZ ? 'ZDagrapport' : 'XDagrapport', [
    textLeaf(ctx, seq, 'ForetagetsNamn', report.companyName),
    identityNumber(ctx, seq, report.organisationNumber),
    time(ctx, seq, 'DatumOchKlockslagNarRapportFramstalls', report.producedAt),
    report.type === 'Z' ? leaf('LopnummerForZDagrapport', String(report.zNumber)) : null,
    textLeaf(ctx, seq, 'Kassabeteckning', report.registerId),
    ...(isZ
      ? [
          registerSerial(ctx, seq, report.registerSerialNumber ?? identity.registerSerialNumber),
          textLeaf(ctx, seq, 'ModellbeteckningForKassaregistret', identity.modelDesignation),
          textLeaf(ctx, seq, 'ModellEllerProgramForKassaregistret', identity.programName),
          textLeaf(ctx, seq, 'VersionsnummerForKassaregistret', programVersionAt(ctx, seq)),
        ]
      : []),
    amount(ctx, seq, 'TotalForsaljningssumma', report.salesTotal),
    report.salesByGroup.length === 0
      ? null
      : el(
          'TotalaForsaljningssummorForOlikaHuvudgrupperLISTA',
          report.salesByGroup.map((g) =>
            el('TotalForsaljningssummaForOlikaHuvudgrupper', [
              textLeaf(ctx, seq, 'NamnPaHuvudgrupp', g.group),
              amount(ctx, seq, 'TotalForsaljningssummaForHuvudgrupp', g.amount),
            ]),
          ),
        ),
    el('MervardesskattPaOlikaSkattesatserLISTA', vat),
    amount(ctx, seq, 'VaxelkassansBeloppISvenskaKronor', report.cashFloat),
    count(ctx, seq, 'AntalSaldaVaror', report.goodsSold),
    count(ctx, seq, 'AntalSaldaTjanster', report.servicesSold),
    count(ctx, seq, 'AntalKassakvitton', report.receiptCount),
    count(ctx, seq, 'AntalKassaladoppningar', report.drawerOpenings),
    count(ctx, seq, 'AntalKvittokopior', report.copies.count),
    amount(ctx, seq, 'TotaltBeloppPaKvittokopior', report.copies.amount),
    count(ctx, seq, 'AntalKvittonSomTagitsFramIOvningslage', report.training.count),
    amount(ctx, seq, 'TotaltBeloppIOvningslage', report.training.amount, { min0: true }),
    el('TotalaForsaljningssummorPerBetalningsmedelLISTA', payments),
    count(ctx, seq, 'AntalReturer', report.returns.count),
    amount(ctx, seq, 'ReturernasBelopp', report.returns.amount),
    amount(ctx, seq, 'RabatternasBelopp', report.discounts),
    count(
      ctx,
      seq,
      'AntalOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp',
      report.otherReductions.count,
    ),
    amount(
      ctx,
      seq,
      'TotaltBeloppAvOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp',
      report.otherReductions.amount,
      { min0: true },
    ),
    count(ctx, seq, 'AntalOavslutadeForsaljningar', report.unfinishedSales.count),
    amount(ctx, seq, 'TotaltBeloppAvOavslutadeForsaljningar', report.unfinishedSales.amount, {
      min0: true,
    }),
    amount(ctx, seq, 'GrandTotalForsaljning', report.grandTotals.sales, { min0: true }),
    amount(ctx, seq, 'GrandTotalRetur', report.grandTotals.returns),
    amount(ctx, seq, 'GrandTotalNetto', report.grandTotals.net),
  ]);
}
