/**
 * The selling part of the Register local API (127.0.0.1, `kassa start`), used by the POS web
 * app: catalogue, the sale under construction, payment, receipts (print, copy, PDF/HTML),
 * returns, parking, the drawer and cash, X and Z reports, and the register's local settings.
 * Amounts are integer öre; rates are hundredths of a percent (2500 = 25 %). Every route needs a
 * signed-in cashier (POST /local/sign-in); settings and the Z need a manager or admin.
 * See docs/protocols/register-protocol.md ("Selling").
 */
import { z } from 'zod';
import type { CatalogueEntry } from './errors.js';

const positiveOre = z.number().int().min(1).max(1_000_000_000);
const reason = z.string().trim().min(1).max(200);

export const consumptionSchema = z.enum(['eat-in', 'take-away']);
export const paymentMethodSchema = z.enum(['cash', 'card', 'swish']);
export type Consumption = z.infer<typeof consumptionSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** A discount: a fixed amount in öre, or a rate in hundredths of a percent (1000 = 10 %). */
export const discountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('amount'), amount: positiveOre }),
  z.strictObject({ kind: z.literal('percent'), rate: z.number().int().min(1).max(10_000) }),
]);
export type DiscountInput = z.infer<typeof discountSchema>;

/** A tender: cash with what was handed over (optional: exact), card or Swish with the amount. */
export const tenderSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('cash'),
    tendered: z.number().int().min(0).max(1_000_000_000).optional(),
  }),
  z.strictObject({ method: z.literal('card'), amount: positiveOre }),
  z.strictObject({ method: z.literal('swish'), amount: positiveOre }),
]);
export type TenderInput = z.infer<typeof tenderSchema>;

// ---- Catalogue ----

/** One product of the local catalogue copy (what the register sells from, offline). */
export const localProductSchema = z.object({
  articleNumber: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  priceOre: z.number().int(),
  /** 'piece', or 'kilogram' for a weighed good whose price is per kilogram. */
  unit: z.enum(['piece', 'kilogram']),
  vatCategory: z.string(),
  kind: z.enum(['good', 'service']),
  group: z.string().nullable(),
});
export type LocalProduct = z.infer<typeof localProductSchema>;

/** GET /local/catalogue. */
export const localCatalogueSchema = z.object({
  /** When the copy was last pulled from the server; null before the first pull. */
  syncedAt: z.string().nullable(),
  products: z.array(localProductSchema),
});
export type LocalCatalogue = z.infer<typeof localCatalogueSchema>;

/** The most products one page of GET /local/catalogue holds. */
export const LOCAL_CATALOGUE_PAGE_MAX = 500;

/**
 * GET /local/catalogue?q=&group=&barcode=&offset=&limit=: with none of them the whole copy (as
 * before); with any, one page by name and how many products the search takes. `q`: every word
 * in the name, article number or a barcode (case-insensitive); `group`: `*` every group, an
 * empty string the products without one; `barcode`: exactly that barcode or article number.
 */
export const localCatalogueQuerySchema = z.object({
  q: z.string().max(200).optional(),
  group: z.string().max(200).optional(),
  barcode: z.string().max(64).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(LOCAL_CATALOGUE_PAGE_MAX).optional(),
});
export type LocalCatalogueQuery = z.infer<typeof localCatalogueQuerySchema>;

/** One page of the local copy (GET /local/catalogue with a query). */
export const localCataloguePageSchema = localCatalogueSchema.extend({
  /** How many products the search takes in all (the page holds at most `limit` of them). */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** The groups of the whole copy, in Swedish order (products without one: an empty string last). */
  groups: z.array(z.string()),
});
export type LocalCataloguePage = z.infer<typeof localCataloguePageSchema>;

// ---- The sale under construction ----

