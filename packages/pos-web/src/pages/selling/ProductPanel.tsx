import { Button, CloseButton, Tabs, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatCount } from '@kassa/web-kit';
import type { LocalCataloguePage, LocalCatalogueQuery, LocalProduct } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';
import {
  allGroups,
  groupsOf,
  inGroup,
  looksLikeBarcode,
  noGroup,
  productPriceText,
  searchProducts,
} from '../../selling/catalogue';

/** Tiles per page of a large catalogue (the grid never holds the whole copy). */
const GRID_PAGE = 60;

/**
 * A catalogue too large to hold in the page: its size and groups, and a search the register
 * answers from its prepared copy, one page at a time.
 */
export interface LargeCatalogue {
  total: number;
  groups: string[];
  search: (query: LocalCatalogueQuery) => Promise<LocalCataloguePage>;
}

/** The pages of a large catalogue shown for a search or a group tab, asked of the register. */
function useRegisterPages(source: LargeCatalogue | null, query: string, group: string) {
  const q = query.trim();
  const key = `${q === '' ? group : ''}\u0000${q}`;
  const [pages, setPages] = useState<{
    key: string;
    source: LargeCatalogue;
    products: LocalProduct[];
    total: number;
  } | null>(null);
  const ask = useCallback(
    (offset: number) =>
      source?.search(
        q === '' ? { group, offset, limit: GRID_PAGE } : { q, offset, limit: GRID_PAGE },
      ),
    [group, q, source],
  );
  useEffect(() => {
    if (source === null) return;
    let current = true;
    // Typing waits a moment, so a fast typist's every letter is not a request.
    const timer = setTimeout(
      () => {
        void ask(0)?.then(
          (page) => {
            if (current) setPages({ key, source, products: page.products, total: page.total });
          },
          () => undefined,
        );
      },
      q === '' ? 0 : 60,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ask, key, q, source]);
  const fresh = pages !== null && pages.key === key && pages.source === source;
  const more = () => {
    if (!fresh) return;
    void ask(pages.products.length)?.then(
      (page) =>
        setPages((now) =>
          now === pages ? { ...now, products: [...now.products, ...page.products] } : now,
        ),
      () => undefined,
    );
  };
  return { shown: pages?.products ?? [], total: pages?.total ?? 0, fresh, more };
}

/**
 * The product grid by group tabs, and a search field (Enter adds a typed barcode, or the only
 * product found). A small catalogue is searched here; a large one (`large`) by the register,
 * a page of tiles at a time.
 */
export function ProductPanel({
  products,
  large = null,
  onProduct,
  onBarcode,
}: {
  products: LocalProduct[];
  large?: LargeCatalogue | null;
  onProduct: (product: LocalProduct) => void;
  onBarcode: (barcode: string) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string>(allGroups);
  const localGroups = useMemo(() => groupsOf(products), [products]);
  const groups = large === null ? localGroups : large.groups;
  const searching = query.trim() !== '';
  const local = useMemo(
    () =>
      large !== null
        ? []
        : searching
          ? searchProducts(products, query)
          : products.filter((product) => inGroup(product, group)),
    [group, large, products, query, searching],
  );
  const remote = useRegisterPages(large, query, group);
  const shown = large === null ? local : remote.shown;
  const found = large === null ? local.length : remote.total;

  function submitSearch() {
    if (looksLikeBarcode(query)) {
      onBarcode(query.trim());
      setQuery('');
    } else if ((large === null || remote.fresh) && found === 1 && shown[0] !== undefined) {
      onProduct(shown[0]);
      setQuery('');
    }
  }

  return (
    <section aria-label={t('products.label')} className="product-panel">
      <TextInput
        aria-label={t('products.search')}
        placeholder={t('products.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submitSearch();
          } else if (event.key === 'Escape') {
            setQuery('');
          }
        }}
        type="search"
        autoComplete="off"
        rightSectionWidth={56}
        rightSection={
          searching ? (
            <CloseButton
              aria-label={t('products.clearSearch')}
              onClick={() => setQuery('')}
              style={{ width: 48, height: 48 }}
            />
          ) : null
        }
      />
      {groups.length > 0 && !searching && (
        <Tabs value={group} onChange={(value) => setGroup(value ?? allGroups)} variant="pills">
          <Tabs.List aria-label={t('products.groups')} className="group-tabs">
            <Tabs.Tab value={allGroups} className="group-tab">
              {t('products.all')}
            </Tabs.Tab>
            {groups.map((name) => (
              <Tabs.Tab key={name} value={name} className="group-tab">
                {name === noGroup ? t('products.ungrouped') : name}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      {large !== null && large.total === 0 ? (
        <Text p="md">{t('products.emptyCatalogue')}</Text>
      ) : large !== null && !remote.fresh && shown.length === 0 ? (
        <Text p="md">{t('products.searching')}</Text>
      ) : large === null && products.length === 0 ? (
        <Text p="md">{t('products.emptyCatalogue')}</Text>
      ) : shown.length === 0 ? (
        <Text p="md">{t('products.none')}</Text>
      ) : (
        <div className="product-grid">
          {shown.map((product) => (
            <Button
              key={product.articleNumber}
              variant="default"
              className="product-button"
              onClick={() => onProduct(product)}
              data-unit={product.unit}
            >
              <span className="product-name">{product.name}</span>
              <span className="product-price">
                {productPriceText(product)}
                {product.unit === 'kilogram' && (
                  <span className="product-weighed"> · {t('products.weighed')}</span>
                )}
              </span>
            </Button>
          ))}
          {shown.length < found && (
            <div className="product-grid-more">
              <Text size="sm">
                {t('products.showing', {
                  shown: formatCount(shown.length),
                  total: formatCount(found),
                })}
              </Text>
              <Button variant="light" onClick={remote.more}>
                {t('products.more')}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
