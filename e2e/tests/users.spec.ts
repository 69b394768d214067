import { expect, test } from '@playwright/test';
import { Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { UsersPage } from '../pages/UsersPage';
import { AdminApi } from '../support/api';
import { admin, uniqueUsername } from '../support/server';

test('admin creates a user in Användare and it appears in the list', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(admin.username, admin.password);

  const app = new Backoffice(page);
  await app.open('Användare');
  const users = new UsersPage(page);
  await expect(users.heading).toBeVisible();
  await expect(users.row(admin.username)).toContainText('Administratör');

  const username = uniqueUsername('butikschef');
  await users.createUser({
    username,
    displayName: 'Maja Lindqvist',
    role: 'Butikschef',
    password: 'ett-långt-lösenord-1',
  });

  await expect(users.notice).toContainText(username);
  const row = users.row(username);
  await expect(row).toBeVisible();
  await expect(row).toContainText('Maja Lindqvist');
  await expect(row).toContainText('Butikschef');
  await expect(row).toContainText('Aktiv');
  await page.screenshot({ path: 'test-results/screenshots/users-page.png', fullPage: true });
});

test('admin changes role, resets the password and deactivates and activates a user', async ({
  page,
}) => {
  const api = await AdminApi.signIn();
  const user = await api.createUser({
    username: uniqueUsername('personal'),
    displayName: 'Per Sonal',
    role: 'cashier',
    password: 'första-lösenordet-1',
  });
  await api.dispose();

  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(admin.username, admin.password);
  await new Backoffice(page).open('Användare');
  const users = new UsersPage(page);
  const row = users.row(user.username);
  await expect(row).toContainText('Kassör');

  await users.rowAction(user.username, 'Ändra roll');
  const roleDialog = page.getByRole('dialog', { name: `Ändra roll för ${user.username}` });
  await roleDialog.getByRole('combobox', { name: 'Roll' }).selectOption({ label: 'Butikschef' });
  await roleDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row).toContainText('Butikschef');

  await users.rowAction(user.username, 'Återställ lösenord');
  const passwordDialog = page.getByRole('dialog', {
    name: `Återställ lösenord för ${user.username}`,
  });
  await passwordDialog
    .getByRole('textbox', { name: 'Nytt lösenord', exact: true })
    .fill('andra-lösenordet-2');
  await passwordDialog.getByRole('button', { name: 'Byt lösenord' }).click();
  await expect(passwordDialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Lösenordet' })).toBeVisible();

  await users.rowAction(user.username, 'Inaktivera');
  const confirm = page.getByRole('dialog', { name: `Inaktivera ${user.username}?` });
  await confirm.getByRole('button', { name: 'Inaktivera' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Inaktiv');

  await users.rowAction(user.username, 'Aktivera');
  await expect(row.getByText('Aktiv', { exact: true })).toBeVisible();

  // The administrator cannot lock themselves out from here.
  await page.getByRole('button', { name: `Åtgärder för ${admin.username}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Inaktivera' })).toBeDisabled();
  await page.keyboard.press('Escape');

  // The new password works; the store manager stays on Användare but may not manage users.
  const app = new Backoffice(page);
  await app.signOut();
  await login.signIn(user.username, 'andra-lösenordet-2');
  await expect(app.main.getByText('Bara administratörer kan hantera användare.')).toBeVisible();
  await app.open('Start');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Välkommen, Per Sonal!' }),
  ).toBeVisible();
});

test('an API refusal in the create dialog is shown in the current language', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(admin.username, admin.password);
  const app = new Backoffice(page);
  await app.open('Användare');
  const users = new UsersPage(page);

  await users.fillCreateForm({
    username: uniqueUsername('kort'),
    displayName: 'Kort Lösen',
    role: 'Kassör',
    password: 'kort',
  });
  const dialog = users.createDialog;

  const answer = page.waitForResponse(
    (response) => response.url().endsWith('/api/users') && response.request().method() === 'POST',
  );
  await users.submitCreateForm();
  const response = await answer;
  expect(response.status()).toBeGreaterThanOrEqual(400);
  const body = (await response.json()) as { error: { sv: string; en: string } };

  await expect(dialog.getByRole('alert')).toContainText(body.error.sv);
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/create-user-error.png' });
});

test('a cashier is told to use the register', async ({ page }) => {
  const api = await AdminApi.signIn();
  const cashier = await api.createUser({
    username: uniqueUsername('kassor'),
    displayName: 'Kim Kassör',
    role: 'cashier',
    password: 'kassörens-lösenord-1',
  });
  await api.dispose();

  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(cashier.username, 'kassörens-lösenord-1');

  await expect(page.getByRole('heading', { name: 'Kassörer använder kassan' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/cashier.png', fullPage: true });

  // The API agrees: cashiers get 403 forbidden-cashier from backoffice routes.
  const refusal = await page.request.get('/api/environment');
  expect(refusal.status()).toBe(403);
  expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe(
    'forbidden-cashier',
  );

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(login.heading).toBeVisible();
});
