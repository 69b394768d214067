import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AuditLogPage } from '../pages/AuditLogPage';
import { Backoffice } from '../pages/Backoffice';
import { LoginPage } from '../pages/LoginPage';
import { TerminalsPage } from '../pages/TerminalsPage';
import {
  connectPc,
  RegisterScenarioApi,
  startBackoffice,
  type BackofficeServer,
  type ConnectedPc,
  type ScenarioTerminal,
} from '../support/register';
import { admin, uniqueRegisterId, uniqueUsername } from '../support/server';
import { readZip } from '../support/zip';

// The installation guide's hardware steps in the backoffice: "Ladda ner installationsprogram"
// (the zip, the pairing code as text and QR code), a PC connecting with it through the real
// register program (`kassa connect` in the unpacked folder), "Ta bort koppling mot hårdvara"
// (only for a crashed disk or a replaced PC), and the checklist once another PC has taken over.
// A backoffice of its own (support/register.ts), whose KASSA_REGISTER_DIST is a stand-in build.

const notConnected = 'Terminalen är inte ansluten till någon hårdvara';
const shots = 'test-results/screenshots';
const codePattern = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
const timePattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

async function signIn(
  page: Page,
  url: string,
  username: string = admin.username,
  password = admin.password,
) {
  await page.goto(`${url}/`);
  const login = new LoginPage(page);
  await expect(login.heading).toBeVisible();
  await login.signIn(username, password);
  const app = new Backoffice(page);
  await expect(app.menu()).toBeVisible();
  await app.open('Terminaler och kassor');
  const terminals = new TerminalsPage(page);
  await expect(terminals.heading).toBeVisible();
  return { app, terminals };
}

