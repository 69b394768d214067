import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeEscPos, escPosText, spansContaining, type DecodedEscPos } from '@kassa/test-kit';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { RegisterSignInScreen } from '../pages/RegisterSignInScreen';
import { parseKr, previewRows, reportTable, SalesScreen } from '../pages/SalesScreen';
import { ean13 } from '../support/ean';
import {
  chainProblems,
  readJournal,
  receiptIn,
  replayDay,
  stockholmDay,
  type DayReplay,
  type JournalRow,
} from '../support/journal';
import {
  connectPc,
  RegisterScenarioApi,
  startBackoffice,
  startRegister,
  type BackofficeServer,
  type ConnectedPc,
  type RegisterPc,
} from '../support/register';
import { uniqueRegisterId, uniqueUsername } from '../support/server';

// A day at the till as a cashier and a manager would have it, in Chromium,
// on real parts — a backoffice of its own, `kassa connect` with a pairing code, `kassa start`
// with the built-in control-unit simulator and a receipt printer that is a file (the ESC/POS bytes
// are appended to it and decoded here). Scan, grid, line discount, split card + cash with change,
// the printed receipt, one copy (a second is refused), a return, a parked sale resumed, training
// mode, the drawer with a reason, the float, an X and a Z report. Finally the register's journal
// file is read read-only, its hash chain checked with SHA-256, and the day replayed by the
// scenario's own fold (support/journal.ts): the X and Z figures on the screen must match it.

const shots = 'test-results/screenshots';
/** ESC p 0 25 250: the drawer kick pulse (Epson "generate pulse", pin 2). */
const DRAWER_KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

const products = {
  coffee: {
    articleNumber: 'KAF-1',
    name: 'Bryggkaffe',
    barcodes: [ean13('731000000001')],
    priceOre: 3200,
    vatCategory: 'standard',
    group: 'Dryck',
  },
  bun: {
    articleNumber: 'BUL-1',
    name: 'Kanelbulle',
    barcodes: [ean13('731000000002')],
    priceOre: 2850,
    vatCategory: 'food',
    group: 'Fika',
  },
  mug: {
    articleNumber: 'MUG-1',
    name: 'Mugg Blåbär',
    barcodes: [],
    priceOre: 14900,
    vatCategory: 'standard',
    group: 'Presenter',
  },
  tea: {
    articleNumber: 'TE-1',
    name: 'Te Earl Grey',
    barcodes: [ean13('731000000004')],
    priceOre: 2500,
    vatCategory: 'standard',
    group: 'Dryck',
  },
} as const;

/** What the scenario sells, worked out here from the prices (öre). */
const mugDiscount = Math.round(products.mug.priceOre / 10); // 10 %
const firstTotal =
  products.coffee.priceOre + products.bun.priceOre + products.mug.priceOre - mugDiscount;
const cardPart = 10_000;
const cashDue = Math.round((firstTotal - cardPart) / 100) * 100; // öresavrundning to whole kronor
const tendered = 10_000;
const floatAmount = 50_000;
const countedCash = 56_000;

/** The receipt printer: a file the register appends ESC/POS bytes to. */
class PrinterFile {
  private offset = 0;
  constructor(readonly file: string) {}

