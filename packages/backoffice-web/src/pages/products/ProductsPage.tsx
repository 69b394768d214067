import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { BackofficeApi } from '../../api/backoffice-api';
import type { Product } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { ImportModal } from './ImportModal';
import { PriceModal } from './PriceModal';
import { ProductFormModal } from './ProductFormModal';
import {
  formatPrice,
  kindLabelKey,
  matchesSearch,
  upcomingPrice,
  vatLabelKey,
} from './productRules';

const loadProducts = (api: BackofficeApi) => api.listProducts();

type Dialog =
  | { kind: 'create' }
  | { kind: 'import' }
  | { kind: 'edit'; product: Product }
  | { kind: 'price'; product: Product };

/** A confirmation, kept as a function so it follows a language switch. */
type Notice = (t: Translate) => string;

export function ProductsPage() {
  const t = useT();
  const { result, reload } = useApiData(loadProducts);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const open = (next: Dialog) => {
    setNotice(null);
    setDialog(next);
  };
  const closeDialog = () => setDialog(null);
  const done = (next: Notice) => {
    setDialog(null);
    setNotice(() => next);
    reload();
  };

  const products =
    result.status === 'ready'
      ? result.data.products
          .filter((product) => matchesSearch(product, search))
          .sort((a, b) => a.articleNumber.localeCompare(b.articleNumber, 'sv-SE'))
      : [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('products.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('products.intro')}
        </Text>
      </div>

      <Group justify="space-between" align="flex-end">
        <TextInput
          type="search"
          label={t('products.search')}
          placeholder={t('products.searchPlaceholder')}
          w={360}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Group gap="sm">
          <Button variant="default" onClick={() => open({ kind: 'import' })}>
            {t('products.import')}
          </Button>
          <Button onClick={() => open({ kind: 'create' })}>{t('products.create')}</Button>
        </Group>
      </Group>

      {notice && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
        >
          {notice(t)}
        </Alert>
      )}

      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' &&
        (result.data.products.length === 0 ? (
          <Text c="dimmed">{t('products.empty')}</Text>
        ) : products.length === 0 ? (
          <Text c="dimmed">{t('products.noMatches')}</Text>
        ) : (
          <Card withBorder radius="md" padding={0}>
            <Table.ScrollContainer minWidth={960} type="native">
              <Table
                aria-label={t('products.tableLabel')}
                verticalSpacing="sm"
                horizontalSpacing="md"
                highlightOnHover
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('products.column.articleNumber')}</Table.Th>
                    <Table.Th scope="col">{t('products.column.name')}</Table.Th>
                    <Table.Th scope="col">{t('products.column.barcodes')}</Table.Th>
                    <Table.Th scope="col">{t('products.column.group')}</Table.Th>
                    <Table.Th scope="col">{t('products.column.vat')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('products.column.price')}
                    </Table.Th>
                    <Table.Th scope="col">{t('products.column.status')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('products.column.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {products.map((product) => (
                    <ProductRow
                      key={product.id}
                      product={product}
                      businessDay={result.data.businessDay}
                      onEdit={() => open({ kind: 'edit', product })}
                      onChangePrice={() => open({ kind: 'price', product })}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        ))}

      {dialog?.kind === 'create' && (
        <ProductFormModal
          onClose={closeDialog}
          onSaved={(product) =>
            done((tr) => tr('products.success.created', { articleNumber: product.articleNumber }))
          }
        />
      )}
      {dialog?.kind === 'edit' && (
        <ProductFormModal
          product={dialog.product}
          onClose={closeDialog}
          onSaved={(product) =>
            done((tr) => tr('products.success.updated', { articleNumber: product.articleNumber }))
          }
        />
      )}
      {dialog?.kind === 'price' && result.status === 'ready' && (
        <PriceModal
          product={dialog.product}
          businessDay={result.data.businessDay}
          onClose={closeDialog}
          onChanged={(product, priceOre, date) =>
            done((tr) =>
              tr('products.success.priceChanged', {
                articleNumber: product.articleNumber,
                price: formatPrice(priceOre, product.unit),
                date,
              }),
            )
          }
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportModal
          onClose={closeDialog}
          onImported={(summary) =>
            done((tr) =>
              tr('products.success.imported', {
                created: summary.created,
                updated: summary.updated,
                unchanged: summary.unchanged,
              }),
            )
          }
        />
      )}
    </Stack>
  );
}

function ProductRow({
  product,
  businessDay,
  onEdit,
  onChangePrice,
}: {
  product: Product;
  businessDay: string;
  onEdit: () => void;
  onChangePrice: () => void;
}) {
  const t = useT();
  const next = upcomingPrice(product, businessDay);
  return (
    <Table.Tr>
      <Table.Td>
        <Text ff="monospace" size="sm">
          {product.articleNumber}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{product.name}</Text>
        <Text size="xs" c="dimmed">
          {t(kindLabelKey[product.kind])}
        </Text>
      </Table.Td>
      <Table.Td>
        {product.barcodes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('common.dash')}
          </Text>
        ) : (
          <Stack gap={0}>
            {product.barcodes.map((barcode) => (
              <Text key={barcode} ff="monospace" size="sm">
                {barcode}
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>{product.group ?? t('common.dash')}</Table.Td>
      <Table.Td>{t(vatLabelKey[product.vatCategory])}</Table.Td>
      <Table.Td ta="right">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {product.priceOre === null
            ? t('products.noPrice')
            : formatPrice(product.priceOre, product.unit)}
        </Text>
        {next !== null && (
          <Text size="xs" c="orange.8" style={{ whiteSpace: 'nowrap' }}>
            {t('products.upcomingPrice', {
              date: next.effectiveFrom,
              price: formatPrice(next.priceOre, product.unit),
            })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={product.active ? 'teal' : 'gray'} variant="light">
          {product.active ? t('products.status.active') : t('products.status.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              variant="default"
              size="xs"
              aria-label={t('products.actionsFor', { articleNumber: product.articleNumber })}
            >
              {t('products.column.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={onEdit}>{t('products.action.edit')}</Menu.Item>
            <Menu.Item onClick={onChangePrice}>{t('products.action.changePrice')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
