import { Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { queries } from '../../api/queries';
import type { AuditEntry, Environment, Terminal, User } from '@kassa/contracts';
import { ListTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApiDataAll } from '../../hooks/useApiData';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import { actionLabel, actorLabel, detailLines, targetLabel, type AuditLookups } from './auditText';

interface AuditData {
  entries: AuditEntry[];
  users: User[];
  terminals: Terminal[];
  environment: Environment;
}

/** Granskningslogg: who did what, when and from where (admins only; newest first). */
export function AuditLogPage() {
  const t = useT();
  const { result, reload } = useApiDataAll({
    entries: queries.auditLog,
    users: queries.users,
    terminals: queries.terminals,
    environment: queries.environment,
  });

  return (
    <Stack gap="lg">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' && <AuditTable data={result.data} />}
    </Stack>
  );
}

function AuditTable({ data }: { data: AuditData }) {
  const t = useT();
  const lookups = useMemo<AuditLookups>(() => {
    const users = new Map(data.users.map((user) => [user.id, user.username]));
    const terminals = new Map(data.terminals.map((terminal) => [terminal.id, terminal.name]));
    const places = new Map(
      data.environment.placesOfBusiness.map((place) => [place.id, place.name]),
    );
    return {
      userName: (id) => users.get(id),
      terminalName: (id) => terminals.get(id),
      placeName: (id) => places.get(id),
    };
  }, [data]);

  if (data.entries.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('audit.showing', { count: data.entries.length })}
      </Text>
      <ListTable
        label={t('audit.tableLabel')}
        minWidth={900}
        verticalSpacing="xs"
        horizontalSpacing="md"
        striped
        fz="sm"
        columns={[
          { label: t('audit.column.at'), w: 150 },
          { label: t('audit.column.actor') },
          { label: t('audit.column.action') },
          { label: t('audit.column.target') },
          { label: t('audit.column.details') },
          { label: t('audit.column.address') },
        ]}
      >
        {data.entries.map((entry) => {
          const lines = detailLines(t, entry, lookups);
          return (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, { seconds: true })}</time>
              </Table.Td>
              <Table.Td>{actorLabel(t, entry.actor)}</Table.Td>
              <Table.Td fw={500} title={entry.action}>
                {actionLabel(t, entry.action)}
              </Table.Td>
              <Table.Td>{targetLabel(t, entry, lookups)}</Table.Td>
              <Table.Td>
                {lines.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('common.dash')}
                  </Text>
                ) : (
                  lines.map((line, index) => (
                    <Text key={index} size="sm">
                      {line}
                    </Text>
                  ))
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" c={entry.address === null ? 'dimmed' : undefined}>
                  {entry.address ?? t('common.dash')}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
    </Stack>
  );
}
