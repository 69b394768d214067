import { MultiSelect, Text } from '@mantine/core';
import { setUserTerminalsBodySchema, type Terminal, type User } from '@kassa/contracts';
import { useApi } from '../../api/ApiProvider';
import { FormModal } from '../../components/FormModal';
import { useSchemaForm } from '../../hooks/useSchemaForm';
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
  const { form } = useSchemaForm<{ terminalIds: string[] }>(setUserTerminalsBodySchema, {
    terminalIds: user.terminalIds,
  });
  const selected = form.values.terminalIds;

  const submit = form.onSubmit(({ terminalIds }) =>
    run(async () => {
      onSaved(await api.setUserTerminals(user.id, terminalIds));
    }),
  );

  const options = terminals.map((terminal) => ({
    value: terminal.id,
    label: terminalLabel(t, terminal),
  }));

  return (
    <FormModal
      title={t('users.terminalsModal.title', { username: user.username })}
      description={t('users.terminalsModal.body', { name: user.displayName })}
      error={error}
      submitting={submitting}
      submitLabel={t('common.save')}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      {terminals.length === 0 ? (
        <Text size="sm">{t('users.terminalsModal.noTerminals')}</Text>
      ) : (
        <MultiSelect
          label={t('users.field.terminals')}
          placeholder={selected.length === 0 ? t('users.field.terminalsPlaceholder') : undefined}
          data={options}
          value={selected}
          onChange={(terminalIds) => form.setFieldValue('terminalIds', terminalIds)}
          searchable
          hidePickedOptions={false}
          nothingFoundMessage={t('users.terminalsModal.nothingFound')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </FormModal>
  );
}
