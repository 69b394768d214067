import { expect, type Locator, type Page } from '@playwright/test';

/** What every register screen has (header, status bar, language) and the signed-in screen. */
export class RegisterShell {
  readonly header: Locator;
  readonly statusBar: Locator;
  readonly languageSwitch: Locator;
  readonly signOut: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.statusBar = page.getByRole('contentinfo', { name: /Kassans status|Register status/ });
    this.languageSwitch = page.getByRole('radiogroup', { name: /Språk|Language/ });
    this.signOut = page.getByRole('button', { name: 'Logga ut' });
  }

  signedInAs(displayName: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Inloggad som ${displayName}` });
  }

  /** The header names the company, the terminal and its kassabeteckning. */
  async expectIdentity(identity: {
    companyName: string;
    terminalName: string;
    registerId: string;
  }): Promise<void> {
    await expect(this.header.getByText(identity.companyName, { exact: true })).toBeVisible();
    await expect(this.header.getByText(identity.terminalName, { exact: true })).toBeVisible();
    await expect(this.header.getByText(identity.registerId, { exact: true })).toBeVisible();
  }

  async switchLanguage(language: 'sv' | 'en'): Promise<void> {
    await this.languageSwitch.getByText(language.toUpperCase(), { exact: true }).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  /** Buttons and fields on screen that are smaller than a finger (48 × 48 px). */
  async smallTouchTargets(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('button, input:not([type=hidden]), [role=tab], [role=radio]')]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) return false; // not shown
          // Native radios sit in a whole-card label; Mantine hides its own radios under labels.
          const target = element.closest('label') ?? element;
          const area = target.getBoundingClientRect();
          return area.height < 48 || area.width < 48;
        })
        .map((element) => element.getAttribute('aria-label') ?? element.textContent ?? ''),
    );
  }
}
