import { Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { queries } from '../../api/queries';
import {
  accountingSettingsBodySchema,
  SIE_ACCOUNT_ROLES,
  type AccountingSettings as Settings,
  type SieAccounts,
} from '@kassa/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import { planErrors, roleLabelKey, sameAccounts, type PlanForm } from './accountPlan';

/** Inställningar → Bokföring (SIE): the accounts the SIE export books to (admins). */
export function AccountingSettings() {
  const t = useT();
  const { result, reload } = useApiData(queries.accountingSettings);
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="settings-sie">
      <Title order={2} size="h4" id="settings-sie">
        {t('accounting.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        {t('accounting.intro')}
      </Text>
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' && <AccountPlanForm initial={result.data} />}
    </Card>
  );
}

function AccountPlanForm({ initial }: { initial: Settings }) {
  const t = useT();
  const api = useApi();
  const [saved, setSaved] = useState(initial);
  // The body the server parses and its rules in advance (validateAccounts).
  const { form, fieldError, errorsOf } = useSchemaForm<PlanForm>(
    accountingSettingsBodySchema,
    { accounts: initial.accounts },
    { rules: planErrors },
  );
  // After a refused save the errors follow the edits until the plan is saved, as before.
  const [showErrors, setShowErrors] = useState(false);
  const [notice, setNotice] = useState(false);
  const { submitting, error, run } = useSubmit();
  const plan = form.values.accounts;
  const changed = !sameAccounts(plan, saved.accounts);

  function setPlan(accounts: SieAccounts) {
    form.setValues({ accounts });
    form.setErrors(showErrors ? errorsOf({ accounts }) : {});
  }

  const save = form.onSubmit(
    ({ accounts }) =>
      void run(async () => {
        const stored = await api.saveAccountingSettings(accounts);
        setSaved(stored);
        form.setValues({ accounts: stored.accounts });
        setShowErrors(false);
        setNotice(true);
      }),
    () => setShowErrors(true),
  );

  return (
    <form
      onSubmit={(event) => {
        setNotice(false);
        save(event);
      }}
      noValidate
    >
      <Stack gap="md">
        <Table.ScrollContainer minWidth={640} type="native">
          <Table aria-label={t('accounting.tableLabel')} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accounting.column.use')}</Table.Th>
                <Table.Th scope="col" w={130}>
                  {t('accounting.column.number')}
                </Table.Th>
                <Table.Th scope="col">{t('accounting.column.name')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SIE_ACCOUNT_ROLES.map((role) => {
                const account = plan[role];
                const label = t(roleLabelKey(role));
                return (
                  <Table.Tr key={role}>
                    <Table.Th scope="row" fw={500}>
                      {label}
                    </Table.Th>
                    <Table.Td>
                      <TextInput
                        aria-label={t('accounting.numberFor', { use: label })}
                        value={account.number}
                        inputMode="numeric"
                        maxLength={6}
                        onChange={(event) => {
                          setNotice(false);
                          const number = event.currentTarget.value.trim();
                          setPlan({ ...plan, [role]: { ...plan[role], number } });
                        }}
                        error={fieldError(`accounts.${role}.number`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('accounting.nameFor', { use: label })}
                        value={account.name}
                        maxLength={100}
                        onChange={(event) => {
                          setNotice(false);
                          const name = event.currentTarget.value;
                          setPlan({ ...plan, [role]: { ...plan[role], name } });
                        }}
                        error={fieldError(`accounts.${role}.name`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {saved.updatedAt === null
            ? t('accounting.usingDefaults')
            : t('accounting.updatedAt', { time: formatDateTime(saved.updatedAt) })}
        </Text>
        {error !== null && <ErrorAlert error={error} />}
        {notice && (
          <Alert color="teal" variant="light" role="status">
            {t('accounting.saved')}
          </Alert>
        )}
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() => {
              setNotice(false);
              setPlan(saved.defaults);
            }}
          >
            {t('accounting.useBas')}
          </Button>
          <Group gap="sm">
            <Button variant="default" disabled={!changed} onClick={() => setPlan(saved.accounts)}>
              {t('accounting.undo')}
            </Button>
            <Button type="submit" loading={submitting} disabled={!changed}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
