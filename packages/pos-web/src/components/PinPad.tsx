import { Button } from '@mantine/core';
import type { MouseEvent } from 'react';
import { useT } from '../i18n/I18nProvider';
import { pinDigits, type PinKey } from '../sign-in/pin';

/**
 * The on-screen keypad: 1–9, ⌫, 0, OK. The keys do not take the focus when pressed, so the PIN
 * field keeps it (and a physical keyboard keeps working); they are still reachable with Tab.
 */
export function PinPad({
  onKey,
  onOk,
  disabled,
  okLoading,
}: {
  onKey: (key: PinKey) => void;
  onOk: () => void;
  disabled: boolean;
  okLoading: boolean;
}) {
  const t = useT();
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  const digit = (key: (typeof pinDigits)[number]) => (
    <Button
      key={key}
      className="pin-key"
      variant="default"
      onMouseDown={keepFocus}
      onClick={() => onKey(key)}
      disabled={disabled}
    >
      {key}
    </Button>
  );
  return (
    <div role="group" aria-label={t('signIn.keypad')} className="pin-pad">
      {pinDigits.slice(0, 9).map(digit)}
      <Button
        className="pin-key"
        variant="default"
        aria-label={t('signIn.backspace')}
        onMouseDown={keepFocus}
        onClick={() => onKey('backspace')}
        disabled={disabled}
      >
        ⌫
      </Button>
      {digit('0')}
      <Button
        className="pin-key"
        onMouseDown={keepFocus}
        onClick={onOk}
        disabled={disabled}
        loading={okLoading}
      >
        {t('signIn.ok')}
      </Button>
    </div>
  );
}