export const saleLineViewSchema = z.object({
  lineId: z.string(),
  articleNumber: z.string(),
  text: z.string(),
  itemType: z.enum(['good', 'service']),
  group: z.string().nullable(),
  unit: z.enum(['piece', 'gram']),
  /** Pieces, or grams for a weighed good. */
  quantity: z.number().int(),
  /** Per piece, or per kilogram for a weighed good. */
  unitPrice: z.number().int(),
  vatRate: z.number().int(),
  discount: discountSchema.nullable(),
  /** Line discount plus the line's share of the order discount. */
  discountAmount: z.number().int(),
  amount: z.number().int(),
});
export type SaleLineView = z.infer<typeof saleLineViewSchema>;

export const vatRowSchema = z.object({
  rate: z.number().int(),
  gross: z.number().int(),
  vat: z.number().int(),
  net: z.number().int(),
});
export type VatRow = z.infer<typeof vatRowSchema>;

/** GET /local/sale and the answer of every step that changes it. */
export const saleViewSchema = z.object({
  consumption: consumptionSchema,
  /** Training mode (övningsläge): receipts are övningskvitton, never counted as sales. */
  training: z.boolean(),
  lines: z.array(saleLineViewSchema),
  orderDiscount: discountSchema.nullable(),
  discountTotal: z.number().int(),
  total: z.number().int(),
  /** The cash amount to pay if paid in cash only (öresavrundning on the total). */
  cashTotal: z.number().int(),
  /**
   * cashTotal − total: the öresavrundning of a cash-only payment (Lag 1970:1029: 1–49 öre down,
   * 50–99 up), shown as such on the till; 0 when paid by card or Swish.
   */
  cashRounding: z.number().int(),
  vat: z.array(vatRowSchema),
  /** The largest discount the signed-in cashier may give, in hundredths of a percent. */
  maxDiscountRate: z.number().int(),
  parkedCount: z.number().int(),
});
export type SaleView = z.infer<typeof saleViewSchema>;

/** POST /local/sale/lines: by barcode (scanner), or by article number (grid, search). */
export const addLineBodySchema = z.union([
  z.strictObject({
    barcode: z.string().trim().min(1).max(64),
    quantity: z.number().int().min(1).max(9999).optional(),
    grams: z.number().int().min(1).max(1_000_000).optional(),
  }),
  z.strictObject({
    articleNumber: z.string().trim().min(1).max(64),
    quantity: z.number().int().min(1).max(9999).optional(),
    grams: z.number().int().min(1).max(1_000_000).optional(),
  }),
]);
export type AddLineBody = z.infer<typeof addLineBodySchema>;

/** PATCH /local/sale/lines/:lineId: a new quantity (or weight), or a line discount (null clears). */
export const changeLineBodySchema = z.strictObject({
  quantity: z.number().int().min(1).max(1_000_000).optional(),
  discount: discountSchema.nullable().optional(),
});
export type ChangeLineBody = z.infer<typeof changeLineBodySchema>;

/** PUT /local/sale/discount. */
export const orderDiscountBodySchema = z.strictObject({ discount: discountSchema.nullable() });

/** PUT /local/sale/consumption. */
export const consumptionBodySchema = z.strictObject({ consumption: consumptionSchema });

/** PUT /local/training (manager or admin may switch; anyone sees it). */
export const trainingBodySchema = z.strictObject({ training: z.boolean() });

// ---- Parking ----

export const parkedSaleSchema = z.object({
  parkingId: z.string(),
  parkedAt: z.string(),
  by: z.string(),
  lineCount: z.number().int(),
  total: z.number().int(),
  /** The first few article texts, to recognise the order. */
  summary: z.string(),
});
export type ParkedSale = z.infer<typeof parkedSaleSchema>;

/** POST /local/sale/park: an optional note (table, name). */
export const parkBodySchema = z.strictObject({ note: z.string().trim().max(60).optional() });

// ---- Receipts ----

export const receiptPaymentSchema = z.object({
  method: paymentMethodSchema,
  amount: z.number().int(),
});

