import { expect, test, type Page } from '@playwright/test';
import { RegisterSetupScreen } from '../pages/RegisterSetupScreen';
import { SalesScreen } from '../pages/SalesScreen';
import { RegisterShell } from '../pages/RegisterShell';
import { RegisterSignInScreen } from '../pages/RegisterSignInScreen';
import {
  RegisterScenarioApi,
  startBackoffice,
  startRegister,
  type BackofficeServer,
  type RegisterPc,
  type ScenarioTerminal,
} from '../support/register';
import { admin, uniqueRegisterId, uniqueUsername } from '../support/server';

// The register's screens (packages/pos-web) served by a real `kassa start`, connected to a real
// backoffice: connecting with a pairing code and with an administrator's password, choosing a
// terminal, cashier sign-in with the PIN keypad, and the blocking screen after "Ta bort koppling
// mot hårdvara". Two PCs on one machine: PC B takes the bar's terminal with a pairing code, then
// PC A sees that terminal taken and connects to the counter's.

interface LocalErrorAnswer {
  error: { code: string; sv: string; en: string };
}

/** The next answer of the register's local API to `POST path`, as JSON. */
async function nextRefusal(page: Page, path: string, act: () => Promise<void>) {
  const answer = page.waitForResponse(
    (response) => response.url().endsWith(path) && response.request().method() === 'POST',
  );
  await act();
  const response = await answer;
  return { status: response.status(), body: (await response.json()) as LocalErrorAnswer };
}

