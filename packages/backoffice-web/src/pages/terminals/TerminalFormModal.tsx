import { NativeSelect, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useApi } from '../../api/ApiProvider';
import { queries } from '../../api/queries';
import type { PlaceOfBusiness, Terminal } from '@kassa/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DialogModal, ModalForm } from '../../components/FormModal';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import {
  normaliseRegisterId,
  validateTerminalForm,
  type TerminalForm,
  type TerminalFormErrors,
} from './terminalRules';

/** "Ny terminal" (create) or "Ändra …" (rename and move; the kassabeteckning stays). */
export function TerminalFormModal({
  terminal,
  onClose,
  onSaved,
}: {
  /** The terminal to edit; a new one is created without it. */
  terminal?: Terminal;
  onClose: () => void;
  onSaved: (terminal: Terminal) => void;
}) {
  const t = useT();
  const { result, reload } = useApiData(queries.environment);
  const title =
    terminal === undefined
      ? t('terminals.createModal.title')
      : t('terminals.editModal.title', { name: terminal.name });

  return (
    <DialogModal title={title} onClose={onClose}>
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' && (
        <TerminalFormFields
          places={result.data.placesOfBusiness}
          terminal={terminal}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </DialogModal>
  );
}

function TerminalFormFields({
  places,
  terminal,
  onClose,
  onSaved,
}: {
  places: PlaceOfBusiness[];
  terminal: Terminal | undefined;
  onClose: () => void;
  onSaved: (terminal: Terminal) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const mode = terminal === undefined ? 'create' : 'edit';
  // mantine-form with the terminal rules (the API's, worded for each field); typing in a field
  // clears its error.
  const form = useForm<TerminalForm>({
    initialValues: {
      name: terminal?.name ?? '',
      placeOfBusinessId:
        terminal?.placeOfBusinessId ?? (places.length === 1 ? (places[0]?.id ?? '') : ''),
      registerId: terminal?.registerId ?? '',
    },
    validate: (values) => validateTerminalForm(values, mode),
  });
  const fieldError = (field: keyof TerminalForm) => {
    const key = form.errors[field] as TerminalFormErrors[typeof field];
    return key === undefined ? undefined : t(key);
  };
  const change = (field: keyof TerminalForm, value: string) => form.setFieldValue(field, value);

  const submit = form.onSubmit((values) =>
    run(async () => {
      const name = values.name.trim();
      const saved =
        terminal === undefined
          ? await api.createTerminal({
              name,
              placeOfBusinessId: values.placeOfBusinessId,
              registerId: normaliseRegisterId(values.registerId),
            })
          : await api.updateTerminal(terminal.id, {
              name,
              placeOfBusinessId: values.placeOfBusinessId,
            });
      onSaved(saved);
    }),
  );

  const placeOptions = [
    ...(form.values.placeOfBusinessId === ''
      ? [{ value: '', label: t('terminals.field.placeChoose'), disabled: true }]
      : []),
    ...places.map((place) => ({
      value: place.id,
      label: `${place.name} – ${place.streetAddress}, ${place.city}`,
    })),
  ];

  return (
    <ModalForm
      error={error}
      submitting={submitting}
      submitLabel={mode === 'create' ? t('terminals.createModal.submit') : t('common.save')}
      submitDisabled={places.length === 0}
      onSubmit={() => submit()}
      onCancel={onClose}
    >
      <TextInput
        label={t('terminals.field.name')}
        description={t('terminals.field.nameHint')}
        autoComplete="off"
        required
        data-autofocus
        maxLength={60}
        value={form.values.name}
        error={fieldError('name')}
        onChange={(event) => change('name', event.currentTarget.value)}
      />
      {places.length === 0 ? (
        <Text size="sm" c="red">
          {t('terminals.noPlaces')}
        </Text>
      ) : (
        <NativeSelect
          label={t('terminals.field.place')}
          required
          data={placeOptions}
          value={form.values.placeOfBusinessId}
          error={fieldError('placeOfBusinessId')}
          onChange={(event) => change('placeOfBusinessId', event.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('terminals.field.registerId')}
        description={
          mode === 'create'
            ? t('terminals.field.registerIdHint')
            : t('terminals.field.registerIdFixed')
        }
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required={mode === 'create'}
        readOnly={mode === 'edit'}
        maxLength={16}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        value={form.values.registerId}
        error={fieldError('registerId')}
        onChange={(event) => change('registerId', event.currentTarget.value.toUpperCase())}
      />
    </ModalForm>
  );
}