/** A journaled receipt as the POS shows it (the full receipt of @kassa/core). */
export const receiptViewSchema = z.object({
  kind: z.enum(['sale', 'return', 'copy', 'training', 'pro-forma']),
  receiptNumber: z.number().int(),
  issuedAt: z.string(),
  businessDay: z.string(),
  companyName: z.string(),
  organisationNumber: z.string(),
  placeOfSaleAddress: z.string(),
  registerId: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      articleNumber: z.string(),
      text: z.string(),
      itemType: z.enum(['good', 'service']),
      unit: z.enum(['piece', 'gram']),
      quantity: z.number().int(),
      unitPrice: z.number().int(),
      vatRate: z.number().int(),
      discount: z.number().int(),
      amount: z.number().int(),
    }),
  ),
  discountTotal: z.number().int(),
  total: z.number().int(),
  vat: z.array(vatRowSchema),
  payments: z.array(receiptPaymentSchema),
  rounding: z.number().int(),
  totalToPay: z.number().int(),
  cashTendered: z.number().int(),
  change: z.number().int(),
  controlUnitSerial: z.string().nullable(),
  controlCode: z.string().nullable(),
  original: z.object({ receiptNumber: z.number().int(), issuedAt: z.string() }).nullable(),
});
export type ReceiptView = z.infer<typeof receiptViewSchema>;
export type ReceiptKind = ReceiptView['kind'];

/** What printing did: printed on the configured printer, not configured, or failed (and why). */
export const printOutcomeSchema = z.object({
  status: z.enum(['printed', 'no-printer', 'failed']),
  /** When failed: a stable code (`printer-unreachable`, `printer-path-not-found`, …). */
  code: z.string().optional(),
  sv: z.string().optional(),
  en: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

/** The answer of pay, pro forma, copy and return: the journaled receipt and its printout. */
export const receiptResultSchema = z.object({
  receipt: receiptViewSchema,
  /** The receipt as HTML, for the preview on screen. */
  html: z.string(),
  print: printOutcomeSchema,
  /** Whether the drawer was kicked open (cash paid or refunded). */
  drawerOpened: z.boolean(),
  /** Set when a simulator signed the receipt: it is not a legal receipt. */
  simulated: z.boolean(),
});
export type ReceiptResult = z.infer<typeof receiptResultSchema>;

/** POST /local/sale/pay. */
export const payBodySchema = z.strictObject({
  tenders: z.array(tenderSchema).min(1).max(10),
  /** Paper (printed) or electronic (PDF/HTML, marked "elektroniskt kassakvitto"). */
  delivery: z.enum(['paper', 'electronic']).default('paper'),
});
export type PayBody = z.input<typeof payBodySchema>;

/** GET /local/receipts: the latest receipts of this register, newest first. */
export const receiptListSchema = z.object({
  receipts: z.array(
    z.object({
      kind: receiptViewSchema.shape.kind,
      receiptNumber: z.number().int(),
      issuedAt: z.string(),
      total: z.number().int(),
      /** Whether its one copy has been made (sale and return receipts only). */
      copied: z.boolean(),
      /** A paper receipt that never came out of the printer: "Skriv ut kvittot" prints it once. */
      unprinted: z.boolean(),
      /** For a sale: what is still returnable, per line number. */
      returnable: z.array(z.object({ lineNo: z.number().int(), quantity: z.number().int() })),
    }),
  ),
});
export type ReceiptList = z.infer<typeof receiptListSchema>;
export type ReceiptListItem = ReceiptList['receipts'][number];

/** POST /local/returns: against an original receipt number, on its own return receipt. */
export const returnBodySchema = z.strictObject({
  originalReceiptNumber: z.number().int().min(1),
  items: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1) }))
    .min(1)
    .max(500),
  refunds: z.array(tenderSchema).min(1).max(10),
});
export type ReturnBody = z.infer<typeof returnBodySchema>;

// ---- Drawer and cash ----