test.describe('Terminaler: installationsprogram och koppling mot hårdvara', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  let terminal: ScenarioTerminal;
  let work: string;
  const pcs: ConnectedPc[] = [];
  const manager = { username: uniqueUsername('chef'), password: 'chefens-lösenord-1' };
  const reason = 'Hårddisken kraschade (e2e)';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    backoffice = await startBackoffice();
    api = await RegisterScenarioApi.signIn(backoffice.url);
    terminal = await api.createTerminal({ name: 'Kassa 1', registerId: uniqueRegisterId('K') });
    await api.createManager(manager);
    work = await mkdtemp(path.join(tmpdir(), 'kassa-e2e-binding-'));
  });

  test.afterAll(async () => {
    const results = await Promise.allSettled([
      ...pcs.map((pc) => pc.remove()),
      api?.dispose(),
      backoffice?.stop(),
      work ? rm(work, { recursive: true, force: true }) : undefined,
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });

  test('admin downloads the installer: a zip, and the pairing code as text and QR code', async ({
    page,
  }) => {
    const { app, terminals } = await signIn(page, backoffice.url);
    await expect(terminals.row(terminal.registerId)).toContainText(notConnected);
    let downloads = 0;
    page.on('download', () => (downloads += 1));

    // No register program on the server: its message, in the user's language, and no file.
    const bundle = path.join(backoffice.registerDist, 'kassa-bundle');
    await rmdir(bundle);
    let dialog = await terminals.openInstaller(terminal.name);
    await expect(dialog.getByText('Förmodligen fel terminal')).toHaveCount(0);
    await expect(dialog).toContainText('En ny nedladdning gör tidigare parkopplingskoder');
    await dialog.getByRole('button', { name: 'Ladda ner', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'Installationsprogrammet är inte byggt på den här servern',
    );
    await page.screenshot({ path: `${shots}/installer-not-built.png` });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await app.switchLanguage('en');
    await page.getByRole('button', { name: `Actions for ${terminal.name}` }).click();
    await page.getByRole('menuitem', { name: 'Download installer' }).click();
    const english = page.getByRole('dialog', { name: `Download installer – ${terminal.name}` });
    await english.getByRole('button', { name: 'Download', exact: true }).click();
    await expect(english.getByRole('alert')).toContainText(
      'The installer has not been built on this server',
    );
    await english.getByRole('button', { name: 'Cancel' }).click();
    await app.switchLanguage('sv');
    expect(downloads).toBe(0);

    // Built: the zip is downloaded under the server's name, and the code shown once.
    await mkdir(bundle);
    dialog = await terminals.openInstaller(terminal.name);
    const { download, code } = await terminals.downloadInstaller(terminal.name);
    expect(download.suggestedFilename()).toBe(`kassa-${terminal.registerId}.zip`);
    const zip = await readFile(await download.path());
    expect(zip.length).toBeGreaterThan(0);
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual(['LASMIG.txt', 'kassa-provisioning.json']);
    const provisioning = JSON.parse(files.get('kassa-provisioning.json')?.toString() ?? '{}') as {
      url: string;
      terminalId: string;
      pairingCode: string;
      expiresAt: string;
    };
    expect(code).toMatch(codePattern);
    expect(provisioning).toMatchObject({
      url: backoffice.url,
      terminalId: terminal.id,
      pairingCode: code,
    });

    await expect(dialog.getByRole('status')).toHaveText(
      `kassa-${terminal.registerId}.zip har laddats ner.`,
    );
    const qr = dialog.getByRole('img', { name: `QR-kod med parkopplingskoden ${code}` });
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('data-qr-modules', '21');
    const codeRegion = dialog.getByRole('region', { name: 'Parkopplingskod' });
    await expect(codeRegion).toContainText(
      /Gäller till \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(svensk tid\)/,
    );
    const steps = dialog.getByRole('region', { name: 'Så ansluter du kassadatorn' });
    await expect(steps.getByRole('listitem')).toHaveCount(4);
    await expect(steps).toContainText('kassa connect');
    await expect(steps).toContainText('inget administratörslösenord');
    await expect(steps).toContainText('”Mer information” → ”Kör ändå”');
    await expect(dialog).toContainText('En ny nedladdning gör den ogiltig.');
    await page.screenshot({ path: `${shots}/installer-pairing-code.png` });
    expect(downloads).toBe(1);
    await dialog.getByRole('button', { name: 'Stäng' }).last().click();
    await expect(dialog).toBeHidden();

    // The drawer knows a code is waiting to be used, and until when.
    const drawer = await terminals.openDetails(terminal.name);
    const expires = new Date(provisioning.expiresAt);
    await expect(terminals.connectionPanel(drawer)).toContainText(
      /Det finns en giltig parkopplingskod till \d{4}-\d{2}-\d{2} \d{2}:\d{2}\./,
    );
    expect(expires.getTime() - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);

    await writeFile(path.join(work, 'installer.zip'), zip);
  });

  test('a PC connects with the installer; removing its binding shows its last contact and backlog', async ({
    page,
  }) => {
    // The shop unpacks the zip on the till PC and runs `kassa connect` there.
    const unpacked = path.join(work, 'kassa-pc-1');
    await mkdir(unpacked, { recursive: true });
    for (const [name, content] of readZip(await readFile(path.join(work, 'installer.zip')))) {
      await writeFile(path.join(unpacked, name), content);
    }
    const pc1 = await connectPc({
      hardwareId: 'e2e-binding-pc-1',
      pcName: 'KASSA-PC-1',
      cwd: unpacked,
    });
    pcs.push(pc1);
    expect(pc1.output).toContain('kassa-provisioning.json');
    // Three sales the PC has not uploaded yet.
    expect(await pc1.heartbeat(3)).toEqual({ status: 200, code: null });

    const { app, terminals } = await signIn(page, backoffice.url);
    const row = terminals.row(terminal.registerId);
    await expect(row).toContainText('KASSA-PC-1');
    await expect(row.getByText(notConnected)).toHaveCount(0);
    await expect(terminals.movedBadge(terminal.registerId)).toHaveCount(0);

    // The code was used: none is waiting any more.
    const drawer = await terminals.openDetails(terminal.name);
    await expect(terminals.connectionPanel(drawer)).toContainText('Ingen giltig parkopplingskod.');

    // A download for a bound terminal warns that it is probably the wrong one.
    await terminals
      .connectionPanel(drawer)
      .getByRole('button', { name: 'Ladda ner installationsprogram' })
      .click();
    const installer = terminals.installerDialog(terminal.name);
    await expect(
      installer.getByRole('alert').filter({ hasText: 'Förmodligen fel terminal' }),
    ).toContainText('är det förmodligen FEL terminal');
    await expect(installer).toContainText(`”${notConnected}”`);
    await expect(installer.getByRole('button', { name: 'Ladda ner ändå' })).toBeVisible();
    await page.screenshot({ path: `${shots}/installer-bound-warning.png` });
    await installer.getByRole('button', { name: 'Avbryt' }).click();
    await expect(installer).toBeHidden();
    await drawer.getByRole('button', { name: 'Stäng' }).click();
    await expect(drawer).toBeHidden();

    // "Ta bort koppling mot hårdvara": only for a crashed disk or a replaced PC.
    const dialog = await terminals.openRemoveBinding(terminal.name);
    await expect(
      dialog.getByRole('alert').filter({
        hasText: 'Endast om ni haft hårddiskkrasch / byter kassadator till en annan dator',
      }),
    ).toBeVisible();
    await expect(terminals.boundPcValue(dialog, 'Datorns namn')).toHaveText('KASSA-PC-1');
    await expect(terminals.boundPcValue(dialog, 'Fingeravtryck')).toHaveText(/^[0-9a-f]{12}$/);
    await expect(terminals.boundPcValue(dialog, 'Kopplad sedan')).toHaveText(timePattern);
    await expect(terminals.boundPcValue(dialog, 'Senaste kontakt')).toHaveText(timePattern);
    const backlog = terminals.boundPcValue(dialog, 'Ej uppladdade poster');
    await expect(backlog).toHaveText('3');
    // Red: those sales exist only on that PC.
    const background = await backlog
      .locator('.mantine-Badge-root')
      .evaluate((badge) => getComputedStyle(badge).backgroundColor);
    const [red = 0, green = 0, blue = 0] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red > 180 && green < 110 && blue < 110, `red badge, got ${background}`).toBe(true);
    await expect(
      dialog.getByRole('alert').filter({ hasText: 'Försäljning finns bara på KASSA-PC-1' }),
    ).toContainText('Ej uppladdade poster: 3.');

    // The button stays disabled until the kassabeteckning is typed (any case) and a reason given.
    const form = terminals.removeBindingForm(dialog);
    await expect(
      dialog.getByText('Endast om ni haft hårddiskkrasch', { exact: false }),
    ).toBeInViewport();
    await page.screenshot({ path: `${shots}/remove-binding-top.png` });
    await expect(form.submit).toBeDisabled();
    await form.reason.fill(reason);
    await expect(form.submit).toBeDisabled();
    await form.confirmation.fill(terminal.registerId.slice(0, -1));
    await form.reason.focus();
    await expect(dialog).toContainText(
      `Stämmer inte med kassabeteckningen ${terminal.registerId}.`,
    );
    await expect(form.submit).toBeDisabled();
    await form.confirmation.fill(terminal.registerId.toLowerCase());
    await expect(form.submit).toBeEnabled();
    await form.reason.fill('  ');
    await expect(form.submit).toBeDisabled();
    await form.reason.fill(reason);
    await expect(form.submit).toBeEnabled();
    await page.screenshot({ path: `${shots}/remove-binding.png`, fullPage: true });

    await form.submit.click();
    await expect(dialog.getByRole('status')).toHaveText(
      `Kopplingen mellan ${terminal.name} och datorn KASSA-PC-1 är borttagen.`,
    );
    await expect(row.getByText(notConnected, { exact: true })).toBeVisible();
    await expect(
      terminals.notice(`Kopplingen mot hårdvara för ${terminal.name} är borttagen.`),
    ).toBeVisible();
    // The next step is offered at once, now without the wrong-terminal warning.
    await dialog.getByRole('button', { name: 'Ladda ner installationsprogram' }).click();
    await expect(installer).toBeVisible();
    await expect(installer.getByText('Förmodligen fel terminal')).toHaveCount(0);
    await installer.getByRole('button', { name: 'Avbryt' }).click();

    // The old PC's key is revoked at once.
    expect(await pc1.heartbeat(3)).toEqual({ status: 401, code: 'binding-removed' });

    await app.open('Granskningslogg');
    const audit = new AuditLogPage(page);
    const entry = audit.entries(
      'Koppling mot hårdvara borttagen',
      `Terminal ${terminal.name} (${terminal.registerId})`,
    );
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(admin.username);
    await expect(entry).toContainText('Dator: KASSA-PC-1');
    await expect(entry).toContainText('Ej uppladdade poster: 3');
    await expect(entry).toContainText(`Skäl: ${reason}`);
    await expect(entry).toContainText(/Senaste kontakt: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(
      audit.entries(
        'Terminal ansluten till dator',
        `Terminal ${terminal.name} (${terminal.registerId})`,
      ),
    ).toContainText('Sätt: Parkopplingskod');
    await page.screenshot({ path: `${shots}/audit-binding-removed.png` });
  });

  test('another PC connects: the list and the drawer show the move checklist', async ({ page }) => {
    const { app, terminals } = await signIn(page, backoffice.url);
    await terminals.openInstaller(terminal.name);
    const { code } = await terminals.downloadInstaller(terminal.name);
    // The code typed on the new PC instead of using the file.
    const pc2 = await connectPc({
      hardwareId: 'e2e-binding-pc-2',
      pcName: 'KASSA-PC-2',
      args: ['--url', backoffice.url, '--code', code],
    });
    pcs.push(pc2);

    await page.reload();
    const row = terminals.row(terminal.registerId);
    await expect(row).toContainText('KASSA-PC-2');
    await expect(terminals.movedBadge(terminal.registerId)).toBeVisible();
    await page.screenshot({ path: `${shots}/terminals-moved.png`, fullPage: true });

    await expect(row).toContainText('Synkproblem');
    const drawer = await terminals.openDetails(terminal.name);
    // KASSA-PC-1's three entries never reached the server and the new PC restored the server's
    // copy: the terminal's journal has a gap, shown with what to do (docs/adr/0011-journal-anchors.md).
    const gap = drawer.getByRole('alert').filter({ hasText: 'Terminalens journal har en lucka' });
    await expect(gap).toContainText('3 poster ej uppladdade');
    await expect(gap).toContainText('leta efter den gamla datamappen');
    const checklist = terminals.movedChecklist(drawer);
    await expect(checklist.getByRole('listitem')).toHaveText([
      'Flytta Skatteverkets ID-märken (klistermärken) från den gamla datorn (KASSA-PC-1) till den nya',
      'Har kontrollenheten bytts? Anmäl ändringen till Skatteverket inom två veckor',
      'Kontrollera registreringsuppgifterna nedan',
    ]);
    await page.screenshot({ path: `${shots}/terminal-moved-checklist.png` });
    const skatteverket = drawer.getByRole('heading', { name: 'Skatteverket', exact: true });
    await checklist.getByRole('button', { name: 'Visa uppgifterna för Skatteverket' }).click();
    await expect(skatteverket).toBeFocused();
    await expect(skatteverket).toBeInViewport();
    // Not hidden under the drawer's sticky header.
    const header = await drawer.locator('.mantine-Drawer-header').boundingBox();
    const heading = await skatteverket.boundingBox();
    expect(heading?.y ?? 0).toBeGreaterThanOrEqual((header?.y ?? 0) + (header?.height ?? 0));
    await page.screenshot({ path: `${shots}/terminal-moved-skatteverket.png` });

    // The same in English.
    await drawer.getByRole('button', { name: 'Stäng' }).click();
    await app.switchLanguage('en');
    const table = page.getByRole('table', { name: 'Terminals' });
    await expect(table.getByRole('row').filter({ hasText: terminal.registerId })).toContainText(
      'Moved to a new computer',
    );
    await table.getByRole('button', { name: terminal.name, exact: true }).click();
    const englishDrawer = page.getByRole('dialog', { name: terminal.name });
    await expect(
      englishDrawer.getByRole('region', { name: 'Moved to a new computer' }),
    ).toContainText(
      'Move Skatteverket’s ID labels (stickers) from the old computer (KASSA-PC-1) to the new one',
    );
    await page.screenshot({ path: `${shots}/terminal-moved-checklist-en.png` });
  });

  test('a store manager sees the checklist but none of the hardware actions', async ({ page }) => {
    const { terminals } = await signIn(page, backoffice.url, manager.username, manager.password);
    await expect(terminals.movedBadge(terminal.registerId)).toBeVisible();
    await expect(page.getByRole('button', { name: `Åtgärder för ${terminal.name}` })).toHaveCount(
      0,
    );
    const drawer = await terminals.openDetails(terminal.name);
    await expect(terminals.movedChecklist(drawer)).toBeVisible();
    await expect(terminals.connectionPanel(drawer)).toHaveCount(0);
    await expect(drawer.getByRole('button', { name: 'Ta bort koppling mot hårdvara' })).toHaveCount(
      0,
    );
    await expect(
      drawer.getByRole('button', { name: 'Ladda ner installationsprogram' }),
    ).toHaveCount(0);
  });
});
