import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useKitT } from '../i18n/i18n';

/**
 * Mantine's PasswordInput with its show/hide button named in the user's language. `touch` makes
 * the button 48 px: a finger must hit it on the till.
 */
export function PasswordField({
  touch = false,
  ...props
}: PasswordInputProps & { touch?: boolean }) {
  const t = useKitT();
  return (
    <PasswordInput
      {...props}
      {...(touch
        ? {
            rightSectionWidth: 56,
            styles: { visibilityToggle: { width: 48, height: 48, minWidth: 48, minHeight: 48 } },
          }
        : {})}
      visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
    />
  );
}