test.describe('Kassan: anslutning och inloggning', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  test.use({ viewport: { width: 1024, height: 768 } });

  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  let pcA: RegisterPc;
  let pcB: RegisterPc;
  let companyName: string;
  let counter: ScenarioTerminal;
  let bar: ScenarioTerminal;
  const cashier = { username: uniqueUsername('kassor'), displayName: 'Kim Kassör', pin: '4711' };
  const barOnly = { username: uniqueUsername('bar'), displayName: 'Bo Bar', pin: '2580' };

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    backoffice = await startBackoffice();
    api = await RegisterScenarioApi.signIn(backoffice.url);
    companyName = await api.companyName();
    counter = await api.createTerminal({ name: 'Disken', registerId: uniqueRegisterId('D') });
    bar = await api.createTerminal({ name: 'Baren', registerId: uniqueRegisterId('B') });
    await api.createCashier({ ...cashier, terminalIds: [counter.id] });
    await api.createCashier({ ...barOnly, terminalIds: [bar.id] });
    [pcA, pcB] = await Promise.all([
      startRegister({ hardwareId: 'e2e-pc-a', pcName: 'KASSA-PC-A' }),
      startRegister({ hardwareId: 'e2e-pc-b', pcName: 'KASSA-PC-B' }),
    ]);
  });

  test.afterAll(async () => {
    // Every step runs even if one fails, so no process is left behind.
    const results = await Promise.allSettled([
      pcA?.remove(),
      pcB?.remove(),
      api?.dispose(),
      backoffice?.stop(),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });

  test('PC B connects with the pairing code typed in lower case with spaces', async ({ page }) => {
    const setup = new RegisterSetupScreen(page);
    const shell = new RegisterShell(page);
    await setup.goto(pcB.url);
    await expect(page).toHaveTitle('Kassa');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(shell.statusBar).toContainText('Kassan är inte ansluten');
    await expect(shell.statusBar).toContainText('Version 0.1.0');
    await expect(setup.address).toHaveAttribute('placeholder', 'https://dinmiljo.kassa.se');

    // A code that does not exist: the register's own Swedish text, and nothing typed is lost.
    await setup.codeTab.click();
    const refused = await nextRefusal(page, '/local/connect', () =>
      setup.connectWithCode('aaaa bbbb cccc', backoffice.url),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('pairing-code-invalid');
    await expect(setup.error).toContainText(refused.body.error.sv);
    await expect(setup.code).toHaveValue('AAAA-BBBB-CCCC');
    await expect(setup.address).toHaveValue(backoffice.url);
    await page.screenshot({ path: 'test-results/screenshots/register-pairing-code-error.png' });

    const code = await api.pairingCode(bar.id);
    await setup.code.fill(` ${code.toLowerCase().replaceAll('-', ' ')} `);
    await setup.connect.click();

    const signIn = new RegisterSignInScreen(page);
    await expect(signIn.heading).toBeVisible();
    await shell.expectIdentity({
      companyName,
      terminalName: bar.name,
      registerId: bar.registerId,
    });
    await expect(shell.statusBar).toContainText(`Terminal: ${bar.name} (${bar.registerId})`);
    await expect(shell.statusBar).toContainText('Online');
  });

  test('PC A connects with an administrator: the address needs https://, wrong passwords keep the form, bound terminals cannot be chosen', async ({
    page,
  }) => {
    const setup = new RegisterSetupScreen(page);
    const shell = new RegisterShell(page);
    await setup.goto(pcA.url);
    await expect(setup.passwordTab).toHaveAttribute('aria-selected', 'true');
    expect(await shell.smallTouchTargets()).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/register-setup.png' });

    // Typed without the scheme: said at once, before anything is sent.
    const withoutScheme = backoffice.url.replace(/^http:\/\//, '');
    await setup.fillCredentials({
      address: withoutScheme,
      username: admin.username,
      password: 'inte-rätt-lösenord',
    });
    await setup.connect.click();
    await expect(setup.error).toContainText('Adressen måste börja med https://');

    // Wrong password: the register's (the server's) message; the form keeps what was typed.
    await setup.address.fill(backoffice.url);
    const refused = await nextRefusal(page, '/local/terminals', () => setup.connect.click());
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid-credentials');
    await expect(setup.error).toContainText(refused.body.error.sv);
    await expect(setup.address).toHaveValue(backoffice.url);
    await expect(setup.username).toHaveValue(admin.username);
    await expect(setup.password).toHaveValue('inte-rätt-lösenord');
    await page.screenshot({ path: 'test-results/screenshots/register-setup-error.png' });

    await setup.password.fill(admin.password);
    await setup.connect.click();
    await expect(setup.terminalsHeading).toBeVisible();
    await expect(setup.terminal(counter.name)).toBeEnabled();
    await expect(setup.terminalCard(counter.name)).toContainText(
      'Terminalen är inte ansluten till någon hårdvara',
    );
    await expect(setup.terminalCard(counter.name)).toContainText(counter.registerId);
    await expect(setup.terminal(bar.name)).toBeDisabled();
    await expect(setup.terminalCard(bar.name)).toContainText('Kopplad till KASSA-PC-B');
    expect(await shell.smallTouchTargets()).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/register-terminals.png' });

    await setup.terminal(counter.name).check();
    await setup.connectToTerminal.click();

    await expect(new RegisterSignInScreen(page).heading).toBeVisible();
    await shell.expectIdentity({
      companyName,
      terminalName: counter.name,
      registerId: counter.registerId,
    });
  });

  test('cashiers sign in with the PIN keypad or the keyboard; refusals are shown', async ({
    page,
  }) => {
    const signIn = new RegisterSignInScreen(page);
    const shell = new RegisterShell(page);
    await page.goto(pcA.url);
    await expect(signIn.heading).toBeVisible();
    expect(await shell.smallTouchTargets()).toEqual([]);

    // Not assigned to this terminal.
    const notHere = await nextRefusal(page, '/local/sign-in', () =>
      signIn.signInWithKeypad(barOnly.username, barOnly.pin),
    );
    expect(notHere.status).toBe(403);
    await expect(signIn.error).toContainText(
      'Du har inte behörighet att logga in på den här kassan',
    );
    await page.screenshot({ path: 'test-results/screenshots/register-sign-in-refused.png' });

    // A wrong PIN: the register's message; the PIN is cleared, the username stays.
    const wrong = await nextRefusal(page, '/local/sign-in', () =>
      signIn.signInWithKeypad(cashier.username, '0000'),
    );
    expect(wrong.status).toBe(401);
    await expect(signIn.error).toContainText(wrong.body.error.sv);
    await expect(signIn.pin).toHaveValue('');
    await expect(signIn.username).toHaveValue(cashier.username);

    // The keypad, with a correction: the PIN is masked.
    for (const digit of '479') await signIn.key(digit).click();
    await signIn.backspace.click();
    for (const digit of '11') await signIn.key(digit).click();
    await expect(signIn.pin).toHaveAttribute('type', 'password');
    await expect(signIn.pin).toHaveValue(cashier.pin);
    await page.screenshot({ path: 'test-results/screenshots/register-sign-in.png' });
    await signIn.ok.click();

    await expect(shell.signedInAs(cashier.displayName)).toBeVisible();
    // The sales screen: an empty receipt in progress, and no products yet in this environment.
    const sales = new SalesScreen(page);
    await expect(sales.receipt).toContainText('Skanna en vara eller tryck på en produkt');
    await expect(sales.total).toContainText('0,00 kr');
    await expect(sales.pay).toBeDisabled();
    await expect(sales.products).toContainText('Kassan har inga produkter ännu.');
    await page.screenshot({ path: 'test-results/screenshots/register-signed-in.png' });
    await shell.signOut.click();
    await expect(signIn.heading).toBeVisible();

    // The physical keyboard alone: username, Enter, digits, Backspace, Enter.
    await signIn.username.fill(cashier.username);
    await signIn.username.press('Enter');
    await expect(signIn.pin).toBeFocused();
    await page.keyboard.type('47115');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect(shell.signedInAs(cashier.displayName)).toBeVisible();

    // English, at the other common till resolution.
    await page.setViewportSize({ width: 1366, height: 768 });
    await shell.switchLanguage('en');
    await expect(
      page.getByRole('heading', { level: 1, name: `Signed in as ${cashier.displayName}` }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Keypad' })).toBeInViewport();
    await shell.switchLanguage('sv');
  });

  test('after "Ta bort koppling mot hårdvara" the register shows a blocking red screen', async ({
    page,
  }) => {
    await api.removeBinding(counter, 'Datorn byts ut (e2e)');
    // The register learns it at its next contact with the server; a restart contacts it at once.
    await pcA.restart();

    const readStatus = async () =>
      (await (await page.request.get(`${pcA.url}local/status`)).json()) as {
        binding: string;
        problem: { code: string; sv: string } | null;
      };
    await expect
      .poll(async () => (await readStatus()).binding, { timeout: 30_000 })
      .toBe('removed');
    const status = await readStatus();
    expect(status.problem?.code).toBe('binding-removed');

    await page.goto(pcA.url);
    const blocked = page.getByRole('alert').filter({ hasText: status.problem?.sv ?? '' });
    await expect(blocked).toBeVisible();
    await expect(blocked.getByRole('heading')).toHaveText(
      'Kassan är inte längre kopplad till terminalen',
    );
    await expect(new RegisterSignInScreen(page).username).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/register-binding-removed.png' });
  });
});
