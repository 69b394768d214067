import { expect, test, type Page } from '@playwright/test';
import { Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { admin } from '../support/server';

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.toUpperCase();

function productRow(page: Page, articleNumber: string) {
  return page
    .getByRole('table', { name: 'Artiklar' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: articleNumber, exact: true }) });
}

test('admin creates a product, changes its price and imports a CSV file', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(admin.username, admin.password);
  const app = new Backoffice(page);
  await app.open('Produkter');
  await expect(page.getByRole('heading', { level: 1, name: 'Produkter' })).toBeVisible();

  // Ny artikel: the price is typed in kronor.
  const id = unique();
  const articleNumber = `KAF-${id}`;
  await page.getByRole('button', { name: 'Ny artikel' }).click();
  const create = page.getByRole('dialog', { name: 'Ny artikel' });
  await create.getByLabel('Artikelnummer').fill(articleNumber);
  await create.getByLabel('Namn').fill('Kaffe bryggt');
  await create.getByLabel('Pris (kr)').fill('35,00');
  await create
    .getByRole('combobox', { name: 'Momskategori' })
    .selectOption({ label: 'Restaurang' });
  await create.getByLabel('Grupp').fill('Dryck');
  await create.getByLabel('Streckkoder').fill('7310865004703');
  await create.getByRole('button', { name: 'Skapa artikel' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByRole('status')).toContainText(`Artikeln ${articleNumber} har skapats.`);
  const row = productRow(page, articleNumber);
  await expect(row).toContainText('Kaffe bryggt');
  await expect(row).toContainText('7310865004703');
  await expect(row).toContainText('Restaurang');
  await expect(row).toContainText('35,00 kr');
  await expect(row).toContainText('Aktiv');

  // Ändra pris from today (the default date).
  await row.getByRole('button', { name: `Åtgärder för ${articleNumber}` }).click();
  await page.getByRole('menuitem', { name: 'Ändra pris' }).click();
  const price = page.getByRole('dialog', { name: `Ändra pris för ${articleNumber}` });
  // Not a price, and a day before today: both said before anything is sent.
  const from = price.getByLabel('Gäller från');
  const today = await from.inputValue();
  await price.getByLabel('Nytt pris (kr)').fill('trettio');
  await from.fill('2020-01-01');
  await price.getByRole('button', { name: 'Spara' }).click();
  await expect(price).toContainText('Skriv priset i kronor, till exempel 35,00.');
  await expect(price).toContainText('Välj ett datum från och med i dag.');
  await from.fill(today);
  await price.getByLabel('Nytt pris (kr)').fill('39,50');
  await price.getByRole('button', { name: 'Spara' }).click();
  await expect(price).toBeHidden();
  await expect(row).toContainText('39,50 kr');
  await expect(row).not.toContainText('kr/kg');

  // Redigera: sold by the kilogram from now on, the list shows the price per kilogram.
  await row.getByRole('button', { name: `Åtgärder för ${articleNumber}` }).click();
  await page.getByRole('menuitem', { name: 'Redigera' }).click();
  const edit = page.getByRole('dialog', { name: `Redigera ${articleNumber}` });
  const unit = edit.getByRole('combobox', { name: 'Enhet' });
  await expect(unit).toHaveValue('piece');
  await unit.selectOption({ label: 'Kilo (pris per kg)' });
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('39,50 kr/kg');

  // Importera CSV: a bad row is reported and nothing is saved; fixed, it is imported.
  const bulle = `BUL-${id}`;
  const kaka = `KAK-${id}`;
  const header = 'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv;enhet';
  const good = `${bulle};Kanelbulle;;25,00;livsmedel;vara;Fika;ja;st`;
  await page.getByRole('button', { name: 'Importera CSV' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Importera CSV' });
  const csv = importDialog.getByLabel('CSV-text');
  await csv.fill([header, good, `${kaka};Kaka;;trettio;livsmedel;vara;Fika;ja;kg`].join('\n'));
  await importDialog.getByRole('button', { name: 'Kontrollera' }).click();
  const report = importDialog.getByRole('table', { name: 'Fel i importen' });
  await expect(report).toBeVisible();
  await expect(importDialog).toContainText('ingenting har sparats');
  const badRow = report.getByRole('row').filter({ hasText: 'pris' });
  await expect(badRow.getByRole('cell').first()).toHaveText('3');
  await expect(importDialog.getByRole('button', { name: 'Importera', exact: true })).toHaveCount(0);

  await csv.fill([header, good, `${kaka};Kaka;;30,00;livsmedel;vara;Fika;ja;kg`].join('\n'));
  await importDialog.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(importDialog).toContainText('2 nya, 0 ändrade, 0 oförändrade');
  await importDialog.getByRole('button', { name: 'Importera', exact: true }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Importen är klar: 2 nya');
  await expect(productRow(page, bulle)).toContainText('25,00 kr');
  await expect(productRow(page, bulle)).not.toContainText('kr/kg');
  await expect(productRow(page, kaka)).toContainText('30,00 kr/kg');
  await expect(productRow(page, kaka)).toContainText('Livsmedel');

  // Search narrows the table.
  await page.getByLabel('Sök artikel').fill('kanel');
  await expect(productRow(page, bulle)).toBeVisible();
  await expect(productRow(page, kaka)).toHaveCount(0);
  await page.getByLabel('Sök artikel').fill('');

  await page.screenshot({ path: 'test-results/screenshots/products.png', fullPage: true });
});