  /** The bytes printed since the last call. */
  async printedSinceLast(): Promise<Buffer> {
    const all = await readFile(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const chunk = all.subarray(this.offset);
    this.offset = all.length;
    return chunk;
  }

  /** The text of what was printed since the last call, and whether the drawer was kicked. */
  async lastPrint(): Promise<{
    text: string;
    decoded: DecodedEscPos;
    kicked: boolean;
    cuts: number;
    bytes: Buffer;
  }> {
    const bytes = await this.printedSinceLast();
    const decoded = decodeEscPos(bytes);
    return {
      text: escPosText(decoded),
      decoded,
      kicked: bytes.includes(DRAWER_KICK),
      cuts: decoded.cuts.length,
      bytes,
    };
  }
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = `${shots}/selling-${name}.png`;
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** A printed row: the label at the start of a line, spaces, the amount at its end. */
const printedRow = (label: string, ore: number) =>
  new RegExp(`^${label}\\s+${kr(ore).replace(' ', '\\s')}$`, 'm');

/** Öre as the receipts and reports write it: "1 234,50", "-32,00". */
function kr(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const magnitude = Math.abs(ore);
  const kronor = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${kronor},${String(magnitude % 100).padStart(2, '0')}`;
}

/** The day report's figures on screen (the key-figure table and the report preview) in öre. */
function figuresOnScreen(table: Map<string, string>, rows: Map<string, string>) {
  const amount = (map: Map<string, string>, label: string) => {
    const text = map.get(label);
    if (text === undefined) throw new Error(`the report shows no "${label}"`);
    return parseKr(text);
  };
  const count = (label: string) => Number(rows.get(label));
  const payments: DayReplay['payments'] = {};
  for (const [method, label] of [
    ['cash', 'Kontant'],
    ['card', 'Kort'],
    ['swish', 'Swish'],
  ] as const) {
    if (rows.has(`${label} försäljning`)) {
      payments[method] = {
        sales: amount(rows, `${label} försäljning`),
        returns: amount(rows, `${label} returer`),
      };
      expect(amount(rows, `${label} netto`)).toBe(
        payments[method].sales - payments[method].returns,
      );
    }
  }
  return {
    table: {
      salesTotal: amount(table, 'Försäljning'),
      receiptCount: Number(table.get('Antal kvitton')),
      expectedCash: amount(table, 'Förväntade kontanter'),
    },
    report: {
      businessDay: rows.get('Försäljningsdag'),
      salesTotal: amount(rows, 'Total försäljning'),
      receiptCount: count('Antal kvitton'),
      returnCount: count('Antal returer'),
      returnAmount: amount(rows, 'Belopp returer'),
      netTotal: amount(rows, 'Nettoförsäljning'),
      discounts: amount(rows, 'Rabatter'),
      rounding: amount(rows, 'Öresavrundning'),
      payments,
      trainingCount: count('Antal övningskvitton'),
      trainingAmount: amount(rows, 'Belopp övningskvitton'),
      copyCount: count('Antal kvittokopior'),
      drawerOpenings: count('Antal lådöppningar'),
      cashFloat: amount(rows, 'Växelkassa'),
      cashIn: amount(rows, 'Insättningar'),
      cashOut: amount(rows, 'Uttag'),
      expectedCash: amount(rows, 'Förväntat i kassalådan'),
      grandTotals: {
        sales: amount(rows, 'Grand total försäljning'),
        returns: amount(rows, 'Grand total returer'),
        net: amount(rows, 'Grand total netto'),
      },
    },
  };
}

/** The replay's figures in the shape figuresOnScreen() reads. */
function replayFigures(day: DayReplay) {
  const report = { ...day };
  return {
    table: {
      salesTotal: day.salesTotal,
      receiptCount: day.receiptCount,
      expectedCash: day.expectedCash,
    },
    report,
  };
}

test.describe('Kassan säljer en dag', () => {
  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  let pc: ConnectedPc;
  let register: RegisterPc;
  let printer: PrinterFile;
  let company: { companyName: string; organisationNumber: string };
  let registerId: string;
  const cashier = { username: uniqueUsername('kassor'), displayName: 'Kim Kassör', pin: '4711' };
  const manager = { username: uniqueUsername('chef'), displayName: 'Maja Chef', pin: '8642' };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    backoffice = await startBackoffice();
    api = await RegisterScenarioApi.signIn(backoffice.url);
    company = await api.company();
    registerId = uniqueRegisterId('S');
    const terminal = await api.createTerminal({ name: 'Disken', registerId });
    for (const product of Object.values(products)) {
      await api.createProduct({ ...product, barcodes: [...product.barcodes] });
    }
    await api.createRegisterUser({ ...cashier, role: 'cashier', terminalIds: [terminal.id] });
    await api.createRegisterUser({ ...manager, role: 'manager', terminalIds: [terminal.id] });

    const hardware = { hardwareId: 'e2e-selling-pc', pcName: 'KASSA-DISKEN' };
    const code = await api.pairingCode(terminal.id);
    pc = await connectPc({ ...hardware, args: ['--url', backoffice.url, '--code', code] });
    printer = new PrinterFile(path.join(pc.home, 'skrivare.bin'));
    // The shop's settings before the first start: the simulator, a printer that is a file.
    await writeFile(
      path.join(pc.dataDir, 'settings.json'),
      JSON.stringify({
        controlUnit: 'simulator',
        printer: printer.file,
        swishPayee: '1231234567',
        cashierMaxDiscountRate: 2000,
      }),
    );
    register = await startRegister({ ...hardware, home: pc.home });
    // The register pulls the catalogue at its first contact with the server.
    await expect
      .poll(
        async () => {
          const text = await readFile(path.join(pc.dataDir, 'catalogue.json'), 'utf8').catch(
            () => '{"products":[]}',
          );
          return (JSON.parse(text) as { products: { name: string }[] }).products.length;
        },
        { timeout: 30_000 },
      )
      .toBe(Object.keys(products).length);
  });

  test.afterAll(async () => {
    const results = await Promise.allSettled([register?.remove(), api?.dispose()]);
    results.push(...(await Promise.allSettled([pc?.remove(), backoffice?.stop()])));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });

  test('a cashier and a manager sell, print, copy, return, park, train, open the drawer and close the day; the reports match the journal', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const sales = new SalesScreen(page);
    const signIn = new RegisterSignInScreen(page);
    const dialog = sales.dialog;
    let firstReceiptText = '';

    await test.step('the cashier signs in with the PIN keypad', async () => {
      await page.goto(register.url);
      await signIn.signInWithKeypad(cashier.username, cashier.pin);
      await expect(sales.signedInAs(cashier.displayName)).toBeVisible();
      await expect(page.getByRole('contentinfo', { name: 'Kassans status' })).toContainText(
        'Simulerad kontrollenhet – ej certifierad',
      );
      await expect(sales.product(products.mug.name)).toBeVisible();
    });

    await test.step('two barcodes scanned, one product from the grid, a line discount', async () => {
      await sales.scan(products.coffee.barcodes[0]);
      await expect(sales.line(products.coffee.name)).toBeVisible();
      await sales.scan(products.bun.barcodes[0]);
      await expect(sales.line(products.bun.name)).toBeVisible();
      await sales.product(products.mug.name).click();
      const mug = sales.line(products.mug.name);
      await expect(mug).toHaveAttribute('aria-pressed', 'true');
      await expect(sales.lines.getByRole('button')).toHaveCount(3);

      await sales.receipt.getByRole('button', { name: 'Radrabatt' }).click();
      await expect(dialog).toHaveAccessibleName(`Rabatt på ${products.mug.name}`);
      await expect(dialog).toContainText('Du får ge högst 20 % rabatt.');
      await sales.choose('Typ av rabatt', 'Procent');
      await dialog.getByRole('textbox', { name: 'Rabatt (%)' }).fill('10');
      await dialog.getByRole('button', { name: 'Ge rabatt' }).click();
      await expect(dialog).toBeHidden();
      await expect(mug).toContainText(`${kr(mugDiscount)} kr`);
      await expect(sales.total).toContainText(`${kr(firstTotal)} kr`);
      expect(await sales.totalOre()).toBe(firstTotal);
      await shot(page, testInfo, '1-sale');
    });

    await test.step('paid part by card, the rest in cash with change', async () => {
      await sales.pay.click();
      await expect(dialog).toHaveAccessibleName('Betalning');
      const remaining = dialog.getByRole('status', { name: 'Kvar att betala' });
      await expect(remaining).toContainText(`${kr(firstTotal)} kr`);

      await sales.choose('Betalsätt', 'Kort');
      await dialog.getByRole('textbox', { name: 'Belopp', exact: true }).fill(kr(cardPart));
      await dialog.getByRole('button', { name: 'Kortbetalningen är godkänd' }).click();
      await expect(dialog.getByRole('list', { name: 'Godkända delbetalningar' })).toContainText(
        `Kort ${kr(cardPart)} kr`,
      );
      await expect(remaining).toContainText(`${kr(firstTotal - cardPart)} kr`);

      await sales.choose('Betalsätt', 'Kontant');
      await expect(dialog.getByTestId('cash-due')).toHaveText(`${kr(cashDue)} kr`);
      await expect(dialog.getByTestId('cash-rounding')).toHaveText(
        `Öresavrundning +${kr(cashDue - (firstTotal - cardPart))} kr`,
      );
      await dialog.getByRole('textbox', { name: 'Mottaget belopp' }).fill(kr(tendered));
      await expect(dialog.getByRole('status', { name: 'Växel' })).toContainText(
        `${kr(tendered - cashDue)} kr`,
      );
      await shot(page, testInfo, '2-payment');
      await dialog.getByRole('button', { name: 'Slutför kontant' }).click();

      await expect(dialog).toHaveAccessibleName('Betalningen är klar');
      await expect(dialog.getByRole('status', { name: 'Växel tillbaka' })).toContainText(
        `${kr(tendered - cashDue)} kr`,
      );
      await expect(dialog).toContainText('Kvitto nr 1');
      await expect(dialog).toContainText('Kvittot är utskrivet.');
      await expect(dialog).toContainText('Kassalådan öppnades.');
      await shot(page, testInfo, '3-paid');
      await dialog.getByRole('button', { name: 'Ny försäljning' }).click();
      await expect(dialog).toBeHidden();
      await expect(sales.total).toContainText('0,00 kr');
    });

    await test.step('the printed receipt, decoded from the printer bytes', async () => {
      const printed = await printer.lastPrint();
      const { text } = printed;
      firstReceiptText = text;
      await testInfo.attach('kvitto-1.txt', { body: text, contentType: 'text/plain' });
      const raw = testInfo.outputPath('kvitto-1.bin');
      await writeFile(raw, printed.bytes);
      await testInfo.attach('kvitto-1.bin', { path: raw, contentType: 'application/octet-stream' });
      expect(text).toContain(company.companyName);
      expect(text).toContain(`Org.nr ${company.organisationNumber}`);
      expect(text).toMatch(/^Kvitto nr\s+1$/m);
      expect(text).toMatch(new RegExp(`^Kassa\\s+${registerId}$`, 'm'));
      for (const product of [products.coffee, products.bun, products.mug]) {
        expect(text).toContain(product.name);
      }
      expect(text).toMatch(/1 st à 149,00/);
      expect(text).toMatch(printedRow('Varav rabatt', -mugDiscount));
      expect(text).toMatch(printedRow('TOTALT', firstTotal));
      expect(text).toMatch(printedRow('Öresavrundning', cashDue - (firstTotal - cardPart)));
      expect(text).toMatch(printedRow('Kort', cardPart));
      expect(text).toMatch(printedRow('Kontant', cashDue));
      expect(text).toMatch(printedRow('Mottaget kontant', tendered));
      expect(text).toMatch(printedRow('Växel', tendered - cashDue));
      expect(text).toMatch(/^Kontrollenhet\s+SIM-\S+$/m);
      const code = text.split('\n').findIndex((line) => line.trim() === 'Kontrollkod:');
      expect(code).toBeGreaterThan(0);
      expect(text.split('\n')[code + 1]?.trim()).toMatch(/^[^\s-]{8,}/);
      // Signed by the simulator: said on the receipt as loud as a marking (double height).
      expect(text).toMatch(/SIMULERAD\s+KONTROLLENHET - EJ\s+CERTIFIERAD/);
      expect(spansContaining(printed.decoded, 'SIMULERAD')[0]?.height).toBeGreaterThanOrEqual(2);
      expect(printed.decoded.unknown).toEqual([]);
      expect(printed.cuts).toBe(1);
      expect(printed.kicked).toBe(true); // cash changed hands
    });

    await test.step('one copy of the receipt; a second copy is refused', async () => {
      await sales.action('Kvitton').click();
      await expect(dialog).toHaveAccessibleName('Kvitton');
      await dialog.getByRole('button', { name: 'Visa kvitto 1' }).click();
      await expect(
        sales.preview('Kvitto 1').getByText(`TOTALT ${kr(firstTotal)}`, { exact: false }),
      ).toBeVisible();
      await dialog.getByRole('button', { name: 'Kopia', exact: true }).click();
      await expect(dialog).toHaveAccessibleName('Kvittokopia');
      await expect(dialog).toContainText('Kopia nr 1');
      await expect(dialog).toContainText('Kvittot är utskrivet.');
      const copyPreview = sales.preview('Kvitto 1');
      await expect(copyPreview.getByText('KOPIA', { exact: true }).first()).toBeVisible();
      await expect(copyPreview.getByText('Originalkvitto nr 1')).toBeVisible();
      await shot(page, testInfo, '4-copy');
      const copy = await printer.lastPrint();
      expect(spansContaining(copy.decoded, 'KOPIA')[0]?.height).toBeGreaterThanOrEqual(2);
      expect(copy.text).toMatch(/^Originalkvitto nr\s+1$/m);
      expect(copy.text).toMatch(printedRow('TOTALT', firstTotal));
      expect(copy.kicked).toBe(false);

      await dialog.getByRole('button', { name: 'Tillbaka' }).click();
      const listed = dialog.getByRole('button', { name: 'Visa kvitto 1' });
      await expect(listed).toContainText('Kopia gjord');
      await listed.click();
      await dialog.getByRole('button', { name: 'Kopia', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText(
        'En kopia av kvitto 1 är redan utskriven. Lagen tillåter bara en kopia per kvitto.',
      );
      await shot(page, testInfo, '5-second-copy-refused');
      expect((await printer.printedSinceLast()).length).toBe(0);
    });

    await test.step('a return of one coffee against receipt 1', async () => {
      await dialog.getByRole('button', { name: 'Retur', exact: true }).click();
      await expect(dialog).toHaveAccessibleName('Retur mot kvitto 1');
      await dialog
        .getByRole('textbox', { name: `Antal tillbaka för ${products.coffee.name}` })
        .fill('1');
      await expect(dialog.getByRole('status')).toHaveText(
        `Betala ut kontant: ${kr(products.coffee.priceOre)} kr`,
      );
      await dialog.getByRole('button', { name: 'Gör returkvitto' }).click();
      await expect(dialog).toHaveAccessibleName('Returkvitto');
      await expect(dialog).toContainText('Returkvitto nr 2');
      const returnPreview = sales.preview('Kvitto 2');
      await expect(returnPreview.getByText('Retur av kvitto nr 1')).toBeVisible();
      await expect(
        returnPreview.getByText(`TOTALT -${kr(products.coffee.priceOre)}`),
      ).toBeVisible();
      await shot(page, testInfo, '6-return');
      const printed = await printer.lastPrint();
      expect(printed.text).toMatch(/^Returkvitto nr\s+2$/m);
      expect(printed.text).toMatch(/^Retur av kvitto nr\s+1$/m);
      expect(printed.text).toMatch(printedRow('TOTALT', -products.coffee.priceOre));
      expect(printed.text).toMatch(printedRow('Kontant', -products.coffee.priceOre));
      expect(printed.kicked).toBe(true);
      await dialog.getByRole('button', { name: 'Stäng' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('a sale parked and resumed, then paid by card', async () => {
      await sales.scan(products.tea.barcodes[0]);
      await expect(sales.line(products.tea.name)).toBeVisible();
      await sales.action('Parkera').click();
      await expect(dialog).toHaveAccessibleName('Parkera försäljningen');
      await dialog.getByRole('textbox', { name: 'Anteckning (valfri)' }).fill('Bord 4');
      await dialog.getByRole('button', { name: 'Parkera', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(sales.notice('Försäljningen är parkerad.')).toBeVisible();
      await expect(sales.receipt).toContainText('Skanna en vara');
      await sales.action('Parkerade (1)').click();
      await expect(dialog).toHaveAccessibleName('Parkerade försäljningar');
      await shot(page, testInfo, '7-parked');
      await dialog.getByRole('button', { name: `Återuppta Bord 4, ${products.tea.name}` }).click();
      await expect(dialog).toBeHidden();
      await expect(sales.notice('Den parkerade försäljningen är återupptagen.')).toBeVisible();
      await expect(sales.line(products.tea.name)).toBeVisible();
      await expect(sales.action('Parkerade (0)')).toBeVisible();

      await sales.pay.click();
      await sales.choose('Betalsätt', 'Kort');
      await dialog.getByRole('button', { name: 'Kortbetalningen är godkänd' }).click();
      await expect(dialog).toHaveAccessibleName('Betalningen är klar');
      await expect(dialog).toContainText('Kvitto nr 3');
      await expect(dialog).toContainText('Ingen växel');
      await dialog.getByRole('button', { name: 'Ny försäljning' }).click();
      await expect(dialog).toBeHidden();
      const printed = await printer.lastPrint();
      expect(printed.text).toMatch(/^Kvitto nr\s+3$/m);
      expect(printed.text).toMatch(printedRow('Kort', products.tea.priceOre));
      expect(printed.kicked).toBe(false); // no cash, no drawer
    });

    await test.step('the manager signs in and sells one item in training mode', async () => {
      await sales.signOut.click();
      await signIn.signInWithKeypad(manager.username, manager.pin);
      await expect(sales.signedInAs(manager.displayName)).toBeVisible();

      await sales.switchTraining(true);
      await expect(sales.trainingBand).toBeVisible();
      await sales.scan(products.tea.barcodes[0]);
      await expect(sales.line(products.tea.name)).toBeVisible();
      await shot(page, testInfo, '8-training');
      await sales.pay.click();
      await sales.choose('Betalsätt', 'Kontant');
      await dialog
        .getByRole('group', { name: 'Snabbval' })
        .getByRole('button', { name: `Jämnt ${products.tea.priceOre / 100} kr` })
        .click();
      await expect(dialog).toHaveAccessibleName('Betalningen är klar');
      await expect(dialog).toContainText('Övningskvitto nr 1');
      await dialog.getByRole('button', { name: 'Ny försäljning' }).click();
      await expect(dialog).toBeHidden();
      const printed = await printer.lastPrint();
      expect(spansContaining(printed.decoded, 'ÖVNINGSKVITTO')[0]?.height).toBeGreaterThanOrEqual(
        2,
      );
      expect(printed.text).toMatch(/^Övningskvitto nr\s+1$/m);

      await sales.switchTraining(false);
      await expect(sales.trainingBand).toBeHidden();
    });

    await test.step('the drawer opened with a reason, and the float registered', async () => {
      await sales.action('Kassalåda').click();
      await expect(dialog).toHaveAccessibleName('Kassalåda och kontanter');
      await dialog.getByRole('button', { name: 'Öppna lådan' }).click();
      await expect(dialog).toContainText('Skriv varför');
      await dialog.getByRole('textbox', { name: 'Orsak' }).fill('Växla till kunden');
      await dialog.getByRole('button', { name: 'Öppna lådan' }).click();
      await expect(dialog).toBeHidden();
      await expect(sales.notice('Kassalådan är öppnad.')).toBeVisible();
      expect((await printer.printedSinceLast()).equals(DRAWER_KICK)).toBe(true);

      await sales.action('Kassalåda').click();
      await sales.choose('Vad vill du göra?', 'Växelkassa');
      await dialog.getByRole('textbox', { name: 'Belopp', exact: true }).fill(kr(floatAmount));
      await dialog.getByRole('button', { name: 'Registrera växelkassa' }).click();
      await expect(dialog).toBeHidden();
      await expect(sales.notice(`Växelkassan ${kr(floatAmount)} kr är registrerad.`)).toBeVisible();
    });

    // What the day must add up to, worked out from the prices (independent of the register).
    const expectedDay = {
      salesTotal: firstTotal + products.tea.priceOre,
      receiptCount: 2,
      returnCount: 1,
      returnAmount: products.coffee.priceOre,
      card: cardPart + products.tea.priceOre,
      cash: cashDue,
      trainingCount: 1,
      drawerOpenings: 1,
      copyCount: 1,
      expectedCash: floatAmount + cashDue - products.coffee.priceOre,
    };
    const checkReplay = (day: DayReplay) => {
      expect(day.salesTotal).toBe(expectedDay.salesTotal);
      expect(day.receiptCount).toBe(expectedDay.receiptCount);
      expect(day.returnCount).toBe(expectedDay.returnCount);
      expect(day.returnAmount).toBe(expectedDay.returnAmount);
      expect(day.payments).toEqual({
        card: { sales: expectedDay.card, returns: 0 },
        cash: { sales: expectedDay.cash, returns: products.coffee.priceOre },
      });
      expect(day.trainingCount).toBe(expectedDay.trainingCount);
      expect(day.copyCount).toBe(expectedDay.copyCount);
      expect(day.drawerOpenings).toBe(expectedDay.drawerOpenings);
      expect(day.expectedCash).toBe(expectedDay.expectedCash);
    };

    let businessDay = '';
    await test.step('an X report matches the replayed journal', async () => {
      await sales.action('Rapporter').click();
      await expect(dialog).toHaveAccessibleName('Rapporter');
      await dialog.getByRole('button', { name: 'Ta X-rapport' }).click();
      await expect(dialog).toHaveAccessibleName(/^X-rapport \d{4}-\d{2}-\d{2}$/);
      const title = (await dialog.getByRole('table').getAttribute('aria-label')) ?? '';
      businessDay = title.replace('X-rapport ', '');
      await expect(dialog).toContainText('Rapporten är utskriven.');
      const onScreen = figuresOnScreen(
        await reportTable(dialog, title),
        await previewRows(sales.preview('Förhandsvisning av rapporten')),
      );
      await shot(page, testInfo, '9-x-report');
      const printed = await printer.lastPrint();
      expect(printed.text).toContain('X-DAGRAPPORT');
      expect(printed.text).toMatch(printedRow('Total försäljning', expectedDay.salesTotal));

      const rows = readJournal(path.join(register.dataDir, 'journal.sqlite'));
      const x = rows.findLast((row) => row.kind === 'x-report');
      expect(x).toBeDefined();
      expect(stockholmDay(x?.at ?? '')).toBe(businessDay);
      const replay = replayDay(rows, businessDay, x?.seq ?? 0);
      checkReplay(replay);
      expect(onScreen).toEqual(replayFigures(replay));
      await dialog.getByRole('button', { name: 'Tillbaka' }).click();
    });

    await test.step('a Z report with counted cash closes the day and matches the journal', async () => {
      await dialog.getByRole('textbox', { name: 'Räknade kontanter' }).fill(kr(countedCash));
      await dialog.getByRole('button', { name: 'Ta Z-rapport' }).click();
      await expect(dialog.getByRole('alert')).toContainText(
        `Räknade kontanter: ${kr(countedCash)} kr`,
      );
      await dialog.getByRole('button', { name: 'Ja, stäng dagen' }).click();
      await expect(dialog).toHaveAccessibleName('Z-rapport nr 1');
      const table = await reportTable(dialog, 'Z-rapport nr 1');
      const rows = await previewRows(sales.preview('Förhandsvisning av rapporten'));
      const onScreen = figuresOnScreen(table, rows);
      await shot(page, testInfo, '10-z-report');
      const printed = await printer.lastPrint();
      expect(printed.text).toContain('Z-DAGRAPPORT nr 1');

      const journal = readJournal(path.join(register.dataDir, 'journal.sqlite'));
      const z = journal.findLast((row) => row.kind === 'z-report');
      expect(z).toBeDefined();
      const replay = replayDay(journal, businessDay, z?.seq ?? 0);
      checkReplay(replay);
      expect(onScreen).toEqual(replayFigures(replay));
      const difference = countedCash - replay.expectedCash;
      expect(parseKr(table.get('Räknade kontanter') ?? '')).toBe(countedCash);
      expect(parseKr(table.get('Differens') ?? '')).toBe(difference);
      expect(parseKr(rows.get('Räknat i kassalådan') ?? '')).toBe(countedCash);
      expect(parseKr(rows.get('Kassadifferens') ?? '')).toBe(difference);
      expect(rows.get('Z-rapport nr')).toBe('1');
      await dialog.getByRole('button', { name: 'Stäng' }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step('the journal: an unbroken hash chain, numbering and every event', () => {
      const rows: JournalRow[] = readJournal(path.join(register.dataDir, 'journal.sqlite'));
      expect(chainProblems(rows)).toEqual([]);
      const numbers = (kind: string) =>
        rows.filter((row) => row.kind === kind).map((row) => receiptIn(row)?.receiptNumber);
      const series = rows
        .filter((row) => row.kind === 'sale' || row.kind === 'return')
        .map((row) => `${row.kind} ${receiptIn(row)?.receiptNumber}`);
      expect(series).toEqual(['sale 1', 'return 2', 'sale 3']);
      expect(numbers('copy')).toEqual([1]);
      expect(numbers('training')).toEqual([1]);
      const copy = rows.find((row) => row.kind === 'copy');
      expect(copy && receiptIn(copy)?.original?.receiptNumber).toBe(1);

      // The control code the simulator gave receipt 1 is the one printed on it.
      const first = rows.find((row) => row.kind === 'sale');
      const controlCode = (first && receiptIn(first)?.controlCode) ?? '';
      expect(controlCode).not.toBe('');
      expect(firstReceiptText.replace(/\s/g, '')).toContain(controlCode.replace(/\s/g, ''));

      const kinds = rows.map((row) => row.kind);
      const countOf = (kind: string) => kinds.filter((k) => k === kind).length;
      expect(countOf('sale-parked')).toBe(1);
      expect(countOf('sale-resumed')).toBe(1);
      expect(countOf('line-added')).toBeGreaterThanOrEqual(5);
      expect(countOf('line-changed')).toBeGreaterThanOrEqual(1);
      expect(rows.filter((row) => row.kind === 'training-switched').map((r) => r.data)).toEqual([
        { training: true },
        { training: false },
      ]);
      expect(rows.filter((row) => row.kind === 'drawer-opened').map((r) => r.data)).toEqual([
        { reason: 'Växla till kunden' },
      ]);
      expect(rows.filter((row) => row.kind === 'sign-in').map((r) => r.by)).toEqual([
        cashier.username,
        manager.username,
      ]);
      expect(countOf('x-report')).toBe(1);
      expect(countOf('z-report')).toBe(1);
      const z = rows.find((row) => row.kind === 'z-report');
      expect(z?.data.report).toMatchObject({ zNumber: 1, businessDay, countedCash });
    });

    await test.step('the printer fails: the sale stands, and its receipt is printed once the printer is back', async () => {
      // The printer "unplugged": its path is a folder for a while, so nothing can be written.
      await printer.printedSinceLast();
      await rename(printer.file, `${printer.file}.bak`);
      await mkdir(printer.file);
      await sales.scan(products.tea.barcodes[0]);
      await expect(sales.line(products.tea.name)).toBeVisible();
      await sales.pay.click();
      await sales.choose('Betalsätt', 'Kort');
      await dialog.getByRole('button', { name: 'Kortbetalningen är godkänd' }).click();
      await expect(dialog).toHaveAccessibleName('Betalningen är klar');
      await expect(dialog).toContainText('Kvitto nr 4');
      await expect(dialog.getByRole('alert')).toContainText('Utskriften misslyckades');
      await expect(dialog).toContainText('Kvittot är sparat men kom inte ut');
      await shot(page, testInfo, '11-print-failed');

      await rm(printer.file, { recursive: true });
      await rename(`${printer.file}.bak`, printer.file);
      await dialog.getByRole('button', { name: 'Skriv ut kvittot igen' }).click();
      await expect(dialog).toContainText('Kvittot är utskrivet.');
      await expect(dialog.getByRole('button', { name: 'Skriv ut kvittot igen' })).toBeHidden();
      const printed = await printer.lastPrint();
      expect(printed.text).toMatch(/^Kvitto nr\s+4$/m);
      expect(printed.text).not.toContain('KOPIA');
      await dialog.getByRole('button', { name: 'Ny försäljning' }).click();
      await expect(dialog).toBeHidden();
      const printouts = readJournal(path.join(register.dataDir, 'journal.sqlite'))
        .filter((row) => row.kind === 'receipt-printout')
        .map(
          (row) =>
            row.data as {
              receiptKind: string;
              receiptNumber: number;
              outcome: string;
              later: boolean;
            },
        )
        .filter((p) => p.receiptKind === 'sale' && p.receiptNumber === 4);
      expect(printouts.map((p) => [p.outcome, p.later])).toEqual([
        ['failed', false],
        ['printed', true],
      ]);
    });
  });
});
