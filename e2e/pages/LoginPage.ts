import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-in page, in Swedish unless the browser remembers English. */
export class LoginPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Logga in' });
    this.username = page.getByRole('textbox', { name: 'Användarnamn' });
    this.password = page.getByRole('textbox', { name: 'Lösenord', exact: true });
    this.submit = page.getByRole('button', { name: 'Logga in' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
