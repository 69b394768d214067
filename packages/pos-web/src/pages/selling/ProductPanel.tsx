import { Button, CloseButton, Tabs, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { LocalProduct } from '../../api/types';
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

/**
 * The product grid by group tabs, and a search field (Enter adds a typed barcode, or the only
 * product found).
 */
export function ProductPanel({
  products,
  onProduct,
  onBarcode,
}: {
  products: LocalProduct[];
  onProduct: (product: LocalProduct) => void;
  onBarcode: (barcode: string) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string>(allGroups);
  const groups = useMemo(() => groupsOf(products), [products]);
  const searching = query.trim() !== '';
  const shown = useMemo(
    () =>
      searching
        ? searchProducts(products, query)
        : products.filter((product) => inGroup(product, group)),
    [group, products, query, searching],
  );

  function submitSearch() {
    if (looksLikeBarcode(query)) {
      onBarcode(query.trim());
      setQuery('');
    } else if (shown.length === 1 && shown[0] !== undefined) {
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
      {products.length === 0 ? (
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
        </div>
      )}
    </section>
  );
}
