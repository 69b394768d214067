import { Text, TextInput } from '@mantine/core';
import { priceChangeBodySchema, type Product } from '@kassa/contracts';
import { useApi } from '../../api/ApiProvider';
import { FormModal } from '../../components/FormModal';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { formatPrice, parseKronor } from './productRules';

type PriceFormValues = {
  /** As typed, in kronor. */
  price: string;
  effectiveFrom: string;
};

/** The body the server parses, its day today (the business day) or later. */
function priceChangeFormSchema(businessDay: string) {
  return priceChangeBodySchema.refine(
    // Also when the price is wrong, so both errors show at once.
    (body) => typeof body.effectiveFrom !== 'string' || body.effectiveFrom >= businessDay,
    { path: ['effectiveFrom'], when: () => true },
  );
}

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
  // Each error stays until the next submit, as before.
  const { form, fieldError } = useSchemaForm<PriceFormValues>(
    priceChangeFormSchema(businessDay),
    { price: '', effectiveFrom: businessDay },
    {
      // The price as typed, read by core's parser of typed kronor (null when it is no price).
      bodyOf: ({ price, effectiveFrom }) => ({ priceOre: parseKronor(price), effectiveFrom }),
      fieldOfBody: { priceOre: 'price' },
      messages: {
        price: 'products.field.invalidPrice',
        effectiveFrom: 'products.priceModal.invalidDate',
      },
      clearInputErrorOnChange: false,
    },
  );

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
