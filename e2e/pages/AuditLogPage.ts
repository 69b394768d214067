import type { Locator, Page } from '@playwright/test';

/** Granskningslogg (Swedish). */
export class AuditLogPage {
  readonly heading: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Granskningslogg', level: 1 });
    this.table = page.getByRole('table', { name: 'Granskningslogg' });
  }

  /** Rows with this event label that concern this target text. */
  entries(action: string, target: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: action, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: target, exact: true }) });
  }
}
