import { Alert, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { Licence } from '@kassa/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n/I18nProvider';
import { useLicence } from '../../licence/LicenceProvider';
import { licenceUsage } from './terminalRules';

/** "X av Y licensierade terminaler används", the modules, and how to get more when full. */
export function LicenceSummary() {
  const t = useT();
  const { licence, reload } = useLicence();

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="licence-title">
      <Title order={2} size="h4" id="licence-title" mb="sm">
        {t('licence.title')}
      </Title>
      {licence.status === 'loading' && <Loading />}
      {licence.status === 'error' && <ErrorAlert error={licence.error} onRetry={reload} />}
      {licence.status === 'ready' && <LicenceUsageView licence={licence.data} />}
    </Card>
  );
}

function LicenceUsageView({ licence }: { licence: Licence }) {
  const t = useT();
  const usage = licenceUsage(licence);
  const usageText = t('licence.usage', { active: usage.active, licensed: usage.licensed });
  return (
    <Stack gap="sm">
      <Text fw={600} data-testid="licence-usage">
        {usageText}
      </Text>
      <Progress
        value={usage.percent}
        color={usage.full ? 'orange' : 'teal'}
        size="md"
        radius="xl"
        aria-label={usageText}
      />
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('licence.modules')}
        </Text>
        {licence.modules.length === 0 ? (
          <Text size="sm">{t('licence.noModules')}</Text>
        ) : (
          licence.modules.map((module) => (
            <Badge key={module} variant="light" color="gray" radius="sm">
              {t(`licence.module.${module}`)}
            </Badge>
          ))
        )}
      </Group>
      {usage.full && (
        <Alert color="orange" variant="light" title={t('licence.fullTitle')}>
          {t('licence.fullHint')}
        </Alert>
      )}
    </Stack>
  );
}
