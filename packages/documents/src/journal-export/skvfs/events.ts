/** The event element of each journal entry in an SKVFS 2021:16 export (the choice in `Handelse`). */
import { type JournalEntry, type Ore, negate, ore, subtract } from '@kassa/core';
import type { Context } from './types.js';
import { type XmlNode, el, leaf } from './xml.js';
import { formatSkvfsAmount, formatSkvfsRate } from './formats.js';
import {
  amount,
  grossOf,
  noted,
  quantityParts,
  rateLeaf,
  textLeaf,
  time,
  vatAt,
  writtenRate,
} from './values.js';
import { receiptElement } from './receipts.js';
import { reportElement } from './reports.js';
import { LINE_UNKNOWN, lineAddedBefore, missingReference, registeredArticle } from './articles.js';

function ovrigRapport(ctx: Context, seq: number, name: string, parameters: string): XmlNode {
  return el('OvrigRapport', [
    textLeaf(ctx, seq, 'NamnPaOvrigRapport', name),
    textLeaf(ctx, seq, 'Sokparameter', parameters, 256),
  ]);
}

/** The event element of one entry (the choice inside `Handelse`). */
export function eventElement(ctx: Context, entry: JournalEntry): XmlNode {
  const { seq } = entry;
  switch (entry.kind) {
    case 'sale':
    case 'return':
    case 'copy':
    case 'training':
    case 'pro-forma':
      return receiptElement(ctx, entry);
    case 'x-report':
    case 'z-report':
      return reportElement(ctx, seq, entry.data.report);
    case 'line-added': {
      const d = entry.data;
      const rate = d.vatRate;
      return el('RegistreraArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: d.lineId,
          articleNumber: d.articleNumber,
          text: d.text,
          unit: d.unit,
          quantity: d.quantity,
          unitPrice: d.unitPrice,
          price: grossOf(d.unit, d.unitPrice, d.quantity),
          discount: ore(0),
          vatRate: rate,
        }),
      ]);
    }
    case 'line-changed': {
      const d = entry.data;
      const added = lineAddedBefore(ctx, seq, (a) => a.data.lineId === d.lineId);
      // Without the line's registration (cut from the journal) its unit price and rate are
      // unknown: written as 0, the time as the change's, and the element says so.
      const unit = added?.data.unit ?? 'piece';
      const unitPrice = added?.data.unitPrice ?? ore(0);
      const rate = added?.data.vatRate ?? 0;
      const priceAt = (q: number, discount: Ore): Ore =>
        subtract(grossOf(unit, unitPrice, q), discount);
      const before = priceAt(d.from.quantity, d.from.discount);
      const after = priceAt(d.to.quantity, d.to.discount);
      const element = el('AndraRegistreradArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: d.lineId,
          articleNumber: d.articleNumber,
          text: d.text,
          unit,
          quantity: d.to.quantity,
          unitPrice,
          price: after,
          discount: d.to.discount,
          vatRate: rate,
        }),
        ...quantityParts(
          ctx,
          'Tidigare',
          'AntalAvRegistreradArtikel',
          'MangdAvRegistreradArtikel',
          unit,
          d.from.quantity,
          unitPrice,
          seq,
        ),
        amount(ctx, seq, 'TidigarePrisPaRegistreradArtikel', before),
        d.from.discount === 0
          ? null
          : el('TidigareRabatterPaRegistreradArtikelLISTA', [
              el('TidigareRabattPaRegistreradArtikel', [
                amount(ctx, seq, 'TidigareBeloppPaRabatten', d.from.discount),
              ]),
            ]),
        rateLeaf(ctx, seq, 'TidigareMervardesskattesatsForRegistreradArtikel', rate),
        amount(ctx, seq, 'TidigareMervardesskattPaRegistreradArtikel', vatAt(before, rate)),
        time(ctx, seq, 'UrsprungligRegistreringstidpunkt', added?.at ?? entry.at),
      ]);
      return added === undefined
        ? missingReference(ctx, seq, element, `line-added ${d.lineId}`, LINE_UNKNOWN)
        : element;
    }
    case 'line-removed': {
      const d = entry.data;
      const added = lineAddedBefore(ctx, seq, (a) => a.data.articleNumber === d.articleNumber);
      const element = el('RaderaRegistreradArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: added?.data.lineId ?? null,
          articleNumber: d.articleNumber,
          text: d.text,
          unit: d.unit,
          quantity: d.quantity,
          unitPrice: added?.data.unitPrice ?? ore(0),
          price: d.amount,
          discount: ore(0),
          vatRate: added?.data.vatRate ?? 0,
        }),
        time(ctx, seq, 'UrsprungligRegistreringstidpunkt', added?.at ?? entry.at),
      ]);
      return added === undefined
        ? missingReference(ctx, seq, element, `line-added ${d.articleNumber}`, LINE_UNKNOWN)
        : element;
    }
    case 'sale-parked':
      return ovrigRapport(
        ctx,
        seq,
        'Parkerad försäljning',
        `parkering=${entry.data.parkingId}; rader=${entry.data.lineCount}; belopp=${formatSkvfsAmount(entry.data.total)}`,
      );
    case 'sale-resumed':
      return el('OppnaParkering', [
        textLeaf(ctx, seq, 'IdentitetsbeteckningPaParkering', entry.data.parkingId),
      ]);
    case 'drawer-opened':
      return leaf('OppnaKassaladaVidNollforsaljning', 'JA');
    case 'cash-float':
    case 'cash-in':
      return el('ForandraVaxelkassa', [
        amount(ctx, seq, 'ForandringAvVaxelkassaISvenskaKronor', entry.data.amount),
      ]);
    case 'cash-out':
      return el('ForandraVaxelkassa', [
        amount(ctx, seq, 'ForandringAvVaxelkassaISvenskaKronor', negate(entry.data.amount)),
      ]);
    case 'sign-in':
      return leaf('InloggningIKassaregister', 'JA');
    case 'sign-out':
      return leaf('UtloggningUrKassaregister', 'JA');
    case 'price-change': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Prisändring',
        `artikelnummer=${d.articleNumber}; artikel=${d.text}; från=${formatSkvfsAmount(d.from)}; till=${formatSkvfsAmount(d.to)}; gäller från=${d.effectiveFrom}`,
      );
    }
    case 'article-changed': {
      // The schema has no element for the article register; a programming change is an
      // OvrigRapport like a price change (docs/protocols/skvfs-2021-16-export.md).
      const d = entry.data;
      const name =
        d.field !== 'article'
          ? 'Ändrad artikel'
          : d.from === null
            ? 'Ny artikel'
            : 'Borttagen artikel';
      return ovrigRapport(
        ctx,
        seq,
        name,
        `artikelnummer=${d.articleNumber}; artikel=${d.text}; fält=${d.field}; från=${d.from ?? '(ingen)'}; till=${d.to ?? '(ingen)'}; källa=${d.source}`,
      );
    }
    case 'setting-changed': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Ändrad inställning',
        `inställning=${d.setting}; från=${d.from ?? '(ingen)'}; till=${d.to ?? '(ingen)'}`,
      );
    }
    case 'control-unit-fault':
      return textLeaf(
        ctx,
        seq,
        'StatuskodFranKontrollprogrammet',
        `FEL ${entry.data.code}: ${entry.data.message}`,
      );
    case 'control-unit-restored':
      return textLeaf(
        ctx,
        seq,
        'StatuskodFranKontrollprogrammet',
        `OK: kontrollenheten ${entry.data.serialNumber} svarar igen`,
      );
    case 'control-unit-request': {
      // The receipt data sent to the control unit, journaled before it was sent
      // (docs/protocols/control-unit.md "Lost answers").
      const d = entry.data;
      const vat = d.vat
        .map((v) => `${formatSkvfsRate(writtenRate(v.rate))};${formatSkvfsAmount(v.amount)}`)
        .join(' ');
      return ovrigRapport(
        ctx,
        seq,
        d.resend
          ? 'Kvitto skickat igen till kontrollenheten'
          : 'Kvitto skickat till kontrollenheten',
        `serie=${d.series}; löpnummer=${d.receiptNumber}; kvittotyp=${d.receiptType}; datum=${d.dateTime}; försäljningsbelopp=${formatSkvfsAmount(d.total)}; returbelopp=${formatSkvfsAmount(d.returnTotal)}; moms=${vat === '' ? '-' : vat}`,
      );
    }
    case 'control-unit-answer': {
      const d = entry.data;
      const what =
        d.outcome === 'refused'
          ? 'Kontrollenheten vägrade kvittot'
          : d.outcome === 'not-sent'
            ? 'Kvittot nådde inte kontrollenheten'
            : 'Okänt svar från kontrollenheten';
      return ovrigRapport(
        ctx,
        seq,
        what,
        `serie=${d.series}; löpnummer=${d.receiptNumber}; utfall=${d.outcome}; kod=${d.code}`,
      );
    }
    case 'receipt-number-skipped': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Löpnummer överhoppat',
        d.reason === 'journal-lost'
          ? `serie=${d.series}; löpnummer=${d.receiptNumber}; orsak=${d.reason}; utfärdat på en tidigare dator vars journal gick förlorad innan den laddades upp, numret används inte igen`
          : d.reason === 'restarted-while-reserved'
            ? `serie=${d.series}; löpnummer=${d.receiptNumber}; orsak=${d.reason}; datorn startade om medan numret var reserverat för kontrollenheten, kvittot lämnades aldrig ut och numret används inte igen`
            : `serie=${d.series}; löpnummer=${d.receiptNumber}; orsak=${d.reason}; kvittot lämnades aldrig ut, kontrollenheten kan ha registrerat det med uppgifterna i begäran`,
      );
    }
    case 'clock-fault': {
      const d = entry.data;
      const why =
        d.reason === 'behind-journal'
          ? 'före senaste händelse'
          : d.reason === 'out-of-range'
            ? 'utanför åren'
            : 'fel mot serverns';
      return ovrigRapport(
        ctx,
        seq,
        'Klockfel, försäljning stoppad',
        `klocka=${d.clock}; ${why}=${d.reference}; skillnad=${Math.round(d.differenceMs / 1000)} s`,
      );
    }
    case 'receipt-printout': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        d.outcome === 'printed' ? 'Kvitto utskrivet' : 'Utskrift misslyckades',
        `kvitto=${d.receiptKind} ${d.receiptNumber}; ${d.later ? 'senare' : 'vid betalning'}${d.code ? `; fel=${d.code}` : ''}`,
      );
    }
    case 'clock-restored':
      return ovrigRapport(ctx, seq, 'Klockan rätt igen', `klocka=${entry.data.clock}`);
    case 'clock-jumped': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Klockan hoppade',
        `från=${d.from}; till=${d.to}; hopp=${Math.round(d.jumpMs / 1000)} s`,
      );
    }
    case 'training-switched':
      return leaf(entry.data.training ? 'StallaOmTillOvningslage' : 'StallaOmTillNormallage', 'JA');
    case 'register-started':
      return leaf('StartAvKassaregister', 'JA');
    case 'register-stopped':
      return leaf('StoppAvKassaregister', 'JA');
    default: {
      // A kind this version does not know (a newer register's journal copied to the server):
      // exported as an OvrigRapport holding its kind and data, listed as a deviation.
      const unknown = entry as { kind: unknown; data?: unknown };
      const kind = String(unknown.kind);
      const report = ovrigRapport(
        ctx,
        seq,
        'Okänd händelse',
        `händelse=${kind}; data=${JSON.stringify(unknown.data ?? null)}`,
      );
      return noted(
        ctx,
        {
          seq,
          element: 'Handelse',
          value: kind,
          reason: 'okänd händelse / unknown kind of entry',
          written:
            'OvrigRapport "Okänd händelse" med händelsens data / an OvrigRapport with its data',
        },
        report,
      );
    }
  }
}
