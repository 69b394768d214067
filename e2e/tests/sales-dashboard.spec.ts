import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Download, type Page, type TestInfo } from '@playwright/test';
import { Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { ReportsPage } from '../pages/ReportsPage';
import { SalesDashboardPage, tableAmounts } from '../pages/SalesDashboardPage';
import { TerminalsPage } from '../pages/TerminalsPage';
import {
  connectPc,
  RegisterScenarioApi,
  startBackoffice,
  startRegister,
  type BackofficeServer,
  type ConnectedPc,
  type RegisterPc,
  type ScenarioTerminal,
} from '../support/register';
import { canonical } from '../support/journal';
import { admin, uniqueRegisterId, uniqueUsername } from '../support/server';

// The dashboard and sync-health pages in Chromium, with charts of real data.
// Two real registers (`kassa start`, built-in control-unit simulator) are connected to a
// backoffice of their own and sell through their local API, exactly as the POS screen does; they
// upload their journals themselves in the background. The backoffice's Försäljning, Rapporter and
// Terminaler pages must then show the figures worked out here from the receipts the registers
// answered with. One register's device key also sends a batch with a gap, as a register with a
// damaged state would: the terminal is flagged, and an administrator acknowledges it.

const shots = 'test-results/screenshots';

const products = {
  coffee: { articleNumber: 'KAF-1', name: 'Bryggkaffe', priceOre: 3200, vatCategory: 'standard' },
  bun: { articleNumber: 'BUL-1', name: 'Kanelbulle', priceOre: 2850, vatCategory: 'food' },
  book: { articleNumber: 'BOK-1', name: 'Kokbok', priceOre: 14900, vatCategory: 'reduced' },
} as const;

type Method = 'cash' | 'card' | 'swish';

/** The parts of a journaled receipt the figures are worked out from. */
interface Receipt {
  kind: 'sale' | 'return';
  receiptNumber: number;
  total: number;
  payments: { method: Method; amount: number }[];
  lines: { lineNo: number; articleNumber: string; quantity: number; amount: number }[];
  /** The receipt's VAT per rate (hundredths of a percent). */
  vat: { rate: number; gross: number; vat: number; net: number }[];
}

/** Öre as the backoffice writes them: "1 234,50 kr". */
function kr(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const magnitude = Math.abs(ore);
  const kronor = String(Math.floor(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${kronor},${String(magnitude % 100).padStart(2, '0')} kr`;
}

/** A register's local API (127.0.0.1), as the POS screen calls it. */
class Till {
  readonly receipts: Receipt[] = [];

  constructor(
    readonly name: string,
    readonly register: RegisterPc,
  ) {}

  async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(route, this.register.url), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${this.name}: ${method} ${route} → ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async signIn(username: string, pin: string): Promise<void> {
    // The register pulls its cashiers at its first contact with the server: wait for them.
    await expect
      .poll(
        async () => {
          const response = await fetch(new URL('/local/sign-in', this.register.url), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, pin }),
          });
          return response.status;
        },
        { timeout: 30_000 },
      )
      .toBe(200);
  }

  /** Waits until the register has pulled the catalogue (at its first contact with the server). */
  async catalogue(count: number): Promise<void> {
    await expect
      .poll(
        async () => {
          const answer = await this.call<{ products: unknown[] }>('GET', '/local/catalogue');
          return answer.products.length;
        },
        { timeout: 30_000, message: `${this.name} pulls the catalogue` },
      )
      .toBe(count);
  }

  async sell(
    lines: { articleNumber: string; quantity: number }[],
    tenders: (
      { method: 'cash'; tendered?: number } | { method: 'card' | 'swish'; amount?: number }
    )[],
  ): Promise<Receipt> {
    for (const line of lines) await this.call('POST', '/local/sale/lines', line);
    const sale = await this.call<{ total: number }>('GET', '/local/sale');
    const answer = await this.call<{ receipt: Receipt }>('POST', '/local/sale/pay', {
      tenders: tenders.map((tender) =>
        tender.method === 'cash'
          ? tender
          : { method: tender.method, amount: tender.amount ?? sale.total },
      ),
      delivery: 'electronic',
    });
    this.receipts.push(answer.receipt);
    return answer.receipt;
  }

  async giveBack(original: Receipt, lineNo: number, quantity: number): Promise<Receipt> {
    const answer = await this.call<{ receipt: Receipt }>('POST', '/local/returns', {
      originalReceiptNumber: original.receiptNumber,
      items: [{ lineNo, quantity }],
      refunds: [{ method: 'cash' }],
    });
    this.receipts.push(answer.receipt);
    return answer.receipt;
  }

  /** Waits until the server has acknowledged everything the register journaled. */
  async uploaded(): Promise<void> {
    await expect
      .poll(
        async () => {
          const status = await this.call<{ upload?: { pending: number; problem: unknown } }>(
            'GET',
            '/local/status',
          );
          return status.upload?.pending;
        },
        { timeout: 30_000, message: `${this.name} uploads its journal` },
      )
      .toBe(0);
  }
}

/** What the receipts come to, worked out here (returns count negative). */
function figures(receipts: readonly Receipt[]) {
  const sales = receipts.filter((receipt) => receipt.kind === 'sale');
  const returns = receipts.filter((receipt) => receipt.kind === 'return');
  const returned = returns.reduce((sum, receipt) => sum + Math.abs(receipt.total), 0);
  const salesTotal = sales.reduce((sum, receipt) => sum + receipt.total, 0);
  const byMethod = (method: Method) =>
    sales.reduce(
      (sum, receipt) =>
        sum + receipt.payments.filter((p) => p.method === method).reduce((s, p) => s + p.amount, 0),
      0,
    ) -
    returns.reduce(
      (sum, receipt) =>
        sum +
        receipt.payments
          .filter((p) => p.method === method)
          .reduce((s, p) => s + Math.abs(p.amount), 0),
      0,
    );
  const quantity = (articleNumber: string) =>
    sales.reduce(
      (sum, receipt) =>
        sum +
        receipt.lines
          .filter((line) => line.articleNumber === articleNumber)
          .reduce((s, line) => s + line.quantity, 0),
      0,
    ) -
    returns.reduce(
      (sum, receipt) =>
        sum +
        receipt.lines
          .filter((line) => line.articleNumber === articleNumber)
          .reduce((s, line) => s + Math.abs(line.quantity), 0),
      0,
    );
  // Gross per VAT rate, returns deducted (food is 6 % from April 2026, so rates follow the day).
  const vatGross = new Map<number, number>();
  for (const receipt of receipts) {
    const sign = receipt.kind === 'return' ? -1 : 1;
    for (const row of receipt.vat) {
      vatGross.set(row.rate, (vatGross.get(row.rate) ?? 0) + sign * Math.abs(row.gross));
    }
  }
  return {
    vatGross,
    receipts: sales.length,
    returns: returns.length,
    salesTotal,
    returned,
    net: salesTotal - returned,
    average: Math.round(salesTotal / sales.length),
    cash: byMethod('cash'),
    card: byMethod('card'),
    swish: byMethod('swish'),
    quantity,
  };
}

type SignedFetch = (method: 'GET' | 'POST', route: string, body: string) => Promise<Response>;

/** Requests signed with the PC's own device key, as its register signs them. */
async function signedFetchOf(pc: ConnectedPc): Promise<SignedFetch> {
  const register = JSON.parse(await readFile(path.join(pc.dataDir, 'register.json'), 'utf8')) as {
    url: string;
    bindingId: string;
  };
  const key = createPrivateKey(await readFile(path.join(pc.dataDir, 'device-key.pem'), 'utf8'));
  const signedFetch = async (method: 'GET' | 'POST', route: string, body: string) => {
    const timestamp = String(Date.now());
    const nonce = randomBytes(18).toString('base64url');
    const digest = createHash('sha256').update(body, 'utf8').digest('hex');
    const signature = sign(
      null,
      Buffer.from([method, route, timestamp, nonce, digest].join('\n'), 'utf8'),
      key,
    ).toString('base64');
    return fetch(`${register.url}${route}`, {
      method,
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        'x-kassa-protocol': '1',
        'x-kassa-binding': register.bindingId,
        'x-kassa-timestamp': timestamp,
        'x-kassa-nonce': nonce,
        'x-kassa-signature': signature,
      },
      ...(method === 'POST' ? { body } : {}),
    });
  };
  return signedFetch;
}

/**
 * Sends a journal batch signed with the PC's own device key whose first entry skips 40 sequence
 * numbers past the server's head: what a register whose journal mark was damaged would send.
 */
async function uploadWithGap(pc: ConnectedPc): Promise<{ status: number; code: string | null }> {
  const signedFetch = await signedFetchOf(pc);
  const head = (await (await signedFetch('GET', '/api/register/journal/head', '')).json()) as {
    acknowledgedSeq: number;
  };
  const entry = {
    seq: head.acknowledgedSeq + 41,
    at: new Date().toISOString(),
    kind: 'drawer-open',
    by: 'kassor',
    data: { reason: 'e2e' },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  };
  const response = await signedFetch(
    'POST',
    '/api/register/journal',
    JSON.stringify({ entries: [entry] }),
  );
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: answer.error?.code ?? null };
}

/**
 * Continues the server's copy of the PC's journal with an entry of a kind this version does not
 * know (what a newer register journals), chained as the journal defines it; the HTTP status.
 */
async function uploadUnknownKind(pc: ConnectedPc): Promise<number> {
  const signedFetch = await signedFetchOf(pc);
  const head = (await (await signedFetch('GET', '/api/register/journal/head', '')).json()) as {
    acknowledgedSeq: number;
    acknowledgedHash: string | null;
  };
  const prevHash = head.acknowledgedHash ?? '0'.repeat(64);
  const entry = {
    seq: head.acknowledgedSeq + 1,
    at: new Date().toISOString(),
    kind: 'hologram',
    by: 'kassor',
    data: { colour: 'blå' },
    prevHash,
  };
  const hash = createHash('sha256')
    .update(prevHash + canonical(entry), 'utf8')
    .digest('hex');
  const response = await signedFetch(
    'POST',
    '/api/register/journal',
    JSON.stringify({ entries: [{ ...entry, hash }] }),
  );
  return response.status;
}

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true): Promise<void> {
  const file = `${shots}/sales-dashboard-${name}.png`;
  // A full-page picture of a scrolled page draws the fixed header mid-page: start at the top.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function downloaded(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

test.describe('Försäljning, rapporter och synkhälsa i backoffice', () => {
  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  const pcs: ConnectedPc[] = [];
  const registers: RegisterPc[] = [];
  let counter: ScenarioTerminal;
  let bar: ScenarioTerminal;
  let disken: Till;
  let baren: Till;
  const cashier = { username: uniqueUsername('kassor'), displayName: 'Kim Kassör', pin: '4711' };
  const manager = { username: uniqueUsername('chef'), displayName: 'Maja Chef', pin: '8642' };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    backoffice = await startBackoffice();
    api = await RegisterScenarioApi.signIn(backoffice.url);
    counter = await api.createTerminal({ name: 'Disken', registerId: uniqueRegisterId('D') });
    bar = await api.createTerminal({ name: 'Baren', registerId: uniqueRegisterId('B') });
    for (const product of Object.values(products)) {
      await api.createProduct({ ...product, barcodes: [], group: null });
    }
    const both = [counter.id, bar.id];
    await api.createRegisterUser({ ...cashier, role: 'cashier', terminalIds: both });
    await api.createRegisterUser({ ...manager, role: 'manager', terminalIds: both });

    const started = await Promise.all(
      [
        { terminal: counter, hardwareId: 'e2e-dash-pc-1', pcName: 'KASSA-DISKEN' },
        { terminal: bar, hardwareId: 'e2e-dash-pc-2', pcName: 'KASSA-BAREN' },
      ].map(async ({ terminal, hardwareId, pcName }) => {
        const code = await api.pairingCode(terminal.id);
        const pc = await connectPc({
          hardwareId,
          pcName,
          args: ['--url', backoffice.url, '--code', code],
        });
        pcs.push(pc);
        // The built-in control-unit simulator, no printer (electronic receipts), Swish payee.
        await writeFile(
          path.join(pc.dataDir, 'settings.json'),
          JSON.stringify({ controlUnit: 'simulator', printer: 'none', swishPayee: '1231234567' }),
        );
        const register = await startRegister({ hardwareId, pcName, home: pc.home });
        registers.push(register);
        return { pc, register };
      }),
    );
    const [first, second] = started;
    if (first === undefined || second === undefined) throw new Error('two registers expected');
    disken = new Till('Disken', first.register);
    baren = new Till('Baren', second.register);

    // The counter: card, Swish, cash with öresavrundning, a return, then the manager's Z.
    await disken.signIn(cashier.username, cashier.pin);
    await disken.catalogue(Object.keys(products).length);
    const coffeeAndBun = await disken.sell(
      [
        { articleNumber: products.coffee.articleNumber, quantity: 2 },
        { articleNumber: products.bun.articleNumber, quantity: 1 },
      ],
      [{ method: 'card' }],
    );
    await disken.sell(
      [{ articleNumber: products.book.articleNumber, quantity: 1 }],
      [{ method: 'swish' }],
    );
    await disken.sell(
      [{ articleNumber: products.bun.articleNumber, quantity: 1 }],
      [{ method: 'cash', tendered: 5000 }],
    );
    const coffeeLine = coffeeAndBun.lines.find(
      (line) => line.articleNumber === products.coffee.articleNumber,
    );
    if (coffeeLine === undefined) throw new Error('the first receipt has no coffee line');
    await disken.giveBack(coffeeAndBun, coffeeLine.lineNo, 1);
    await disken.signIn(manager.username, manager.pin);
    await disken.call('POST', '/local/reports/z', { countedCash: 50_000 });

    // The bar: card and cash.
    await baren.signIn(cashier.username, cashier.pin);
    await baren.catalogue(Object.keys(products).length);
    await baren.sell(
      [{ articleNumber: products.coffee.articleNumber, quantity: 3 }],
      [{ method: 'card' }],
    );
    await baren.sell(
      [
        { articleNumber: products.coffee.articleNumber, quantity: 1 },
        { articleNumber: products.bun.articleNumber, quantity: 1 },
      ],
      [{ method: 'cash', tendered: 10_000 }],
    );

    await Promise.all([disken.uploaded(), baren.uploaded()]);

    // The bar's PC sends a batch with a gap: refused whole and flagged for the backoffice.
    const secondPc = pcs.find((pc) => pc.pcName === 'KASSA-BAREN');
    if (secondPc === undefined) throw new Error('the bar’s PC is missing');
    expect(await uploadWithGap(secondPc)).toEqual({ status: 409, code: 'journal-gap' });
  });

  test.afterAll(async () => {
    const results = await Promise.allSettled([...registers.map((r) => r.remove()), api?.dispose()]);
    results.push(
      ...(await Promise.allSettled([...pcs.map((pc) => pc.remove()), backoffice?.stop()])),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });

  test('the dashboard, the Z archive, the exports and sync health show what the registers sold', async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    const all = figures([...disken.receipts, ...baren.receipts]);
    const counterFigures = figures(disken.receipts);
    const barFigures = figures(baren.receipts);
    const app = new Backoffice(page);

    await test.step('sign in', async () => {
      await page.goto(backoffice.url);
      const login = new LoginPage(page);
      await expect(login.heading).toBeVisible();
      await login.signIn(admin.username, admin.password);
      await expect(app.menu()).toBeVisible();
    });

    const dashboard = new SalesDashboardPage(page);
    await test.step('Försäljning today: key figures and charts match the receipts', async () => {
      await app.open('Försäljning');
      await expect(dashboard.heading).toBeVisible();
      await expect(dashboard.period).toHaveValue('today');
      await dashboard.waitUntilLoaded();

      await expect(dashboard.keyFigure('Nettoförsäljning')).toContainText(kr(all.net));
      await expect(dashboard.keyFigure('Antal kvitton')).toContainText(String(all.receipts));
      await expect(dashboard.keyFigure('Antal kvitton')).toContainText(
        `${all.returns} returkvitton`,
      );
      await expect(dashboard.keyFigure('Snittkvitto')).toContainText(kr(all.average));
      await expect(dashboard.keyFigure('Returer')).toContainText(kr(all.returned));

      expect(await dashboard.chartAmounts('Per terminal')).toEqual(
        new Map([
          [`Disken (${counter.registerId})`, kr(counterFigures.net)],
          [`Baren (${bar.registerId})`, kr(barFigures.net)],
        ]),
      );
      const payments = await dashboard.chartAmounts('Betalsätt');
      expect(payments.get('Kontant')).toBe(kr(all.cash));
      expect(payments.get('Kort')).toBe(kr(all.card));
      expect(payments.get('Swish')).toBe(kr(all.swish));
      const days = await dashboard.chartAmounts('Försäljning per dag');
      expect([...days.values()]).toEqual([kr(all.net)]);

      // The charts are drawn: a bar per terminal, a slice per payment method.
      await expect(dashboard.drawn('Per terminal')).toHaveCount(2);
      await expect(dashboard.drawn('Betalsätt')).toHaveCount(3);
      await expect(dashboard.drawn('Försäljning per timme').first()).toBeVisible();

      const vat = await tableAmounts(
        dashboard.card('Moms per momssats').getByRole('table', { name: 'Moms per momssats' }),
        3,
      );
      const rates = [...all.vatGross.keys()].sort((a, b) => b - a);
      expect([...vat.keys()]).toEqual(rates.map((rate) => `${rate / 100} %`));
      for (const rate of rates) {
        expect(vat.get(`${rate / 100} %`)).toBe(kr(all.vatGross.get(rate) ?? 0));
      }

      const productRows = await dashboard.tableRows('Produktrapport');
      const coffee = productRows.find((row) => row.label.startsWith(products.coffee.name));
      expect(coffee?.cells[0]).toBe(`${all.quantity(products.coffee.articleNumber)} st`);
      const cashiers = await dashboard.tableRows('Kassörsrapport');
      expect(cashiers.map((row) => row.label)).toEqual([
        `${cashier.displayName}${cashier.username}`,
      ]);
      await shot(page, testInfo, '1-forsaljning');
    });

    await test.step('sorting the product report and its CSV', async () => {
      await dashboard.sortBy('Produktrapport', 'Produkt');
      const byName = (await dashboard.tableRows('Produktrapport')).map((row) => row.label);
      expect(byName.map((label) => label.replace(/[A-Z]{3}-\d$/, ''))).toEqual([
        products.coffee.name,
        products.bun.name,
        products.book.name,
      ]);
      // The registers sell on the built-in simulator: the files leave those receipts out unless asked.
      const without = await dashboard.downloadCsv('Produktrapport');
      expect((await downloaded(without)).toString('utf8')).not.toContain(products.book.name);
      await page
        .getByRole('checkbox', { name: 'Ta med kvitton från en simulerad kontrollenhet i filerna' })
        .check();
      const csv = await dashboard.downloadCsv('Produktrapport');
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      const text = (await downloaded(csv)).toString('utf8');
      expect(text).toContain(products.book.name);
    });

    await test.step('one terminal: the figures follow the filter', async () => {
      await dashboard.terminal.selectOption({ label: `Baren (${bar.registerId})` });
      await dashboard.waitUntilLoaded();
      await expect(dashboard.keyFigure('Nettoförsäljning')).toContainText(kr(barFigures.net));
      await expect(dashboard.keyFigure('Antal kvitton')).toContainText(String(barFigures.receipts));
      expect(await dashboard.chartAmounts('Per terminal')).toEqual(
        new Map([[`Baren (${bar.registerId})`, kr(barFigures.net)]]),
      );
      await dashboard.terminal.selectOption({ label: 'Alla terminaler' });
      await dashboard.waitUntilLoaded();
      await expect(dashboard.keyFigure('Nettoförsäljning')).toContainText(kr(all.net));
    });

    await test.step('an empty period says what to do', async () => {
      await dashboard.period.selectOption({ label: 'Förra månaden' });
      await dashboard.waitUntilLoaded();
      await expect(
        page.getByRole('status').filter({ hasText: 'Inga sålda kvitton' }),
      ).toContainText('Kassorna laddar upp sin försäljning automatiskt');

      // Custom dates: a reversed period is explained, a valid one reported.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(
        new Date(),
      );
      await dashboard.period.selectOption({ label: 'Eget datumintervall' });
      const from = dashboard.filters.getByLabel('Från och med');
      const to = dashboard.filters.getByLabel('Till och med');
      await from.fill(today);
      await to.fill('2020-01-01');
      await expect(dashboard.filters).toContainText(
        'Från-datumet ska vara före eller samma som till-datumet.',
      );
      await to.fill(today);
      await dashboard.waitUntilLoaded();
      await expect(dashboard.periodText).toHaveText(`Försäljningsdag ${today}`);
      await expect(dashboard.keyFigure('Nettoförsäljning')).toContainText(kr(all.net));
      await dashboard.period.selectOption({ label: 'Idag' });
      await dashboard.waitUntilLoaded();
    });

    await test.step('in English', async () => {
      await app.switchLanguage('en');
      await expect(page.getByRole('heading', { name: 'Sales', level: 1 })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Net sales', exact: true })).toContainText(
        kr(all.net),
      );
      await expect(page.getByRole('region', { name: 'Payment methods' })).toBeVisible();
      await app.switchLanguage('sv');
    });

    const reports = new ReportsPage(page);
    await test.step('Rapporter: the counter’s Z-report in the archive, with all its figures', async () => {
      await app.open('Rapporter');
      await expect(reports.heading).toBeVisible();
      const row = reports.zRow(counter.registerId, 1);
      await expect(row).toContainText(kr(counterFigures.net));
      await expect(row).toContainText(String(counterFigures.receipts));
      const drawer = await reports.openZ(counter.registerId, 1, 'Disken');
      await expect(reports.zValue(drawer, 'Total försäljning')).toHaveText(
        kr(counterFigures.salesTotal),
      );
      await expect(reports.zValue(drawer, 'Nettoförsäljning')).toHaveText(kr(counterFigures.net));
      await expect(reports.zValue(drawer, 'Antal kvitton')).toHaveText(
        String(counterFigures.receipts),
      );
      await expect(reports.zValue(drawer, 'Returer (antal · belopp)')).toHaveText(
        `1 · ${kr(counterFigures.returned)}`,
      );
      await expect(reports.zValue(drawer, 'Räknat i kassalådan')).toHaveText(kr(50_000));
      await shot(page, testInfo, '2-z-rapport', false);
      const pdf = await reports.download(drawer, 'PDF');
      expect((await downloaded(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
    });

    await test.step('journal export and SIE file', async () => {
      await reports.journal
        .getByRole('combobox', { name: 'Terminal' })
        .selectOption({ label: `Disken (${counter.registerId})` });
      await reports.journal.getByRole('combobox', { name: 'Period' }).selectOption('today');
      const journal = await reports.download(reports.journal, 'Ladda ner journal (XML)');
      const xml = (await downloaded(journal)).toString('utf8');
      expect(xml).toMatch(/^<\?xml/);
      expect(xml).toContain(counter.registerId);

      await reports.sie.getByRole('combobox', { name: 'Period' }).selectOption('today');
      await reports.sie
        .getByRole('checkbox', { name: 'Ta med kvitton från en simulerad kontrollenhet i filerna' })
        .check();
      const sie = await reports.download(reports.sie, 'Ladda ner SIE-fil');
      const sieText = (await downloaded(sie)).toString('latin1');
      expect(sieText).toContain('#SIETYP 4');
      expect(sieText).toContain('#VER');
      await shot(page, testInfo, '3-rapporter');
    });

    const terminals = new TerminalsPage(page);
    await test.step('Terminaler: sync health, the flagged problem acknowledged', async () => {
      await app.open('Terminaler och kassor');
      const overview = page.getByRole('region', { name: 'Kassornas synkronisering' });
      await expect(overview.getByRole('group', { name: 'Synkproblem', exact: true })).toContainText(
        '1',
      );
      await expect(overview).toContainText('Kassor med synkproblem');
      await expect(overview).toContainText('Baren');
      const barRow = terminals.row(bar.registerId);
      await expect(barRow).toContainText('Synkproblem');
      await expect(barRow).toContainText('Simulerad kontrollenhet – ej certifierad');
      await expect(terminals.row(counter.registerId)).toContainText('Allt uppladdat');
      await shot(page, testInfo, '4-terminaler');

      const drawer = await terminals.openDetails('Baren');
      const sync = drawer.getByRole('region', { name: 'Synkronisering' });
      await expect(sync.getByRole('alert')).toContainText('Synkproblem');
      await expect(sync).toContainText('Simulerad kontrollenhet – ej certifierad');
      await sync.scrollIntoViewIfNeeded();
      await shot(page, testInfo, '5-synkproblem', false);
      await sync.getByRole('button', { name: 'Kvittera' }).click();
      await expect(terminals.notice('Synkproblemet för Baren är kvitterat.')).toBeVisible();
      await expect(sync.getByRole('alert')).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(terminals.row(bar.registerId)).not.toContainText('Synkproblem');
    });

    await test.step('Inställningar: the SIE account plan', async () => {
      await app.open('Inställningar');
      const accounting = page.getByRole('region', { name: 'Bokföring (SIE)' });
      const card = accounting.getByRole('textbox', {
        name: 'Kontonummer för Kortbetalningar (fordran på kortinlösaren)',
      });
      await expect(card).toHaveValue('1580');
      await card.fill('158');
      await accounting.getByRole('button', { name: 'Spara' }).click();
      await expect(accounting).toContainText('Ange 4–6 siffror');
      await card.fill('1581');
      await accounting.getByRole('button', { name: 'Spara' }).click();
      await expect(accounting.getByRole('status')).toContainText('Kontona är sparade.');
      await page.reload();
      await expect(card).toHaveValue('1581');
      await shot(page, testInfo, '6-bokforing');
    });

    // Last: the bar's register no longer matches the server's copy after this.
    await test.step('Rapporter: an entry the export cannot write as journaled is listed as a deviation', async () => {
      const barPc = pcs.find((pc) => pc.pcName === 'KASSA-BAREN');
      if (barPc === undefined) throw new Error('the bar’s PC is missing');
      await baren.uploaded();
      expect(await uploadUnknownKind(barPc)).toBe(200);
      await app.open('Rapporter');
      await reports.journal
        .getByRole('combobox', { name: 'Terminal' })
        .selectOption({ label: `Baren (${bar.registerId})` });
      await reports.journal.getByRole('combobox', { name: 'Period' }).selectOption('today');
      const deviations = reports.journal.getByRole('alert');
      await expect(deviations).toContainText('Avvikelser i exporten: 1');
      await expect(deviations).toContainText('hologram');
      const journal = await reports.download(reports.journal, 'Ladda ner journal (XML)');
      const xml = (await downloaded(journal)).toString('utf8');
      expect(xml).toContain('<!-- AVVIKELSE');
      expect(xml).toContain('Okänd händelse');
      await deviations.scrollIntoViewIfNeeded();
      await shot(page, testInfo, '7-avvikelser', false);
    });
  });
});
