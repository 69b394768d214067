import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Rapporter: the Z-report archive, the journal export and the SIE export (Swedish). */
export class ReportsPage {
  readonly heading: Locator;
  readonly zArchive: Locator;
  readonly zTable: Locator;
  readonly journal: Locator;
  readonly sie: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Rapporter', level: 1 });
    this.zArchive = page.getByRole('region', { name: 'Z-rapporter' });
    this.zTable = this.zArchive.getByRole('table', { name: 'Z-rapporter' });
    this.journal = page.getByRole('region', { name: 'Journalexport till Skatteverket' });
    this.sie = page.getByRole('region', { name: 'SIE-export till bokföringen' });
  }

  /** The archive's row of Z-report `number` of a register. */
  zRow(registerId: string, number: number): Locator {
    return this.zTable
      .getByRole('row')
      .filter({ hasText: registerId })
      .filter({ has: this.page.getByRole('rowheader', { name: String(number), exact: true }) });
  }

  /** Opens a Z-report; answers its drawer (a dialog named "Z-rapport N – terminal"). */
  async openZ(registerId: string, number: number, terminalName: string): Promise<Locator> {
    await this.zTable
      .getByRole('button', { name: `Visa Z-rapport ${number} från ${registerId}` })
      .click();
    const drawer = this.page.getByRole('dialog', { name: `Z-rapport ${number} – ${terminalName}` });
    await expect(drawer).toBeVisible();
    return drawer;
  }

  /** A value in a section of the Z drawer ("Total försäljning" → "193,00 kr"). */
  zValue(drawer: Locator, label: string): Locator {
    return drawer
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** Clicks a download button in `scope` and waits for the browser's download. */
  async download(scope: Locator, button: string | RegExp): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await scope.getByRole('button', { name: button }).click();
    return downloading;
  }
}