export const drawerOpenBodySchema = z.strictObject({ reason });
export const cashFloatBodySchema = z.strictObject({
  amount: z.number().int().min(0).max(100_000_000),
});
export const cashMoveBodySchema = z.strictObject({ amount: positiveOre, reason });

// ---- Reports ----

/** POST /local/reports/z: the counted cash (kontanträkning) goes with the Z. */
export const zBodySchema = z.strictObject({
  countedCash: z.number().int().min(0).max(1_000_000_000).optional(),
});

// ---- Swish ----

/** GET /local/swish?amount=: the prefilled Swish QR text and an SVG of it. */
export const swishQrSchema = z.object({
  payee: z.string(),
  amount: z.number().int(),
  message: z.string(),
  /** `C<payee>;<amount>;<message>;<mask>`. */
  text: z.string(),
  svg: z.string(),
});
export type SwishQr = z.infer<typeof swishQrSchema>;

// ---- Settings ----

/** The register's local settings (settings.json); every change is journaled (behandlingshistorik). */
export const registerSettingsSchema = z.object({
  /** 'simulator', 'tcp://host:port' or 'serial:/dev/ttyUSB0' (COM3 on Windows). */
  controlUnit: z.string().trim().min(1).max(200),
  /** 'none', 'tcp://host:9100', or a device or file path. */
  printer: z.string().trim().min(1).max(400),
  /** Swish number (123 456 78 90), or null when Swish is not offered. */
  swishPayee: z
    .string()
    .trim()
    .regex(/^\d{10}$/, '10 digits')
    .nullable(),
  /** The largest discount a cashier may give (managers and admins: any), hundredths of a percent. */
  cashierMaxDiscountRate: z.number().int().min(0).max(10_000),
});
export type RegisterSettings = z.infer<typeof registerSettingsSchema>;

export const DEFAULT_REGISTER_SETTINGS: RegisterSettings = {
  controlUnit: 'simulator',
  printer: 'none',
  swishPayee: null,
  cashierMaxDiscountRate: 2000,
};

export const settingsBodySchema = registerSettingsSchema.partial().strict();

// ---- Control unit state, for the status bar ----

export const controlUnitStateSchema = z.object({
  /** ok: answered last time; down: the last request failed (payment is blocked); unknown: not asked yet. */
  state: z.enum(['ok', 'down', 'unknown']),
  serialNumber: z.string().nullable(),
  simulated: z.boolean(),
  /** What happened, when down, in both languages, with what to do. */
  problem: z.object({ code: z.string(), sv: z.string(), en: z.string() }).nullable(),
});
export type ControlUnitState = z.infer<typeof controlUnitStateSchema>;

// ---- Refusals of the selling API (merged into REGISTER_ERROR_MESSAGES) ----

