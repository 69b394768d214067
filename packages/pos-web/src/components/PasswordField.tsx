import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

/** Mantine's PasswordInput with its show/hide button named in the user's language. */
export function PasswordField(props: PasswordInputProps) {
  const t = useT();
  return (
    <PasswordInput
      {...props}
      // A 48 px show/hide button: a finger must hit it.
      rightSectionWidth={56}
      visibilityToggleButtonProps={{ 'aria-label': t('password.toggleVisibility') }}
      styles={{ visibilityToggle: { width: 48, height: 48, minWidth: 48, minHeight: 48 } }}
    />
  );
}
