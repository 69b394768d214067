import { expect, test } from '@playwright/test';
import { Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { admin } from '../support/server';

test('admin signs in, sees the start page in Swedish, switches to English and signs out', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await expect(page).toHaveTitle('Kassa – Backoffice');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');

  await login.signIn(admin.username, admin.password);

  const app = new Backoffice(page);
  await expect(page.getByRole('heading', { level: 1, name: /^Välkommen, / })).toBeVisible();
  await app.expectMenu('sv');
  await expect(app.navLink('Start')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expect(app.main.getByText('Miljö', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/start-page.png', fullPage: true });

  await app.switchLanguage('en');
  await app.expectMenu('en');
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/start-page-en.png', fullPage: true });

  await app.signOut('en');
  // The language choice is remembered, also on the sign-in page.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Username' })).toBeVisible();

  // Signed out means signed out: a reload does not bring the session back.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password shows the Swedish message the API returns', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();

  const answer = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/auth/login') && response.request().method() === 'POST',
  );
  await login.signIn(admin.username, 'inte-rätt-lösenord');
  const response = await answer;
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { error: { code: string; sv: string; en: string } };
  expect(body.error.code).toBe('invalid-credentials');

  await expect(login.error).toHaveText(body.error.sv);
  await expect(login.heading).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/sign-in-error.png' });
});

test('a deep link survives signing in, and unknown pages say so', async ({ page }) => {
  await page.goto('/settings');
  const login = new LoginPage(page);
  await expect(login.heading).toBeVisible();
  await login.signIn(admin.username, admin.password);

  const app = new Backoffice(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await expect(app.main.getByText('Organisationsnummer')).toBeVisible();
  await expect(app.main.getByRole('heading', { name: 'Försäljningsställen' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/settings-page.png', fullPage: true });

  await app.open('Rapporter');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
  await expect(app.main.getByRole('region', { name: 'Z-rapporter' })).toBeVisible();

  await page.goto('/finns-inte');
  await expect(page.getByRole('heading', { name: 'Sidan finns inte' })).toBeVisible();
});
