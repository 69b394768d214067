import { Card, DataList, Stack, Title } from '@mantine/core';
import { useMe } from '../auth/AuthProvider';
import { PageHeader } from '../components/PageHeader';
import { useT } from '../i18n/I18nProvider';

export function StartPage() {
  const t = useT();
  const { user, environment } = useMe();
  return (
    <Stack gap="lg" maw={720}>
      <PageHeader
        title={t('start.greeting', { name: user.displayName })}
        description={t('start.intro', { company: environment.companyName })}
      />
      <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="start-env">
        <Title order={2} size="h4" id="start-env" mb="sm">
          {t('start.environment')}
        </Title>
        <DataList labelWidth={160} withDivider>
          <DataList.Item>
            <DataList.ItemLabel>{t('start.company')}</DataList.ItemLabel>
            <DataList.ItemValue>{environment.companyName}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('start.environmentId')}</DataList.ItemLabel>
            <DataList.ItemValue>{environment.slug}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('start.signedInAs')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {user.displayName} ({user.username})
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('start.role')}</DataList.ItemLabel>
            <DataList.ItemValue>{t(`role.${user.role}`)}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Card>
    </Stack>
  );
}
