import {
  Alert,
  Badge,
  Button,
  Card,
  DataList,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Terminal } from '@kassa/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../hooks/useSubmit';
import { formatCount, formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import {
  backlogOf,
  canRemoveBinding,
  confirmationMatches,
  maximumReasonLength,
  removeBindingBody,
  type RemoveBindingForm,
} from './bindingRules';
import { CodeText } from './CodeText';

/**
 * "Ta bort koppling mot hårdvara": only for a crashed disk or a replaced PC. Shows what the old PC
 * last reported (its last contact and the entries it has not uploaded, which exist only there)
 * and asks for the kassabeteckning and a reason before anything is sent.
 */
export function RemoveBindingModal({
  terminal,
  onClose,
  onRemoved,
  onDownloadInstaller,
}: {
  terminal: Terminal;
  onClose: () => void;
  onRemoved: (terminal: Terminal) => void;
  onDownloadInstaller: (terminal: Terminal) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [form, setForm] = useState<RemoveBindingForm>({ confirmation: '', reason: '' });
  const [confirmationTouched, setConfirmationTouched] = useState(false);
  const [removed, setRemoved] = useState<Terminal | null>(null);
  const { binding, registerId } = terminal;

  const submit = () =>
    run(async () => {
      const body = removeBindingBody(form);
      const updated = await api.removeBinding(terminal.id, body.confirmation, body.reason);
      setRemoved(updated);
      onRemoved(updated);
    });

  // No autofocus into the form: it would scroll the warning at the top out of view on small
  // screens. Mantine focuses the close button instead.
  const matches = confirmationMatches(form.confirmation, registerId);
  const backlog = backlogOf(terminal.unsyncedEntries);

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('removeBinding.title', { name: terminal.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {removed !== null || binding === null ? (
        <Stack gap="sm">
          {removed !== null && binding !== null ? (
            <>
              <Alert color="teal" variant="light" role="status">
                {t('removeBinding.done', { name: terminal.name, pcName: binding.pcName })}
              </Alert>
              <Text size="sm">{t('removeBinding.doneNext')}</Text>
            </>
          ) : (
            <Text size="sm">{t('terminals.binding.none')}</Text>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            {removed !== null && (
              <Button onClick={() => onDownloadInstaller(removed)}>
                {t('terminals.action.installer')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (canRemoveBinding(form, registerId)) void submit();
          }}
        >
          <Stack gap="md">
            <Alert
              color="red"
              variant="light"
              title={t('removeBinding.onlyWhen')}
              icon={<span aria-hidden="true">⚠</span>}
            >
              <CodeText text={t('removeBinding.onlyWhenBody', { pcName: binding.pcName })} />
            </Alert>

            <Card
              component="section"
              withBorder
              radius="md"
              padding="md"
              aria-labelledby="bound-pc"
            >
              <Title order={3} size="h5" id="bound-pc" mb="xs">
                {t('removeBinding.boundPc')}
              </Title>
              <DataList labelWidth={200} withDivider>
                <Item label={t('removeBinding.pcName')}>
                  <Text size="sm" fw={600}>
                    {binding.pcName}
                  </Text>
                </Item>
                <Item label={t('removeBinding.fingerprint')}>
                  <Text size="sm" ff="monospace">
                    {binding.fingerprintShort}
                  </Text>
                </Item>
                <Item label={t('removeBinding.boundAt')}>
                  <Text size="sm">{formatDateTime(binding.boundAt)}</Text>
                </Item>
                <Item label={t('removeBinding.lastContact')}>
                  <Text size="sm" fw={600}>
                    {terminal.lastContactAt === null
                      ? t('terminals.lastContact.never')
                      : formatDateTime(terminal.lastContactAt)}
                  </Text>
                </Item>
                <Item label={t('removeBinding.unsynced')}>
                  {terminal.unsyncedEntries === null ? (
                    <Text size="sm" c="dimmed">
                      {t('terminals.unsynced.unknown')}
                    </Text>
                  ) : backlog === 'at-risk' ? (
                    <Badge color="red" variant="filled" radius="sm" size="lg">
                      {formatCount(terminal.unsyncedEntries)}
                    </Badge>
                  ) : (
                    <Text size="sm" fw={600}>
                      {formatCount(terminal.unsyncedEntries)}
                    </Text>
                  )}
                </Item>
              </DataList>
            </Card>

            {backlog === 'at-risk' && (
              <Alert
                color="red"
                variant="filled"
                title={t('removeBinding.atRiskTitle', { pcName: binding.pcName })}
              >
                {t('removeBinding.atRiskBody', {
                  count: formatCount(terminal.unsyncedEntries ?? 0),
                })}
              </Alert>
            )}

            <TextInput
              label={t('removeBinding.confirmation')}
              description={t('removeBinding.confirmationHint', { registerId })}
              required
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={form.confirmation}
              error={
                confirmationTouched && form.confirmation.trim() !== '' && !matches
                  ? t('removeBinding.confirmationMismatch', { registerId })
                  : undefined
              }
              onBlur={() => setConfirmationTouched(true)}
              onChange={(event) => {
                const confirmation = event.currentTarget.value;
                setForm((current) => ({ ...current, confirmation }));
              }}
            />
            <Textarea
              label={t('removeBinding.reason')}
              description={t('removeBinding.reasonHint')}
              required
              autosize
              minRows={2}
              maxRows={5}
              maxLength={maximumReasonLength}
              value={form.reason}
              onChange={(event) => {
                const reason = event.currentTarget.value;
                setForm((current) => ({ ...current, reason }));
              }}
            />

            {error !== null && <ErrorAlert error={error} />}

            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color="red"
                loading={submitting}
                disabled={!canRemoveBinding(form, registerId)}
              >
                {t('removeBinding.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
