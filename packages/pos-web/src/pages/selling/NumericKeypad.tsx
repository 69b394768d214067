import { Button } from '@mantine/core';
import type { MouseEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { keypadDigits, type KeypadKey } from '../../selling/entry';

/**
 * 1–9, a comma (when decimals are allowed), 0 and ⌫. The keys do not take the focus, so the field
 * they type into keeps it and a physical keyboard keeps working.
 */
export function NumericKeypad({
  onKey,
  allowComma,
  disabled = false,
}: {
  onKey: (key: KeypadKey) => void;
  allowComma: boolean;
  disabled?: boolean;
}) {
  const t = useT();
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  const key = (value: KeypadKey, label: string, ariaLabel?: string) => (
    <Button
      key={value}
      className="keypad-key"
      variant="default"
      aria-label={ariaLabel}
      onMouseDown={keepFocus}
      onClick={() => onKey(value)}
      disabled={disabled || (value === ',' && !allowComma)}
    >
      {label}
    </Button>
  );
  return (
    <div role="group" aria-label={t('keypad.label')} className="keypad">
      {keypadDigits.slice(0, 9).map((digit) => key(digit, digit))}
      {key(',', ',', t('keypad.comma'))}
      {key('0', '0')}
      {key('backspace', '⌫', t('keypad.backspace'))}
    </div>
  );
}
