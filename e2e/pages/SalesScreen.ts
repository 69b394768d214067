import {
  expect,
  type CDPSession,
  type FrameLocator,
  type Locator,
  type Page,
} from '@playwright/test';

/** "1 234,50 kr", "-3,00", "+0,40 kr" → öre. Throws on anything that is not an amount. */
export function parseKr(text: string): number {
  const match = /^([-+−]?)(\d{1,3}(?:[\s\u00a0\u202f]?\d{3})*),(\d{2})(?:\s*kr)?$/.exec(
    text.trim(),
  );
  if (match === null) throw new Error(`not an amount in kronor: ${JSON.stringify(text)}`);
  const [, sign = '', kronor = '', ore = ''] = match;
  const value = Number(kronor.replace(/\D/g, '')) * 100 + Number(ore);
  return sign === '-' || sign === '−' ? -value : value;
}

/**
 * The register's sales screen (packages/pos-web, SalesPage): the receipt in progress, the product
 * grid, the action bar and its dialogs, as a cashier sees them (Swedish).
 */
export class SalesScreen {
  readonly receipt: Locator;
  readonly lines: Locator;
  readonly total: Locator;
  readonly pay: Locator;
  readonly products: Locator;
  readonly search: Locator;
  readonly actions: Locator;
  readonly trainingBand: Locator;
  readonly menu: Locator;
  readonly signOut: Locator;
  /** The one dialog open (its name is its title, which changes as it moves on). */
  readonly dialog: Locator;
  private cdp: CDPSession | undefined;

  constructor(readonly page: Page) {
    this.receipt = page.getByRole('region', { name: 'Pågående kvitto' });
    this.lines = this.receipt.getByRole('list', { name: 'Kvittorader' });
    this.total = this.receipt.getByRole('status', { name: 'Att betala' });
    this.pay = this.receipt.getByRole('button', { name: 'Betala', exact: true });
    this.products = page.getByRole('region', { name: 'Produkter' });
    this.search = this.products.getByRole('searchbox', { name: 'Sök produkt' });
    this.actions = page.getByRole('navigation', { name: 'Åtgärder' });
    // Case-sensitive: the notice "Övningsläget är på" must not count as the band.
    this.trainingBand = page.getByRole('status').filter({ hasText: /ÖVNINGSLÄGE/ });
    this.menu = page.getByRole('button', { name: 'Meny' });
    this.signOut = page.getByRole('button', { name: 'Logga ut' });
    this.dialog = page.getByRole('dialog');
  }

  /** The confirmation of the last step above the product grid (a green status). */
  notice(text: string): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  signedInAs(displayName: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Inloggad som ${displayName}` });
  }

  /** A line of the receipt in progress (a toggle button) by its article text. */
  line(text: string): Locator {
    return this.lines.getByRole('button').filter({ hasText: text });
  }

  /** A product button of the grid by its name. */
  product(name: string): Locator {
    return this.products.getByRole('button').filter({ hasText: name });
  }

  /** A button of the action bar at the bottom, by its exact name ("Parkera", "Parkerade (1)"). */
  action(name: string): Locator {
    return this.actions.getByRole('button', { name, exact: true });
  }

  /**
   * A keyboard-wedge scanner: the code's keys a few milliseconds apart, then Enter, sent through
   * Chromium's input pipeline (real, trusted key events to whatever has the focus). Like a real
   * scanner, the device sets the keys' times (`KeyboardEvent.timeStamp`, 4 ms apart), so a busy
   * page cannot stretch the burst; `keyboard.type` stamps each key when Chromium gets round to it,
   * which on a loaded machine can exceed the screen's 50 ms scan gap.
   */
  async scan(barcode: string): Promise<void> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    const start = Date.now() / 1000;
    const keys = [
      ...[...barcode].map((digit) => ({
        key: digit,
        code: `Digit${digit}`,
        text: digit,
        windowsVirtualKeyCode: digit.charCodeAt(0),
      })),
      { key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 },
    ];
    for (const [index, key] of keys.entries()) {
      const timestamp = start + index * 0.004;
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, timestamp });
      await this.cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: key.key,
        code: key.code,
        windowsVirtualKeyCode: key.windowsVirtualKeyCode,
        timestamp: timestamp + 0.001,
      });
    }
  }

  /** The amount "Att betala" shows, in öre. */
  async totalOre(): Promise<number> {
    return parseKr(await this.total.getByTestId('sale-total').innerText());
  }

  /** Picks an option of a segmented control (a radio group): its label is what a finger taps. */
  async choose(group: string, option: string, within: Locator = this.dialog): Promise<void> {
    const radios = within.getByRole('radiogroup', { name: group });
    await radios.getByText(option, { exact: true }).click();
    await expect(radios.getByRole('radio', { name: option, exact: true })).toBeChecked();
  }

  /** Opens the menu and switches training mode on or off. */
  async switchTraining(on: boolean): Promise<void> {
    await this.menu.click();
    await this.page
      .getByRole('menuitem', { name: on ? 'Starta övningsläge' : 'Avsluta övningsläge' })
      .click();
    await expect(
      this.notice(on ? 'Övningsläget är på.' : 'Övningsläget är avslutat.'),
    ).toBeVisible();
  }

  /** The receipt or report preview in the open dialog: a sandboxed frame of the register's HTML. */
  preview(title: string): FrameLocator {
    return this.dialog.frameLocator(`iframe[title="${title}"]`);
  }
}

/** The rows "label … value" of a receipt or report preview, label → value text. */
export async function previewRows(frame: FrameLocator): Promise<Map<string, string>> {
  const rows = frame.locator('.row');
  await expect(rows.first()).toBeVisible();
  const texts = await rows.evaluateAll((elements) =>
    elements.map((element) => [...element.querySelectorAll('span')].map((s) => s.textContent)),
  );
  const map = new Map<string, string>();
  for (const [label, value] of texts) {
    if (label !== undefined && value !== undefined) map.set(label?.trim() ?? '', value ?? '');
  }
  return map;
}

/** The key figures table of a taken X or Z report in the Rapporter dialog: label → value text. */
export async function reportTable(dialog: Locator, name: string): Promise<Map<string, string>> {
  const table = dialog.getByRole('table', { name });
  await expect(table).toBeVisible();
  const map = new Map<string, string>();
  for (const row of await table.getByRole('row').all()) {
    const label = await row.getByRole('rowheader').innerText();
    const value = await row.getByRole('cell').innerText();
    map.set(label.trim(), value.trim());
  }
  return map;
}
