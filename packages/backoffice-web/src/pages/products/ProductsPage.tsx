import {
  Badge,
  Button,
  Group,
  Menu,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { queries, resources } from '../../api/queries';
import type { Product } from '@kassa/contracts';
import { ListTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NoticeAlert, type Notice } from '../../components/NoticeAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { useApiData, useInvalidate } from '../../hooks/useApiData';
import { useT } from '../../i18n/I18nProvider';
import { ImportModal } from './ImportModal';
import { PriceModal } from './PriceModal';
import { ProductFormModal } from './ProductFormModal';
import { formatPrice, kindLabelKey, upcomingPrice, vatLabelKey } from './productRules';

/** Rows per page: the catalogue (up to 100,000 articles) is read and shown a page at a time. */
const PRODUCTS_PAGE = 50;

/** The search as typed, taken after a pause in typing (one request per pause, not per key). */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [ms, value]);
  return settled;
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'import' }
  | { kind: 'edit'; product: Product }
  | { kind: 'price'; product: Product };

export function ProductsPage() {
  const t = useT();
  const [search, setSearch] = useState('');
  const query = useSettled(search);
  // The page chosen for a search; another search starts at its first page.
  const [chosen, setChosen] = useState({ query, page: 1 });
  const page = chosen.query === query ? chosen.page : 1;
  const setPage = (next: number) => setChosen({ query, page: next });
  // The server searches and pages (a trigram index, docs/adr): only this page's rows are read.
  // The last page stays on screen while the next search or page is on its way.
  const { result, reload } = useApiData(
    queries.productPage({ q: query, offset: (page - 1) * PRODUCTS_PAGE, limit: PRODUCTS_PAGE }),
    { keepPrevious: true },
  );
  const invalidate = useInvalidate();
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
    void invalidate(resources.products);
  };

  const products = result.status === 'ready' ? result.data.products : [];
  const total = result.status === 'ready' ? result.data.total : 0;
  const pages = Math.ceil(total / PRODUCTS_PAGE);

  return (
    <Stack gap="lg">
      <PageHeader title={t('products.title')} description={t('products.intro')} />

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

      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />

      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' &&
        (total === 0 && query.trim() === '' ? (
          <Text c="dimmed">{t('products.empty')}</Text>
        ) : products.length === 0 ? (
          <Text c="dimmed">{t('products.noMatches')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('products.count', { count: total })}
            </Text>
            <ListTable
              label={t('products.tableLabel')}
              minWidth={960}
              verticalSpacing="sm"
              horizontalSpacing="md"
              highlightOnHover
              columns={[
                { label: t('products.column.articleNumber') },
                { label: t('products.column.name') },
                { label: t('products.column.barcodes') },
                { label: t('products.column.group') },
                { label: t('products.column.vat') },
                { label: t('products.column.price'), numeric: true },
                { label: t('products.column.status') },
                { label: t('products.column.actions'), hidden: true },
              ]}
            >
              {products.map((product) => (
                <ProductRow
                  key={product.id}
                  product={product}
                  businessDay={result.data.businessDay}
                  onEdit={() => open({ kind: 'edit', product })}
                  onChangePrice={() => open({ kind: 'price', product })}
                />
              ))}
            </ListTable>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                aria-label={t('products.pages')}
              />
            )}
          </>
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
        <RowActionsMenu
          label={t('products.actionsFor', { articleNumber: product.articleNumber })}
          text={t('products.column.actions')}
        >
          <Menu.Item onClick={onEdit}>{t('products.action.edit')}</Menu.Item>
          <Menu.Item onClick={onChangePrice}>{t('products.action.changePrice')}</Menu.Item>
        </RowActionsMenu>
      </Table.Td>
    </Table.Tr>
  );
}
