import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, request, test } from '@playwright/test';
import { RegisterSignInScreen } from '../pages/RegisterSignInScreen';
import { SalesScreen } from '../pages/SalesScreen';
import { ean13 } from '../support/ean';
import {
  RegisterScenarioApi,
  connectPc,
  startBackoffice,
  startRegister,
  type BackofficeServer,
  type ConnectedPc,
  type RegisterPc,
} from '../support/register';
import { admin, uniqueRegisterId, uniqueUsername } from '../support/server';

// A catalogue larger than the POS holds in the page (more than 500 articles, docs/adr/0015): the
// register searches its copy and the grid shows a page of 60 tiles at a time, with how many there
// are; a search, a scanned barcode and "Visa fler" still reach every article. On real parts: a
// backoffice of its own, the catalogue imported as one CSV file, `kassa connect` and `kassa start`.

const COUNT = 1_200;
const name = (i: number) =>
  `${i % 2 === 0 ? 'Ölglas' : 'Saftglas'} nr ${String(i).padStart(4, '0')}`;
const barcode = (i: number) => ean13(`7310${String(i).padStart(8, '0')}`);

test.describe('Kassan med en stor katalog', () => {
  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  let pc: ConnectedPc;
  let register: RegisterPc;
  const cashier = { username: uniqueUsername('kassor'), displayName: 'Kim Kassör', pin: '4711' };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    backoffice = await startBackoffice();
    api = await RegisterScenarioApi.signIn(backoffice.url);
    const terminal = await api.createTerminal({
      name: 'Disken',
      registerId: uniqueRegisterId('L'),
    });
    await api.createRegisterUser({ ...cashier, role: 'cashier', terminalIds: [terminal.id] });

    const context = await request.newContext({ baseURL: backoffice.url });
    await context.post('/api/auth/login', {
      data: { username: admin.username, password: admin.password },
    });
    const { csrfToken } = (await (await context.get('/api/auth/me')).json()) as {
      csrfToken: string;
    };
    const rows = Array.from(
      { length: COUNT },
      (_, i) =>
        `L${String(i).padStart(5, '0')};${name(i)};${barcode(i)};${10 + (i % 90)},00;standard;vara;${i % 2 === 0 ? 'Glas' : 'Saft'};ja`,
    );
    const imported = await context.post('/api/products/import', {
      data: {
        csv: ['artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv', ...rows].join('\n'),
      },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(imported.status(), await imported.text()).toBe(200);
    await context.dispose();

    const hardware = { hardwareId: 'e2e-large-catalogue-pc', pcName: 'KASSA-STOR' };
    const code = await api.pairingCode(terminal.id);
    pc = await connectPc({ ...hardware, args: ['--url', backoffice.url, '--code', code] });
    await writeFile(
      path.join(pc.dataDir, 'settings.json'),
      JSON.stringify({ controlUnit: 'simulator', printer: path.join(pc.home, 'skrivare.bin') }),
    );
    register = await startRegister({ ...hardware, home: pc.home });
    await expect
      .poll(
        async () => {
          const text = await readFile(path.join(pc.dataDir, 'catalogue.json'), 'utf8').catch(
            () => '{"products":[]}',
          );
          return (JSON.parse(text) as { products: unknown[] }).products.length;
        },
        { timeout: 60_000 },
      )
      .toBe(COUNT);
  });

  test.afterAll(async () => {
    const results = await Promise.allSettled([register?.remove(), api?.dispose()]);
    results.push(...(await Promise.allSettled([pc?.remove(), backoffice?.stop()])));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });

  test('the grid shows a page of tiles; search, a scanned barcode and "Visa fler" reach every article', async ({
    page,
  }) => {
    const sales = new SalesScreen(page);
    await page.goto(register.url);
    await new RegisterSignInScreen(page).signInWithKeypad(cashier.username, cashier.pin);
    await expect(sales.signedInAs(cashier.displayName)).toBeVisible();

    const tiles = sales.products.locator('.product-button');
    await expect(tiles).toHaveCount(60);
    await expect(sales.products).toContainText(
      /Visar 60 av 1\s200 produkter\. Sök för att hitta fler\./,
    );
    await sales.products.getByRole('button', { name: 'Visa fler' }).click();
    await expect(tiles).toHaveCount(120);
    await expect(sales.products).toContainText(/Visar 120 av 1\s200 produkter\./);

    // A group tab: the register answers that group's first page.
    await sales.products.getByRole('tab', { name: 'Saft' }).click();
    await expect(tiles).toHaveCount(60);
    await expect(sales.products).toContainText('Visar 60 av 600 produkter.');
    await expect(sales.product(name(1))).toBeVisible();
    await expect(sales.product(name(0))).toHaveCount(0);

    // A search in capitals finds the one article; Enter adds it.
    await sales.search.fill('ÖLGLAS 1044');
    await expect(tiles).toHaveCount(1);
    await expect(sales.product(name(1044))).toBeVisible();
    await sales.search.press('Enter');
    await expect(sales.line(name(1044))).toBeVisible();

    // A scanned barcode far beyond the first pages.
    await sales.scan(barcode(1_151));
    await expect(sales.line(name(1_151))).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/register-large-catalogue.png' });
  });
});
