import { expect, type Locator, type Page } from '@playwright/test';

/** Cashier sign-in at the register: username and a PIN on the keypad or the keyboard (Swedish). */
export class RegisterSignInScreen {
  readonly heading: Locator;
  readonly username: Locator;
  readonly pin: Locator;
  readonly keypad: Locator;
  readonly ok: Locator;
  readonly backspace: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Logga in' });
    this.username = page.getByRole('textbox', { name: 'Användarnamn' });
    this.pin = page.getByRole('textbox', { name: 'PIN-kod' });
    this.keypad = page.getByRole('group', { name: 'Knappsats' });
    this.ok = this.keypad.getByRole('button', { name: 'OK' });
    this.backspace = this.keypad.getByRole('button', { name: 'Radera siffra' });
    this.error = page.getByRole('alert');
  }

  key(digit: string): Locator {
    return this.keypad.getByRole('button', { name: digit, exact: true });
  }

  /** Types the username, taps the PIN on the on-screen keypad and presses OK. */
  async signInWithKeypad(username: string, pin: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.username.fill(username);
    for (const digit of pin) await this.key(digit).click();
    await this.ok.click();
  }
}
