import { expect, type Locator, type Page } from '@playwright/test';

export type Language = 'sv' | 'en';

const navLabels = {
  sv: [
    'Start',
    'Terminaler och kassor',
    'Användare',
    'Produkter',
    'Försäljning',
    'Rapporter',
    'Granskningslogg',
    'Inställningar',
  ],
  en: [
    'Home',
    'Terminals and registers',
    'Users',
    'Products',
    'Sales',
    'Reports',
    'Audit log',
    'Settings',
  ],
} as const;

const menuName = { sv: 'Huvudmeny', en: 'Main menu' } as const;
const signOutName = { sv: 'Logga ut', en: 'Sign out' } as const;

/** The administrator's menu with every module licensed (the demo environment's licence). */
export const adminMenu = navLabels;

/** The signed-in application shell: header, main menu and the page area. */
export class Backoffice {
  readonly main: Locator;
  readonly languageSwitch: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.languageSwitch = page.getByRole('radiogroup', { name: /Språk|Language/ });
  }

  menu(language: Language = 'sv'): Locator {
    return this.page.getByRole('navigation', { name: menuName[language] });
  }

  navLink(name: string, language: Language = 'sv'): Locator {
    return this.menu(language).getByRole('link', { name, exact: true });
  }

  async expectMenu(language: Language): Promise<void> {
    await expect(this.menu(language).getByRole('link')).toHaveText([...navLabels[language]]);
  }

  async open(name: string, language: Language = 'sv'): Promise<void> {
    await this.navLink(name, language).click();
    await expect(this.navLink(name, language)).toHaveAttribute('aria-current', 'page');
  }

  async switchLanguage(language: Language): Promise<void> {
    await this.page.getByText(language.toUpperCase(), { exact: true }).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  async signOut(language: Language = 'sv'): Promise<void> {
    await this.page.getByRole('button', { name: signOutName[language] }).click();
  }
}
