import { expect, type Locator, type Page } from '@playwright/test';

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
}
