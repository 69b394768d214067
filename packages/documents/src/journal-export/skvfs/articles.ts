/**
 * The article registrations of an SKVFS 2021:16 export: lines added, changed and removed in the
 * sale under construction, each referring to the registration it changes.
 */
import type { JournalEntry, Ore } from '@kassa/core';
import type { Context } from './types.js';
import { type XmlNode, el } from './xml.js';
import { amount, articleType, noted, quantityParts, rateLeaf, textLeaf, vatAt } from './values.js';

type LineAdded = Extract<JournalEntry, { kind: 'line-added' }>;

export function lineAddedBefore(
  ctx: Context,
  seq: number,
  match: (entry: LineAdded) => boolean,
): LineAdded | undefined {
  for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
    const entry = ctx.all[i] as JournalEntry;
    if (entry.seq < seq && entry.kind === 'line-added' && match(entry)) return entry;
  }
  return undefined;
}

/** What a change or removal of a line whose registration is missing holds instead. */
export const LINE_UNKNOWN =
  "a-pris och momssats 0, registreringstidpunkt som händelsens / unit price and VAT rate 0, registration time the entry's";

/**
 * An entry that refers to one the journal does not hold (its tail or head cut, or an earlier
 * period not passed in `earlierEntries`): exported with what it holds itself, the element
 * announced as a deviation.
 */
export function missingReference(
  ctx: Context,
  seq: number,
  element: XmlNode,
  reference: string,
  written: string,
): XmlNode {
  return noted(
    ctx,
    {
      seq,
      element: 'name' in element ? element.name : 'Handelse',
      value: reference,
      reason:
        'händelsen den hänvisar till finns inte i journalen / the entry it refers to is not in the journal',
      written,
    },
    element,
  );
}

/**
 * What a sold and a registered article share (SKVFS 2021:16 bilaga: SaldArtikel and
 * RegistreradArtikel name the same figures with their own suffix): article number, name,
 * quantity or weight, price, discount and VAT.
 */
export function articleFigures(
  ctx: Context,
  seq: number,
  of: 'SaldArtikel' | 'RegistreradArtikel',
  article: {
    articleNumber: string;
    text: string;
    unit: 'piece' | 'gram';
    quantity: number;
    unitPrice: Ore;
    amount: Ore;
    discount: Ore;
    vatRate: number;
  },
): (XmlNode | null)[] {
  return [
    article.articleNumber.trim() === ''
      ? null
      : textLeaf(ctx, seq, 'Artikelnummer', article.articleNumber),
    textLeaf(ctx, seq, 'Artikelnamn', article.text),
    ...quantityParts(
      ctx,
      '',
      `AntalAv${of}`,
      `MangdAv${of}`,
      article.unit,
      article.quantity,
      article.unitPrice,
      seq,
    ),
    amount(ctx, seq, `PrisPa${of}`, article.amount),
    article.discount === 0
      ? null
      : el(`RabatterPa${of}LISTA`, [
          el(`RabattPa${of}`, [amount(ctx, seq, 'RabattensBelopp', article.discount)]),
        ]),
    rateLeaf(ctx, seq, `MervardesskattesatsFor${of}`, article.vatRate),
    amount(ctx, seq, `MervardesskattPa${of}`, vatAt(article.amount, article.vatRate)),
  ];
}

export function registeredArticle(
  ctx: Context,
  entry: JournalEntry,
  article: {
    lineId: string | null;
    articleNumber: string;
    text: string;
    unit: 'piece' | 'gram';
    quantity: number;
    unitPrice: Ore;
    price: Ore;
    discount: Ore;
    vatRate: number;
  },
): XmlNode[] {
  const { seq } = entry;
  return [
    article.lineId === null || article.lineId.trim() === ''
      ? null
      : textLeaf(ctx, seq, 'IdentitetsbeteckningForRegistreringAvArtiklar', article.lineId),
    articleType(ctx.itemTypes.get(article.articleNumber) ?? 'good'),
    ...articleFigures(ctx, seq, 'RegistreradArtikel', { ...article, amount: article.price }),
  ].filter((n): n is XmlNode => n !== null);
}
