import { Button, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { RegisterTerminalChoice, RegisterTerminalList } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';

/** Only active terminals without a binding can be chosen. */
function isSelectable(terminal: RegisterTerminalChoice): boolean {
  return terminal.active && terminal.binding === null;
}

/**
 * The second step of connecting with admin credentials: the environment's terminals, unbound ones
 * selectable, bound ones shown (with the PC they are bound to) but disabled.
 */
export function TerminalChoice({
  list,
  selected,
  onSelect,
  onSubmit,
  onBack,
  onReload,
  submitting,
  problem,
}: {
  list: RegisterTerminalList;
  selected: string | null;
  onSelect: (id: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onBack: () => void;
  onReload: () => void;
  submitting: boolean;
  problem: ReactNode;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const anySelectable = list.terminals.some(isSelectable);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('terminals.title')}
          </Title>
          <Text size="md" mt={4}>
            {t('terminals.intro', { company: list.environment.companyName })}
          </Text>
        </div>
        {problem}
        {list.terminals.length === 0 ? (
          <Text size="md" fw={600}>
            {t('terminals.none')}
          </Text>
        ) : (
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <VisuallyHidden component="legend">{t('terminals.listLabel')}</VisuallyHidden>
            <Stack gap="sm">
              {list.terminals.map((terminal) => (
                <TerminalOption
                  key={terminal.id}
                  terminal={terminal}
                  checked={terminal.id === selected}
                  onSelect={onSelect}
                />
              ))}
            </Stack>
          </fieldset>
        )}
        {list.terminals.length > 0 && !anySelectable && (
          <Text size="md" fw={600}>
            {t('terminals.noneFree')}
          </Text>
        )}
        <Group justify="space-between" gap="md" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={onBack} disabled={submitting}>
              {t('common.back')}
            </Button>
            <Button variant="default" onClick={onReload} disabled={submitting}>
              {t('terminals.reload')}
            </Button>
          </Group>
          <Button type="submit" loading={submitting} disabled={!anySelectable}>
            {t('terminals.connect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TerminalOption({
  terminal,
  checked,
  onSelect,
}: {
  terminal: RegisterTerminalChoice;
  checked: boolean;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const selectable = isSelectable(terminal);
  const state = !terminal.active
    ? t('terminals.inactive')
    : terminal.binding !== null
      ? t('terminals.boundTo', { pcName: terminal.binding.pcName })
      : t('terminals.free');
  return (
    <label
      className="terminal-option"
      data-checked={checked || undefined}
      data-disabled={!selectable || undefined}
    >
      <input
        type="radio"
        name="terminal"
        value={terminal.id}
        checked={checked}
        disabled={!selectable}
        onChange={() => onSelect(terminal.id)}
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="md" justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg" truncate>
            {terminal.name}
          </Text>
          <Text size="md" fw={600} style={{ flex: 'none' }}>
            {t('terminals.registerId', { registerId: terminal.registerId })}
          </Text>
        </Group>
        <Text size="md">{terminal.placeOfBusinessName}</Text>
        <Text size="md" fw={600} c={selectable ? 'teal.9' : 'red.9'}>
          {state}
        </Text>
      </Stack>
    </label>
  );
}