/** The selling API's error codes, each with a Swedish and English message that says what to do. */
export const SALES_ERROR_MESSAGES = {
  'not-signed-in': {
    status: 401,
    sv: 'Ingen kassör är inloggad. Logga in med användarnamn och PIN-kod.',
    en: 'No cashier is signed in. Sign in with username and PIN.',
  },
  'manager-required': {
    status: 403,
    sv: 'Det här får bara en butikschef eller administratör göra. Be en chef logga in.',
    en: 'Only a manager or administrator may do this. Ask a manager to sign in.',
  },
  'article-not-found': {
    status: 404,
    sv: 'Ingen artikel har koden "{code}". Kontrollera koden eller sök artikeln i listan. Nya artiklar läggs upp i backoffice under Produkter.',
    en: 'No article has the code "{code}". Check the code or search for the article. New articles are added in the backoffice under Products.',
  },
  'weight-required': {
    status: 400,
    sv: '{name} säljs per kilo. Ange vikten i gram.',
    en: '{name} is sold per kilogram. Enter the weight in grams.',
  },
  'weight-not-allowed': {
    status: 400,
    sv: '{name} säljs per styck, inte per vikt. Ange antal i stället.',
    en: '{name} is sold by the piece, not by weight. Enter a quantity instead.',
  },
  'line-not-found': {
    status: 404,
    sv: 'Raden finns inte längre i köpet. Ladda om skärmen och försök igen.',
    en: 'The line is no longer in the sale. Reload the screen and try again.',
  },
  'line-id-taken': {
    status: 400,
    sv: 'Raden finns redan. Försök igen.',
    en: 'The line already exists. Try again.',
  },
  'quantity-not-positive': {
    status: 400,
    sv: 'Antalet måste vara minst 1. Ta bort raden om kunden inte vill ha varan.',
    en: 'The quantity must be at least 1. Remove the line if the customer does not want the item.',
  },
  'price-negative': {
    status: 400,
    sv: 'Artikeln har ett negativt pris. Rätta priset i backoffice under Produkter.',
    en: 'The article has a negative price. Correct the price in the backoffice under Products.',
  },
  'discount-invalid': {
    status: 400,
    sv: 'Rabatten är ogiltig. Ange ett belopp större än 0 eller en procentsats mellan 0 och 100.',
    en: 'The discount is invalid. Enter an amount above 0 or a percentage between 0 and 100.',
  },
  'discount-exceeds-amount': {
    status: 400,
    sv: 'Rabatten är större än beloppet den gäller. Ange en mindre rabatt.',
    en: 'The discount is larger than the amount it applies to. Enter a smaller discount.',
  },
  'discount-beyond-permission': {
    status: 403,
    sv: 'Du får ge högst {maxDiscountPercent} % rabatt. Be en butikschef om en större rabatt.',
    en: 'You may give at most {maxDiscountPercent} % discount. Ask a manager for a larger discount.',
  },
  'sale-empty': {
    status: 409,
    sv: 'Köpet är tomt. Lägg till artiklar först.',
    en: 'The sale is empty. Add articles first.',
  },
  'sale-not-empty': {
    status: 409,
    sv: 'Ett köp pågår. Betala eller parkera det först.',
    en: 'A sale is in progress. Pay or park it first.',
  },
  'sale-total-negative': {
    status: 400,
    sv: 'Köpets summa är negativ. En retur görs mot ett kvittonummer under Kvitton → Retur.',
    en: 'The sale total is negative. A return is made against a receipt number under Receipts → Return.',
  },
  'amount-due-negative': {
    status: 400,
    sv: 'Beloppet att betala är negativt. Gör en retur mot kvittonumret i stället.',
    en: 'The amount due is negative. Make a return against the receipt number instead.',
  },
  'payment-amount-invalid': {
    status: 400,
    sv: 'Beloppet för {method} är ogiltigt. Ange ett belopp större än 0.',
    en: 'The amount for {method} is invalid. Enter an amount above 0.',
  },
  'cash-tendered-twice': {
    status: 400,
    sv: 'Kontant betalning är angiven två gånger. Slå ihop kontantbeloppen till ett.',
    en: 'Cash was given twice. Put the cash amounts together into one.',
  },
  'non-cash-overpayment': {
    status: 400,
    sv: 'Kort och Swish får inte överstiga beloppet att betala ({dueKr}). Växel ges bara på kontanter.',
    en: 'Card and Swish may not exceed the amount due ({dueKr}). Change is only given on cash.',
  },
  'payment-insufficient': {
    status: 400,
    sv: 'Det saknas {missingKr}. Ta emot resten kontant, med kort eller Swish.',
    en: '{missingKr} is missing. Take the rest in cash, by card or Swish.',
  },
  'control-unit-unreachable': {
    status: 503,
    sv: 'Kontrollenheten svarar inte ({detail}). Betalning är spärrad tills den svarar – ett kvitto får inte lämnas utan kontrollkod. Kontrollera att kontrollenheten har ström och sladden är i, och försök igen. Du kan fortsätta lägga till artiklar och parkera köpet. Går kontrollenheten inte att använda ska ni anmäla det till Skatteverket utan dröjsmål.',
    en: 'The control unit does not answer ({detail}). Payment is blocked until it answers – no receipt may be handed over without a control code. Check that the control unit has power and its cable is in, and try again. You can keep adding articles and park the sale. If the control unit cannot be used, report it to Skatteverket without delay.',
  },
  'control-unit-refused': {
    status: 503,
    sv: 'Kontrollenheten vägrade kvittot ({reason}). Betalning är spärrad. Försök igen; om felet kvarstår, starta om kontrollenheten och kontakta supporten. Går kontrollenheten inte att använda ska ni anmäla det till Skatteverket utan dröjsmål.',
    en: 'The control unit refused the receipt ({reason}). Payment is blocked. Try again; if it persists, restart the control unit and contact support. If the control unit cannot be used, report it to Skatteverket without delay.',
  },
  'control-unit-answer-invalid': {
    status: 502,
    sv: 'Kontrollenheten svarade med fel format på {field} ("{reply}"). Köpet är inte slutfört och inget kvitto har lämnats – ett kvitto får bara ha en giltig kontrollkod. Försök betala igen; samma kvitto skickas då på nytt. Kvarstår felet, starta om kontrollenheten och kontakta leverantören. Går kontrollenheten inte att använda ska ni anmäla det till Skatteverket utan dröjsmål.',
    en: 'The control unit answered with a malformed field, {field} ("{reply}"). The sale is not completed and no receipt was handed over – a receipt may only carry a valid control code. Try paying again; the same receipt is then sent again. If it persists, restart the control unit and contact its vendor. If the control unit cannot be used, report it to Skatteverket without delay.',
  },
  'control-unit-receipt-invalid': {
    status: 500,
    sv: 'Kvittot kan inte skickas till kontrollenheten: fältet {field} ("{value}") har fel format. Kontrollera kassabeteckning och organisationsnummer i backoffice och kontakta supporten.',
    en: 'The receipt cannot be sent to the control unit: the field {field} ("{value}") has the wrong format. Check the register id and organisation number in the backoffice and contact support.',
  },
  'receipt-not-found': {
    status: 404,
    sv: 'Kvitto nummer {receiptNumber} finns inte i den här kassan. Kontrollera numret på kvittot.',
    en: 'Receipt number {receiptNumber} does not exist in this register. Check the number on the receipt.',
  },
  'copy-limit-reached': {
    status: 409,
    sv: 'En kopia av kvitto {receiptNumber} är redan utskriven. Lagen tillåter bara en kopia per kvitto.',
    en: 'A copy of receipt {receiptNumber} has already been printed. The law allows only one copy per receipt.',
  },
  'copy-of-non-original': {
    status: 409,
    sv: 'Kopia kan bara göras av ett kassakvitto eller returkvitto.',
    en: 'A copy can only be made of a sales or return receipt.',
  },
  'return-original-not-sale': {
    status: 409,
    sv: 'Retur görs mot ett kassakvitto (försäljning), inte mot ett returkvitto.',
    en: 'A return is made against a sales receipt, not against a return receipt.',
  },
  'return-wrong-original': {
    status: 400,
    sv: 'Returkvittot {receiptNumber} gäller ett annat kvitto. Kontakta supporten.',
    en: 'Return receipt {receiptNumber} concerns another receipt. Contact support.',
  },
  'return-empty': {
    status: 400,
    sv: 'Välj minst en rad att returnera.',
    en: 'Choose at least one line to return.',
  },
  'return-line-not-found': {
    status: 404,
    sv: 'Rad {lineNo} finns inte på originalkvittot.',
    en: 'Line {lineNo} is not on the original receipt.',
  },
  'return-line-repeated': {
    status: 400,
    sv: 'Rad {lineNo} är vald två gånger. Ange raden en gång med hela antalet.',
    en: 'Line {lineNo} is chosen twice. Give the line once with the whole quantity.',
  },
  'return-quantity-not-positive': {
    status: 400,
    sv: 'Antal att returnera på rad {lineNo} måste vara minst 1.',
    en: 'The quantity to return on line {lineNo} must be at least 1.',
  },
  'return-quantity-exceeds-sold': {
    status: 409,
    sv: 'På rad {lineNo} kan högst {remaining} returneras (resten är redan returnerat).',
    en: 'At most {remaining} can be returned on line {lineNo} (the rest has already been returned).',
  },
  'parked-sale-not-found': {
    status: 404,
    sv: 'Det parkerade köpet finns inte längre (det kan redan vara återupptaget). Uppdatera listan.',
    en: 'The parked sale no longer exists (it may already have been resumed). Refresh the list.',
  },
  'training-switch-during-sale': {
    status: 409,
    sv: 'Övningsläget kan inte ändras mitt i ett köp. Betala, parkera eller töm köpet först.',
    en: 'Training mode cannot be switched in the middle of a sale. Pay, park or clear the sale first.',
  },
  'earlier-day-not-closed': {
    status: 409,
    sv: 'Dagen {businessDay} har försäljning men ingen Z-dagrapport. Ta Z-rapporten för {businessDay} först – dagarna stängs i ordning.',
    en: 'The day {businessDay} has sales but no Z report. Take the Z report for {businessDay} first – days are closed in order.',
  },
  'later-day-already-closed': {
    status: 409,
    sv: 'En senare dag ({businessDay}) är redan stängd med en Z-rapport. Den här dagen kan inte stängas i efterhand.',
    en: 'A later day ({businessDay}) is already closed with a Z report. This day cannot be closed afterwards.',
  },
  'swish-not-configured': {
    status: 409,
    sv: 'Inget Swish-nummer är inställt för kassan. En butikschef anger det under Inställningar.',
    en: 'No Swish number is set for the register. A manager sets it under Settings.',
  },
  'journal-damaged': {
    status: 500,
    sv: 'Journalminnet ({file}) är skadat: {detail}. Kassan kan inte sälja. Rör inte filen – kontakta supporten omedelbart; journalminnet ska sparas i sju år.',
    en: 'The journal ({file}) is damaged: {detail}. The register cannot sell. Do not touch the file – contact support at once; the journal must be kept for seven years.',
  },
  'journal-schema-newer': {
    status: 500,
    sv: 'Journalminnet ({file}) är skrivet av en nyare version av kassaprogrammet (schemaversion {found}; den här versionen, {programVersion}, känner bara till version {known}). Kassan säljer inte på det. Installera den senaste versionen av kassaprogrammet (ladda ner installationsprogrammet i backoffice) och starta kassan igen. Rör inte filen.',
    en: 'The journal ({file}) was written by a newer version of the register program (schema version {found}; this version, {programVersion}, knows only up to version {known}). The register does not sell on it. Install the latest register program (download the installer in the backoffice) and start the register again. Do not touch the file.',
  },
  'journal-not-durable': {
    status: 500,
    sv: 'Kvitto {receiptNumber} är bokfört i journalminnet, men disken bekräftade inte att det sparats ({detail}). Det skrevs därför inte ut. Kontrollera disken (ledigt utrymme, kablar), skriv sedan ut originalet under Kvitton. Kontakta supporten om det upprepas.',
    en: 'Receipt {receiptNumber} is in the journal, but the disk did not confirm that it was saved ({detail}). It was therefore not printed. Check the disk (free space, cables), then print the original under Receipts. Contact support if it happens again.',
  },
  'receipt-already-printed': {
    status: 409,
    sv: 'Kvitto {receiptNumber} är redan utskrivet. Behöver kunden ett till, skriv ut kopian (KOPIA) – en kopia får skrivas ut en gång.',
    en: 'Receipt {receiptNumber} has already been printed. If the customer needs another, print the copy (KOPIA) – one copy may be printed.',
  },
  'receipt-not-paper': {
    status: 409,
    sv: 'Kvitto {receiptNumber} lämnades elektroniskt och skrivs inte ut. Visa det på skärmen eller som PDF.',
    en: 'Receipt {receiptNumber} was given electronically and is not printed. Show it on screen or as PDF.',
  },
  'receipt-print-in-progress': {
    status: 409,
    sv: 'Kvitto {receiptNumber} skrivs ut just nu. Vänta tills utskriften är klar.',
    en: 'Receipt {receiptNumber} is being printed right now. Wait until it is done.',
  },
  'no-printer': {
    status: 409,
    sv: 'Ingen kvittoskrivare är inställd. En butikschef anger den under Inställningar.',
    en: 'No receipt printer is set. A manager sets it under Settings.',
  },
  'clock-behind-journal': {
    status: 409,
    sv: 'Datorns klocka ({clock}) går före kassans senaste händelse ({lastEntry}). Kassan säljer inte förrän klockan är rätt – ett kvitto får inte dateras före det förra. Ställ in datum och tid i Windows (Inställningar → Tid och språk → Ställ in tiden automatiskt) och försök igen.',
    en: "The PC's clock ({clock}) is behind the register's last event ({lastEntry}). The register does not sell until the clock is right – a receipt may not be dated before the previous one. Set the date and time (Settings → Time & language → Set time automatically) and try again.",
  },
  'clock-out-of-range': {
    status: 409,
    sv: 'Datorns klocka visar {clock}, utanför åren 2010–2099 som ett kvitto kan dateras i. Kassan säljer inte förrän klockan är rätt. Ställ in datum och tid i Windows (Inställningar → Tid och språk → Ställ in tiden automatiskt); visar datorn fel år efter varje omstart behöver BIOS-batteriet bytas.',
    en: "The PC's clock shows {clock}, outside the years 2010–2099 a receipt can be dated in. The register does not sell until the clock is right. Set the date and time (Settings → Time & language → Set time automatically); if the PC shows the wrong year after every restart, its BIOS battery needs replacing.",
  },
  'clock-differs-from-server': {
    status: 409,
    sv: 'Datorns klocka går {minutes} minuter {direction} serverns. Kassan säljer inte förrän klockan är rätt – kvittot ska visa rätt datum och tid. Ställ in datum, tid och tidszon (Stockholm) i Windows och slå på "Ställ in tiden automatiskt".',
    en: 'The PC\'s clock is {minutes} minutes off the server\'s. The register does not sell until the clock is right – the receipt must show the right date and time. Set the date, time and time zone (Stockholm) and turn on "Set time automatically".',
  },
  'printer-invalid-address': {
    status: 400,
    sv: 'Skrivaradressen "{address}" känns inte igen. Ange en nätverksskrivare (192.168.1.50:9100 eller tcp://192.168.1.50), en delad Windows-skrivare (\\\\DATORN\\Kvittoskrivare), en port (LPT1, COM3) eller none.',
    en: 'The printer address "{address}" is not recognised. Give a network printer (192.168.1.50:9100 or tcp://192.168.1.50), a Windows printer share (\\\\PC\\ReceiptPrinter), a port (LPT1, COM3) or none.',
  },
  'printer-windows-only': {
    status: 400,
    sv: 'Skrivaren "{address}" är en Windows-delning eller -port och fungerar bara när kassan körs i Windows. Ange en nätverksskrivare (tcp://adress:9100) eller en enhet som /dev/usb/lp0.',
    en: 'The printer "{address}" is a Windows share or port and only works when the register runs on Windows. Give a network printer (tcp://host:9100) or a device such as /dev/usb/lp0.',
  },
  'settings-invalid': {
    status: 400,
    sv: 'Inställningen {setting} är ogiltig: {reason}.',
    en: 'The setting {setting} is invalid: {reason}.',
  },
  'register-not-ready': {
    status: 503,
    sv: 'Kassan är inte redo att sälja: {reason}',
    en: 'The register is not ready to sell: {reason}',
  },
} as const satisfies Record<string, CatalogueEntry>;
