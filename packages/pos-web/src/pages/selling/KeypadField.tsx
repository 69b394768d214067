import { Group, Stack, TextInput } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { pressKeypad, type EntryRules, type KeypadKey } from '../../selling/entry';
import { NumericKeypad } from './NumericKeypad';

/** A number field with the screen's keypad beside it; Enter in the field submits. */
export function KeypadField({
  label,
  value,
  onChange,
  onSubmit,
  rules,
  error,
  description,
  rightSection,
  autoFocus = true,
  replaceOnFirstKey = false,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  rules: EntryRules;
  error?: ReactNode;
  description?: ReactNode;
  rightSection?: ReactNode;
  autoFocus?: boolean;
  /** The first key replaces the value shown (as on a calculator) instead of adding to it. */
  replaceOnFirstKey?: boolean;
  /** Shown under the field, beside the keypad (quick buttons, results). */
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const touched = useRef(!replaceOnFirstKey);
  const press = (key: KeypadKey) => {
    const start = touched.current ? value : '';
    touched.current = true;
    onChange(pressKeypad(start, key, rules));
    input.current?.focus();
  };
  return (
    <Group align="flex-start" gap="lg" wrap="nowrap">
      <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
        <TextInput
          ref={input}
          label={label}
          value={value}
          onChange={(event) => {
            touched.current = true;
            onChange(event.currentTarget.value);
          }}
          onFocus={(event) => {
            if (!touched.current) event.currentTarget.select();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onSubmit();
            }
          }}
          inputMode={rules.decimals > 0 ? 'decimal' : 'numeric'}
          autoComplete="off"
          size="xl"
          error={error}
          description={description}
          rightSection={rightSection}
          rightSectionWidth={rightSection === undefined ? undefined : 64}
          data-autofocus={autoFocus ? true : undefined}
          classNames={{ input: 'keypad-input' }}
        />
        {children}
      </Stack>
      <NumericKeypad onKey={press} allowComma={rules.decimals > 0} />
    </Group>
  );
}
