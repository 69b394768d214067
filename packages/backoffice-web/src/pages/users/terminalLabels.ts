import type { Terminal } from '@kassa/contracts';
import type { Translate } from '../../i18n/translate';

/** `Kassa 1 (K1)`, marked when inactive. */
export function terminalLabel(t: Translate, terminal: Terminal): string {
  const label = t('users.terminalOption', { name: terminal.name, registerId: terminal.registerId });
  return terminal.active ? label : t('users.terminalOption.inactive', { terminal: label });
}

/** The names of a cashier's terminals, in the list's order; unknown ids are counted, not lost. */
export function terminalNames(
  t: Translate,
  terminalIds: readonly string[],
  terminals: readonly Terminal[],
): string[] {
  const wanted = new Set(terminalIds);
  const names = terminals
    .filter((terminal) => wanted.has(terminal.id))
    .map((terminal) => terminalLabel(t, terminal));
  const unknown = terminalIds.length - names.length;
  return unknown > 0 ? [...names, t('users.terminals.unknown', { count: unknown })] : names;
}
