import { expect, type Locator, type Page } from '@playwright/test';

export interface NewUserForm {
  username: string;
  displayName: string;
  /** The role as shown in Swedish: Administratör, Butikschef or Kassör. */
  role: string;
  password: string;
}

/** Användare: the administrator's list of users and its dialogs (Swedish). */
export class UsersPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createButton: Locator;
  readonly createDialog: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Användare', level: 1 });
    this.table = page.getByRole('table', { name: 'Användare' });
    this.createButton = page.getByRole('button', { name: 'Ny användare' });
    this.createDialog = page.getByRole('dialog', { name: 'Ny användare' });
    this.notice = page.getByRole('status').filter({ hasText: 'skapades' });
  }

  row(username: string): Locator {
    return this.table.getByRole('row').filter({
      has: this.page.getByRole('cell', { name: username, exact: true }),
    });
  }

  /** Opens the row's "Åtgärder" menu and picks an item. */
  async rowAction(username: string, action: string): Promise<void> {
    await this.page.getByRole('button', { name: `Åtgärder för ${username}` }).click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }

  /** Opens "Ny användare" and fills it in, without submitting. */
  async fillCreateForm(user: NewUserForm): Promise<void> {
    await this.createButton.click();
    const dialog = this.createDialog;
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Användarnamn', exact: true }).fill(user.username);
    await dialog.getByRole('textbox', { name: 'Namn', exact: true }).fill(user.displayName);
    await dialog.getByRole('combobox', { name: 'Roll' }).selectOption({ label: user.role });
    await dialog.getByRole('textbox', { name: 'Lösenord', exact: true }).fill(user.password);
  }

  async submitCreateForm(): Promise<void> {
    await this.createDialog.getByRole('button', { name: 'Skapa användare' }).click();
  }

  async createUser(user: NewUserForm): Promise<void> {
    await this.fillCreateForm(user);
    await this.submitCreateForm();
    await expect(this.createDialog).toBeHidden();
  }
}
