import { Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Terminal, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { terminalLabel } from './terminalLabels';

/** Which terminals a cashier may sign in at. */
export function ChooseTerminalsModal({
  user,
  terminals,
  onClose,
  onSaved,
}: {
  user: User;
  terminals: readonly Terminal[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [selected, setSelected] = useState<string[]>(user.terminalIds);

  const submit = () =>
    run(async () => {
      onSaved(await api.setUserTerminals(user.id, selected));
    });

  const options = terminals.map((terminal) => ({
    value: terminal.id,
    label: terminalLabel(t, terminal),
  }));

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.terminalsModal.title', { username: user.username })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('users.terminalsModal.body', { name: user.displayName })}
          </Text>
          {error !== null && <ErrorAlert error={error} />}
          {terminals.length === 0 ? (
            <Text size="sm">{t('users.terminalsModal.noTerminals')}</Text>
          ) : (
            <MultiSelect
              label={t('users.field.terminals')}
              placeholder={
                selected.length === 0 ? t('users.field.terminalsPlaceholder') : undefined
              }
              data={options}
              value={selected}
              onChange={setSelected}
              searchable
              hidePickedOptions={false}
              nothingFoundMessage={t('users.terminalsModal.nothingFound')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
