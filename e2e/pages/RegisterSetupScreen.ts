import { expect, type Locator, type Page } from '@playwright/test';

export interface AdminCredentials {
  address: string;
  username: string;
  password: string;
}

/** "Anslut kassan": the register's setup screen and its terminal choice (Swedish). */
export class RegisterSetupScreen {
  readonly heading: Locator;
  readonly passwordTab: Locator;
  readonly codeTab: Locator;
  readonly address: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly code: Locator;
  readonly connect: Locator;
  readonly error: Locator;
  readonly terminalsHeading: Locator;
  readonly connectToTerminal: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Anslut kassan' });
    this.passwordTab = page.getByRole('tab', { name: 'Med administratörskonto' });
    this.codeTab = page.getByRole('tab', { name: 'Jag har en parkopplingskod' });
    // Only the fields of the visible tab count (both tabs have an address field).
    this.address = page.getByRole('textbox', { name: 'Adress' });
    this.username = page.getByRole('textbox', { name: 'Användarnamn' });
    this.password = page.getByRole('textbox', { name: 'Lösenord', exact: true });
    this.code = page.getByRole('textbox', { name: 'Parkopplingskod' });
    this.connect = page.getByRole('button', { name: 'Anslut', exact: true });
    this.error = page.getByRole('alert');
    this.terminalsHeading = page.getByRole('heading', { name: 'Välj terminal' });
    this.connectToTerminal = page.getByRole('button', { name: 'Anslut till vald terminal' });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
  }

  async fillCredentials(credentials: AdminCredentials): Promise<void> {
    await this.address.fill(credentials.address);
    await this.username.fill(credentials.username);
    await this.password.fill(credentials.password);
  }

  /** The choice for a terminal, by its name (its accessible name is the whole card's text). */
  terminal(name: string): Locator {
    return this.page.getByRole('radio', { name: new RegExp(`^${name}\\b`) });
  }

  /** The whole card of a terminal's choice (name, kassabeteckning, place, binding state). */
  terminalCard(name: string): Locator {
    return this.page.locator('label', { has: this.terminal(name) });
  }

  /** Opens "Jag har en parkopplingskod" and connects with a code (and address, if given). */
  async connectWithCode(code: string, address?: string): Promise<void> {
    await this.codeTab.click();
    await this.code.fill(code);
    if (address !== undefined) await this.address.fill(address);
    await this.connect.click();
  }
}
