import { expect, test, type Page } from '@playwright/test';
import { AuditLogPage } from '../pages/AuditLogPage';
import { adminMenu, Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { TerminalsPage } from '../pages/TerminalsPage';
import { UsersPage } from '../pages/UsersPage';
import { AdminApi } from '../support/api';
import { admin, uniqueRegisterId, uniqueUsername } from '../support/server';

const notConnected = 'Terminalen är inte ansluten till någon hårdvara';
const notRegistered = 'Ej registrerad hos Skatteverket';

async function signIn(page: Page, username: string = admin.username, password = admin.password) {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(username, password);
  const app = new Backoffice(page);
  await expect(app.menu()).toBeVisible();
  return app;
}

// These scenarios share the environment's terminal licence (and fill it up), so they run one
// after the other; each arranges the licence room it needs, also when retried.
test.describe('Terminaler och kassor', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });

  let api: AdminApi;
  test.beforeAll(async () => {
    api = await AdminApi.signIn();
  });
  test.afterAll(async () => {
    await api.dispose();
  });

  test('admin creates a terminal, copies the Skatteverket details and registers it', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await api.freeTerminalSlots(1);
    const registerId = uniqueRegisterId('K');
    const name = `Disken ${registerId}`;

    const app = await signIn(page);
    await app.open('Terminaler och kassor');
    const terminals = new TerminalsPage(page);
    await expect(terminals.heading).toBeVisible();
    await expect(terminals.licence).toContainText(/\d+ av \d+ licensierade terminaler används/);

    await terminals.fillCreateForm({ name, registerId: registerId.toLowerCase() });
    await terminals.submitCreateForm();
    await expect(terminals.createDialog).toBeHidden();
    await expect(terminals.notice(`Terminalen ${name} skapades.`)).toBeVisible();

    // A new terminal: no hardware yet, and not registered with Skatteverket.
    const row = terminals.row(registerId);
    await expect(row).toContainText(name);
    await expect(row.getByText(notConnected, { exact: true })).toBeVisible();
    await expect(row.getByText(notRegistered, { exact: true })).toBeVisible();
    await expect(row).toContainText('Aldrig');
    await expect(row).toContainText('Aktiv');
    await page.screenshot({ path: 'test-results/screenshots/terminals-page.png', fullPage: true });

    const created = await api.terminalByRegisterId(registerId);
    expect(created.warnings).toEqual(['not-registered']);

    // The Skatteverket panel lists exactly the e-service's fields, each with a copy button.
    const drawer = await terminals.openDetails(name);
    await expect(drawer.getByRole('alert').filter({ hasText: notRegistered })).toBeVisible();
    const skatteverket = drawer.getByRole('region', { name: 'Skatteverket', exact: true });
    await expect(skatteverket.getByRole('term')).toHaveText([
      'Företagsnamn',
      'Organisationsnummer',
      'Adress där kassan används',
      'Kassabeteckning',
      'Modellbeteckning',
      'Programversion',
      'Tillverkningsnummer',
      'Kontrollenhetens tillverkningsnummer',
    ]);
    const values = skatteverket.getByRole('definition');
    await expect(values.nth(3)).toContainText(registerId);
    await expect(values.nth(4)).toContainText('SE');
    await expect(values.nth(6)).toContainText(created.serialNumber);
    await expect(values.nth(7)).toContainText('Inte angivet ännu');
    const environment = await api.environment();
    await expect(values.nth(0)).toContainText(environment.companyName);
    await expect(values.nth(1)).toContainText(environment.organisationNumber);

    const copySerial = skatteverket.getByRole('button', { name: 'Kopiera Tillverkningsnummer' });
    await copySerial.click();
    await expect(copySerial).toHaveText('Kopierat');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.serialNumber);
    await skatteverket.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/terminal-skatteverket.png' });

    // Registering it with Skatteverket takes the warning away.
    const registration = drawer.getByRole('region', { name: 'Registrering hos Skatteverket' });
    await registration
      .getByRole('textbox', { name: 'Kontrollenhetens tillverkningsnummer' })
      .fill('CU-2026-0042');
    await registration.getByRole('combobox', { name: 'Status' }).selectOption({
      label: 'Registrerad',
    });
    await registration.getByLabel('Registreringsdatum').fill('2026-11-20');
    await registration.getByRole('button', { name: 'Spara registrering' }).click();
    await expect(registration.getByRole('status')).toHaveText('Registreringen är sparad.');
    await expect(values.nth(7)).toContainText('CU-2026-0042');
    await expect(drawer.getByText(notRegistered)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/terminal-registered.png' });

    await drawer.getByRole('button', { name: 'Stäng' }).click();
    await expect(drawer).toBeHidden();
    await expect(row.getByText(notRegistered)).toHaveCount(0);
    await expect(row).toContainText('Registrerad');
    expect((await api.terminalByRegisterId(registerId)).warnings).toEqual([]);
  });

  test('one terminal more than the licence allows is refused, in the user’s language', async ({
    page,
  }) => {
    await api.fillLicence(() => uniqueRegisterId('L'));
    const licence = await api.licence();
    expect(licence.activeTerminals).toBe(licence.terminals);

    const app = await signIn(page);
    await app.open('Terminaler och kassor');
    const terminals = new TerminalsPage(page);
    await expect(terminals.licence).toContainText(
      `${licence.terminals} av ${licence.terminals} licensierade terminaler används`,
    );
    await expect(terminals.licence).toContainText('Kontakta Kassa för att utöka licensen');

    const registerId = uniqueRegisterId('F');
    await terminals.fillCreateForm({ name: `För mycket ${registerId}`, registerId });
    const answer = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/terminals') && response.request().method() === 'POST',
    );
    await terminals.submitCreateForm();
    const response = await answer;
    expect(response.status()).toBe(409);
    const body = (await response.json()) as {
      error: { code: string; sv: string; en: string; details: { licensed: number } };
    };
    expect(body.error.code).toBe('licence-full');
    expect(body.error.details.licensed).toBe(licence.terminals);
    await expect(terminals.createDialog.getByRole('alert')).toContainText(body.error.sv);
    await page.screenshot({ path: 'test-results/screenshots/licence-full.png', fullPage: true });

    // The same refusal in English after switching language.
    await terminals.createDialog.getByRole('button', { name: 'Avbryt' }).click();
    await app.switchLanguage('en');
    await expect(page.getByRole('region', { name: 'Licence' })).toContainText(
      `${licence.terminals} of ${licence.terminals} licensed terminals in use`,
    );
    await page.getByRole('button', { name: 'New terminal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New terminal' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(`Too many ${registerId}`);
    await dialog.getByRole('textbox', { name: /^Register ID/ }).fill(registerId);
    await dialog.getByRole('button', { name: 'Create terminal' }).click();
    await expect(dialog.getByRole('alert')).toContainText(body.error.en);
    await page.screenshot({ path: 'test-results/screenshots/licence-full-en.png' });

    expect((await api.licence()).activeTerminals).toBe(licence.terminals);
  });

  test('admin renames and deactivates a terminal, and the audit log shows what happened', async ({
    page,
  }) => {
    await api.freeTerminalSlots(1);
    const registerId = uniqueRegisterId('A');
    const name = `Baren ${registerId}`;
    await api.createTerminal({ name, registerId });

    const app = await signIn(page);
    await app.open('Terminaler och kassor');
    const terminals = new TerminalsPage(page);

    await page.getByRole('button', { name: `Åtgärder för ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Byt namn eller flytta' }).click();
    const edit = page.getByRole('dialog', { name: `Ändra ${name}` });
    await expect(edit.getByRole('textbox', { name: 'Kassabeteckning' })).toHaveAttribute(
      'readonly',
    );
    const renamed = `Baren uppe ${registerId}`;
    await edit.getByRole('textbox', { name: 'Namn' }).fill(renamed);
    await edit.getByRole('button', { name: 'Spara' }).click();
    await expect(edit).toBeHidden();
    await expect(terminals.notice(`Terminalen ${renamed} är ändrad.`)).toBeVisible();
    await expect(terminals.row(registerId)).toContainText(renamed);

    await page.getByRole('button', { name: `Åtgärder för ${renamed}` }).click();
    await page.getByRole('menuitem', { name: 'Inaktivera' }).click();
    const confirm = page.getByRole('dialog', { name: `Inaktivera ${renamed}?` });
    await confirm.getByRole('button', { name: 'Inaktivera' }).click();
    await expect(confirm).toBeHidden();
    await expect(terminals.row(registerId)).toContainText('Inaktiv');
    // Inactive terminals are not warned about.
    await expect(terminals.row(registerId).getByText(notRegistered)).toHaveCount(0);

    await app.open('Granskningslogg');
    const audit = new AuditLogPage(page);
    await expect(audit.heading).toBeVisible();
    const target = `Terminal ${renamed} (${registerId})`;
    const created = audit.entries('Terminal skapad', target);
    await expect(created).toHaveCount(1);
    await expect(created).toContainText(admin.username);
    await expect(created.getByRole('cell').first()).toHaveText(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    await expect(audit.entries('Terminal ändrad', target)).toContainText(
      `Namn: ${name} → ${renamed}`,
    );
    await expect(audit.entries('Terminal inaktiverad', target)).toContainText('Aktiv: Ja → Nej');
    await page.screenshot({ path: 'test-results/screenshots/audit-log.png' });
  });

  test('admin sets a cashier’s PIN and the terminals the cashier may sign in at', async ({
    page,
  }) => {
    let terminal = (await api.terminals()).find((t) => t.active);
    if (terminal === undefined) {
      await api.freeTerminalSlots(1);
      const registerId = uniqueRegisterId('C');
      terminal = await api.createTerminal({ name: `Kassa ${registerId}`, registerId });
    }
    const terminalLabel = `${terminal.name} (${terminal.registerId})`;
    const cashier = await api.createUser({
      username: uniqueUsername('kassor'),
      displayName: 'Kim Kassör',
      role: 'cashier',
      password: 'kassörens-lösenord-1',
    });

    const app = await signIn(page);
    await app.open('Användare');
    const users = new UsersPage(page);
    const row = users.row(cashier.username);
    await expect(row).toContainText('Ingen PIN');
    await expect(row).toContainText('Inga terminaler');

    await users.rowAction(cashier.username, 'Sätt PIN-kod');
    const pinDialog = page.getByRole('dialog', { name: `Sätt PIN-kod för ${cashier.username}` });
    const pin = pinDialog.getByRole('textbox', { name: 'PIN-kod' });
    await pin.fill('12a');
    await pinDialog.getByRole('button', { name: 'Sätt PIN-kod' }).click();
    await expect(pinDialog).toContainText('PIN-koden ska vara 4–8 siffror.');
    await pin.fill('4711');
    await pinDialog.getByRole('button', { name: 'Sätt PIN-kod' }).click();
    await expect(pinDialog).toBeHidden();
    await expect(row).toContainText('PIN satt');

    await users.rowAction(cashier.username, 'Välj terminaler');
    const terminalsDialog = page.getByRole('dialog', {
      name: `Terminaler för ${cashier.username}`,
    });
    const picker = terminalsDialog.getByRole('combobox', { name: 'Terminaler' });
    await picker.click();
    await page.getByRole('option', { name: terminalLabel, exact: true }).click();
    await page.screenshot({ path: 'test-results/screenshots/cashier-terminals.png' });
    // Escape closes the open list only, not the dialog.
    await picker.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(terminalsDialog).toBeVisible();
    await expect(terminalsDialog).toContainText(terminalLabel);
    await terminalsDialog.getByRole('button', { name: 'Spara' }).click();
    await expect(terminalsDialog).toBeHidden();
    await expect(row).toContainText(terminalLabel);
    await page.screenshot({ path: 'test-results/screenshots/users-cashier.png', fullPage: true });

    const saved = await api.user(cashier.id);
    expect(saved.hasPin).toBe(true);
    expect(saved.terminalIds).toEqual([terminal.id]);
  });

  test('a store manager sees the terminals but cannot change them', async ({ page }) => {
    const manager = await api.createUser({
      username: uniqueUsername('chef'),
      displayName: 'Maja Chef',
      role: 'manager',
      password: 'chefens-lösenord-1',
    });
    const [terminal] = await api.terminals();

    const app = await signIn(page, manager.username, 'chefens-lösenord-1');
    await expect(app.navLink('Granskningslogg')).toHaveCount(0);
    await app.open('Terminaler och kassor');
    const terminals = new TerminalsPage(page);
    await expect(terminals.licence).toContainText('licensierade terminaler används');
    await expect(app.main.getByText('Bara administratörer kan ändra dem.')).toBeVisible();
    await expect(terminals.createButton).toHaveCount(0);
    if (terminal !== undefined) {
      await expect(page.getByRole('button', { name: `Åtgärder för ${terminal.name}` })).toHaveCount(
        0,
      );
      const drawer = await terminals.openDetails(terminal.name);
      await expect(drawer.getByRole('region', { name: 'Skatteverket', exact: true })).toContainText(
        terminal.serialNumber,
      );
      await expect(drawer.getByRole('button', { name: 'Spara registrering' })).toHaveCount(0);
    }

    // The audit log is for administrators only, also by address.
    await page.goto('/audit-log');
    await expect(app.main.getByText('Bara administratörer kan se den här sidan.')).toBeVisible();
  });
});

test('the menu follows the licensed modules', async ({ page }) => {
  let modules: string[] = [];
  await page.route('**/api/licence', async (route) => {
    const response = await route.fetch();
    const licence = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...licence, modules } });
  });

  const app = await signIn(page);
  const without = (...hidden: string[]) => adminMenu.sv.filter((label) => !hidden.includes(label));
  await expect(app.menu().getByRole('link')).toHaveText(
    without('Produkter', 'Försäljning', 'Rapporter'),
  );
  await page.goto('/products');
  await expect(app.main.getByText('ingår inte i er licens')).toBeVisible();

  modules = ['products'];
  await page.reload();
  await expect(app.menu().getByRole('link')).toHaveText(without('Försäljning', 'Rapporter'));

  modules = ['reports', 'exports'];
  await page.reload();
  await expect(app.menu().getByRole('link')).toHaveText(without('Produkter'));
  await app.open('Rapporter');
  await expect(app.main.getByRole('region', { name: 'Z-rapporter' })).toBeVisible();
});
