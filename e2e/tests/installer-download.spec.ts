import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { readInstallerTag } from '@kassa/contracts';
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
import { admin, uniqueRegisterId } from '../support/server';
import {
  installSignedInstaller,
  verifyAuthenticode,
  type SignedInstaller,
} from '../support/signed-installer';

// "Ladda ner installationsprogram" for Windows: the signed kassa-setup-<registerId>.exe with the
// terminal's provisioning as a tag inside its certificate table (docs/protocols/installer-tag.md).
// The server's KASSA_REGISTER_DIST gets a signed installer from support/signed-installer.ts: the
// real dist-bin/kassa-setup.exe when KASSA_SIGN_CA is given, else a signed stand-in made there.

const shots = 'test-results/screenshots';
const notConnected = 'Terminalen är inte ansluten till någon hårdvara';

test.describe('Installationsprogram för Windows', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let backoffice: BackofficeServer;
  let api: RegisterScenarioApi;
  let terminal: ScenarioTerminal;
  let installer: SignedInstaller;
  const pcs: ConnectedPc[] = [];

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    backoffice = await startBackoffice();
    installer = await installSignedInstaller(backoffice.registerDist);
    api = await RegisterScenarioApi.signIn(backoffice.url);
    terminal = await api.createTerminal({ name: 'Kassa W', registerId: uniqueRegisterId('W') });
  });

  test.afterAll(async () => {
    await Promise.allSettled([...pcs.map((pc) => pc.remove()), api?.dispose(), backoffice?.stop()]);
  });

  test(`downloads the signed installer (${process.env.KASSA_SIGN_CA ? 'build' : 'stand-in'}) with the terminal's provisioning inside`, async ({
    page,
  }) => {
    await page.goto(`${backoffice.url}/`);
    const login = new LoginPage(page);
    await login.signIn(admin.username, admin.password);
    const app = new Backoffice(page);
    await app.open('Terminaler och kassor');
    const terminals = new TerminalsPage(page);
    await expect(terminals.row(terminal.registerId)).toContainText(notConnected);

    const dialog = await terminals.openInstaller(terminal.name);
    await expect(
      dialog.getByRole('radio', { name: 'Windows 11 — installationsprogram' }),
    ).toBeChecked();
    await page.screenshot({ path: `${shots}/installer-windows-choice.png` });
    const { download, code } = await terminals.downloadInstaller(terminal.name, 'windows');
    expect(download.suggestedFilename()).toBe(`kassa-setup-${terminal.registerId}.exe`);
    await expect(dialog).toContainText('Anslut kassan');
    await page.screenshot({ path: `${shots}/installer-windows-downloaded.png` });

    const file = await download.path();
    expect(verifyAuthenticode(file, installer.caFile)).toMatch(/Succeeded/);
    const tag = readInstallerTag(new Uint8Array(await readFile(file)));
    expect(tag).toMatchObject({
      registerId: terminal.registerId,
      environment: expect.any(String),
      url: backoffice.url,
      pairingCode: code,
    });

    // The code inside is accepted once.
    pcs.push(
      await connectPc({
        hardwareId: 'e2e-windows-pc',
        pcName: 'WINDOWS-KASSA',
        args: ['--url', tag?.url ?? '', '--code', tag?.pairingCode ?? ''],
      }),
    );
    await page.reload();
    await expect(terminals.row(terminal.registerId)).toContainText('WINDOWS-KASSA');
    await expect(
      connectPc({
        hardwareId: 'e2e-other-pc',
        pcName: 'ANDRA',
        args: ['--url', tag?.url ?? '', '--code', tag?.pairingCode ?? ''],
      }),
    ).rejects.toThrow();
  });
});
