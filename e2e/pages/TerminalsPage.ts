import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Terminaler och kassor: licence summary, the list, its dialogs and the detail drawer (Swedish). */
export class TerminalsPage {
  readonly heading: Locator;
  readonly licence: Locator;
  readonly table: Locator;
  readonly createButton: Locator;
  readonly createDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Terminaler och kassor', level: 1 });
    this.licence = page.getByRole('region', { name: 'Licens' });
    this.table = page.getByRole('table', { name: 'Terminaler' });
    this.createButton = page.getByRole('button', { name: 'Ny terminal' });
    this.createDialog = page.getByRole('dialog', { name: 'Ny terminal' });
  }

  /** The row of a terminal, found by its kassabeteckning. */
  row(registerId: string): Locator {
    return this.table.getByRole('row').filter({
      has: this.page.getByRole('cell', { name: registerId, exact: true }),
    });
  }

  notice(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  /** Opens "Ny terminal" and fills it in, without submitting. */
  async fillCreateForm(terminal: { name: string; registerId: string }): Promise<void> {
    await this.createButton.click();
    const dialog = this.createDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Namn' }).fill(terminal.name);
    // The demo environment has one place of business, which is chosen already.
    await expect(dialog.getByRole('combobox', { name: 'Försäljningsställe' })).not.toHaveValue('');
    await dialog.getByRole('textbox', { name: 'Kassabeteckning' }).fill(terminal.registerId);
  }

  async submitCreateForm(): Promise<void> {
    await this.createDialog.getByRole('button', { name: 'Skapa terminal' }).click();
  }

  /** The detail drawer of a terminal (a dialog named after it). */
  details(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async openDetails(name: string): Promise<Locator> {
    await this.table.getByRole('button', { name, exact: true }).click();
    const drawer = this.details(name);
    await expect(drawer).toBeVisible();
    return drawer;
  }

  /** Opens a terminal's row menu ("Åtgärder för …", admins only) and chooses `item`. */
  async rowAction(name: string, item: string): Promise<void> {
    await this.page.getByRole('button', { name: `Åtgärder för ${name}` }).click();
    await this.page.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** The "Flyttad till ny dator" badge in a terminal's row. */
  movedBadge(registerId: string): Locator {
    return this.row(registerId).getByText('Flyttad till ny dator', { exact: true });
  }

  installerDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Ladda ner installationsprogram – ${name}` });
  }

  /** Opens "Ladda ner installationsprogram" from the row menu. */
  async openInstaller(name: string): Promise<Locator> {
    await this.rowAction(name, 'Ladda ner installationsprogram');
    const dialog = this.installerDialog(name);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /**
   * Clicks "Ladda ner" (or "Ladda ner ändå") in the open installer dialog and waits for the
   * browser's download and the pairing code that comes with it. `platform`: the stand-in
   * builds of most tests have only the Linux program, so that is chosen unless told otherwise.
   */
  async downloadInstaller(
    name: string,
    platform: 'windows' | 'linux' = 'linux',
  ): Promise<{ download: Download; code: string }> {
    const dialog = this.installerDialog(name);
    await dialog
      .getByRole('radio', {
        name:
          platform === 'windows' ? 'Windows 11 — installationsprogram' : 'Linux — program (zip)',
      })
      .check();
    const downloading = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Ladda ner( ändå)?$/ }).click();
    const download = await downloading;
    const code = (await this.pairingCode(dialog).textContent())?.trim() ?? '';
    return { download, code };
  }

  /** The pairing code, in large text, in the installer dialog after the download. */
  pairingCode(dialog: Locator): Locator {
    return dialog.getByRole('region', { name: 'Parkopplingskod' }).getByTestId('pairing-code');
  }

  removeBindingDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Ta bort koppling mot hårdvara – ${name}` });
  }

  /** Opens "Ta bort koppling mot hårdvara" from the row menu. */
  async openRemoveBinding(name: string): Promise<Locator> {
    await this.rowAction(name, 'Ta bort koppling mot hårdvara');
    const dialog = this.removeBindingDialog(name);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** The removal dialog's fields and its (dangerous) button. */
  removeBindingForm(dialog: Locator) {
    return {
      confirmation: dialog.getByRole('textbox', {
        name: 'Skriv kassabeteckningen för att bekräfta',
      }),
      reason: dialog.getByRole('textbox', { name: 'Skäl' }),
      submit: dialog.getByRole('button', { name: 'Ta bort kopplingen' }),
      boundPc: dialog.getByRole('region', { name: 'Datorn som terminalen är kopplad till' }),
    };
  }

  /** A value in the removal dialog's description of the bound PC ("Senaste kontakt", …). */
  boundPcValue(dialog: Locator, label: string): Locator {
    return this.removeBindingForm(dialog)
      .boundPc.getByRole('term')
      .filter({ hasText: label })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** In the drawer: the move checklist and the admins' connection panel. */
  movedChecklist(drawer: Locator): Locator {
    return drawer.getByRole('region', { name: 'Flyttad till ny dator' });
  }

  connectionPanel(drawer: Locator): Locator {
    return drawer.getByRole('region', { name: 'Anslutning och installation' });
  }
}
