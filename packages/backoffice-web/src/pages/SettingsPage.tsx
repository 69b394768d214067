import { Card, DataList, Stack, Table, Text, Title } from '@mantine/core';
import { queries } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useMe } from '../auth/AuthProvider';
import { useApiData } from '../hooks/useApiData';
import { useT } from '../i18n/I18nProvider';
import { useLicensedModules } from '../licence/LicenceProvider';
import { AccountingSettings } from './settings/AccountingSettings';

export function SettingsPage() {
  const t = useT();
  const { result, reload } = useApiData(queries.environment);
  const { user } = useMe();
  const licensed = useLicensedModules();
  // The account plan belongs to the exports (SIE); without the module there is nothing to set.
  const showAccounting =
    user.role === 'admin' &&
    (licensed.status === 'unknown' ||
      (licensed.status === 'known' && licensed.modules.includes('exports')));

  return (
    <Stack gap="lg" maw={900}>
      <Title order={1}>{t('settings.title')}</Title>
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' && (
        <>
          <Card
            component="section"
            withBorder
            radius="md"
            padding="lg"
            aria-labelledby="settings-company"
          >
            <Title order={2} size="h4" id="settings-company" mb="sm">
              {t('settings.company')}
            </Title>
            <DataList labelWidth={200} withDivider>
              <DataList.Item>
                <DataList.ItemLabel>{t('settings.companyName')}</DataList.ItemLabel>
                <DataList.ItemValue>{result.data.companyName}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('settings.organisationNumber')}</DataList.ItemLabel>
                <DataList.ItemValue>{result.data.organisationNumber}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('settings.environmentId')}</DataList.ItemLabel>
                <DataList.ItemValue>{result.data.slug}</DataList.ItemValue>
              </DataList.Item>
            </DataList>
          </Card>
          <Card
            component="section"
            withBorder
            radius="md"
            padding="lg"
            aria-labelledby="settings-places"
          >
            <Title order={2} size="h4" id="settings-places" mb="sm">
              {t('settings.placesOfBusiness')}
            </Title>
            {result.data.placesOfBusiness.length === 0 ? (
              <Text c="dimmed">{t('settings.noPlacesOfBusiness')}</Text>
            ) : (
              <Table aria-labelledby="settings-places" verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('settings.place.name')}</Table.Th>
                    <Table.Th scope="col">{t('settings.place.address')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.data.placesOfBusiness.map((place) => (
                    <Table.Tr key={place.id}>
                      <Table.Td>{place.name}</Table.Td>
                      <Table.Td>
                        {place.streetAddress}, {place.postalCode} {place.city}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          {showAccounting && <AccountingSettings />}
        </>
      )}
    </Stack>
  );
}
