import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Product } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { formatPrice, parseKronor } from './productRules';

/** "Ändra pris": a new price from today or a later day. */
export function PriceModal({
  product,
  businessDay,
  onClose,
  onChanged,
}: {
  product: Product;
  businessDay: string;
  onClose: () => void;
  onChanged: (product: Product, priceOre: number, effectiveFrom: string) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [price, setPrice] = useState('');
  const [date, setDate] = useState(businessDay);
  const [priceInvalid, setPriceInvalid] = useState(false);
  const [dateInvalid, setDateInvalid] = useState(false);

  const submit = () => {
    const priceOre = parseKronor(price);
    const badDate = !/^\d{4}-\d{2}-\d{2}$/.test(date) || date < businessDay;
    setPriceInvalid(priceOre === null);
    setDateInvalid(badDate);
    if (priceOre === null || badDate) return;
    void run(async () => {
      onChanged(await api.changePrice(product.id, priceOre, date), priceOre, date);
    });
  };

  return (
    <FormModal
      title={t('products.priceModal.title', { articleNumber: product.articleNumber })}
      error={error}
      submitting={submitting}
      submitLabel={t('common.save')}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="sm">
        {product.name} –{' '}
        {t('products.priceModal.current', {
          price:
            product.priceOre === null
              ? t('products.noPrice')
              : formatPrice(product.priceOre, product.unit),
        })}
      </Text>
      <TextInput
        label={
          product.unit === 'kilogram'
            ? t('products.priceModal.newPricePerKilogram')
            : t('products.priceModal.newPrice')
        }
        description={t('products.field.priceHint')}
        inputMode="decimal"
        autoComplete="off"
        required
        data-autofocus
        value={price}
        error={priceInvalid ? t('products.field.invalidPrice') : undefined}
        onChange={(event) => setPrice(event.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t('products.priceModal.effectiveFrom')}
        required
        min={businessDay}
        value={date}
        error={dateInvalid ? t('products.priceModal.invalidDate') : undefined}
        onChange={(event) => setDate(event.currentTarget.value)}
      />
    </FormModal>
  );
}
