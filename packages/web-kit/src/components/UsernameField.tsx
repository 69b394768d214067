import { TextInput, type TextInputProps } from '@mantine/core';
import type { Ref } from 'react';

/**
 * A user name field as a sign-in form wants it: the browser's password manager fills it, and
 * neither capitals nor the spell checker change what was typed.
 */
export function UsernameField({
  ref,
  ...props
}: Omit<TextInputProps, 'name' | 'autoComplete'> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <TextInput
      ref={ref}
      name="username"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      {...props}
    />
  );
}
