import { Text, TextInput } from '@mantine/core';
import type { Product } from '@kassa/contracts';
import { useApi } from '../../api/ApiProvider';
import { FormModal } from '../../components/FormModal';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { formatPrice, parseKronor, priceChangeForm, type PriceFormValues } from './productRules';

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
  const { schema, initialValues, options } = priceChangeForm(businessDay);
  const { form, fieldError } = useSchemaForm<PriceFormValues>(schema, initialValues, options);

  const submit = form.onSubmit(({ price, effectiveFrom }) => {
    const priceOre = parseKronor(price);
    if (priceOre === null) return;
    void run(async () => {
      onChanged(
        await api.changePrice(product.id, priceOre, effectiveFrom),
        priceOre,
        effectiveFrom,
      );
    });
  });

  return (
    <FormModal
      title={t('products.priceModal.title', { articleNumber: product.articleNumber })}
      error={error}
      submitting={submitting}
      submitLabel={t('common.save')}
      onSubmit={() => submit()}
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
        value={form.values.price}
        error={fieldError('price')}
        onChange={(event) => form.setFieldValue('price', event.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t('products.priceModal.effectiveFrom')}
        required
        min={businessDay}
        value={form.values.effectiveFrom}
        error={fieldError('effectiveFrom')}
        onChange={(event) => form.setFieldValue('effectiveFrom', event.currentTarget.value)}
      />
    </FormModal>
  );
}
