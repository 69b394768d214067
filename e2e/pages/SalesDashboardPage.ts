import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Försäljning: the filters, the key figures, the charts (with their hidden tables) and tables. */
export class SalesDashboardPage {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly period: Locator;
  readonly place: Locator;
  readonly terminal: Locator;
  readonly periodText: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Försäljning', level: 1 });
    this.filters = page.getByRole('region', { name: 'Urval' });
    this.period = this.filters.getByRole('combobox', { name: 'Period' });
    this.place = this.filters.getByRole('combobox', { name: 'Försäljningsställe' });
    this.terminal = this.filters.getByRole('combobox', { name: 'Terminal' });
    this.periodText = page.getByTestId('sales-period');
  }

  /** A key figure's card ("Nettoförsäljning", "Antal kvitton", "Snittkvitto", "Returer"). */
  keyFigure(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** A chart or table card by its heading. */
  card(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** The drawn bars (or slices) of a chart card: what the eye sees. */
  drawn(name: string): Locator {
    return this.card(name).locator('.recharts-bar-rectangle path, .recharts-pie-sector path');
  }

  /**
   * The figures of a chart as its table reads them (screen readers get the same): label → the
   * amount cell's text.
   */
  async chartAmounts(name: string): Promise<Map<string, string>> {
    return tableAmounts(this.card(name).getByRole('table', { name, exact: true }), 1);
  }

  /** A sortable table's rows: the row header's text and the cell texts. */
  async tableRows(name: string): Promise<{ label: string; cells: string[] }[]> {
    const table = this.card(name).getByRole('table', { name, exact: true });
    const rows = table.locator('tbody tr');
    const out: { label: string; cells: string[] }[] = [];
    for (const row of await rows.all()) {
      const label = ((await row.getByRole('rowheader').textContent()) ?? '').trim();
      const cells = (await row.getByRole('cell').allTextContents()).map((text) =>
        text.replace(/\s+/g, ' ').trim(),
      );
      out.push({ label, cells });
    }
    return out;
  }

  /** Clicks a column header of a table to sort by it. */
  async sortBy(table: string, column: string): Promise<void> {
    await this.card(table)
      .getByRole('columnheader', { name: new RegExp(`^${column}`) })
      .getByRole('button')
      .click();
  }

  /** Clicks the CSV button of a card and waits for the browser's download. */
  async downloadCsv(name: string): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await this.card(name)
      .getByRole('button', { name: `Ladda ner ${name} som CSV` })
      .click();
    return downloading;
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.periodText).toBeVisible();
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
  }
}

/** A table's rows as row header → the text of cell `amountCell` (whitespace made plain). */
export async function tableAmounts(
  table: Locator,
  amountCell: number,
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const row of await table.locator('tbody tr').all()) {
    const label = ((await row.getByRole('rowheader').textContent()) ?? '').trim();
    const cells = await row.getByRole('cell').allTextContents();
    map.set(label, (cells[amountCell - 1] ?? '').replace(/\s+/g, ' ').trim());
  }
  return map;
}
