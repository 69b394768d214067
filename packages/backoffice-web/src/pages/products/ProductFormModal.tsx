import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useApi } from '../../api/ApiProvider';
import type { Product, ProductUnit } from '@kassa/contracts';
import {
  productKindSchema,
  productUnitSchema,
  VAT_CATEGORY_NAMES,
  type ProductKind,
  type VatCategoryName,
} from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import {
  kindLabelKey,
  parseBarcodes,
  parseKronor,
  unitLabelKey,
  vatLabelKey,
} from './productRules';

const isVatCategory = (value: string): value is VatCategoryName =>
  (VAT_CATEGORY_NAMES as readonly string[]).includes(value);
const isKind = (value: string): value is ProductKind =>
  (productKindSchema.options as readonly string[]).includes(value);
const isUnit = (value: string): value is ProductUnit =>
  (productUnitSchema.options as readonly string[]).includes(value);

interface ProductFormValues {
  articleNumber: string;
  name: string;
  /** As typed, in kronor. */
  price: string;
  vatCategory: VatCategoryName;
  kind: ProductKind;
  unit: ProductUnit;
  group: string;
  /** One a line. */
  barcodes: string;
  active: boolean;
}

/** "Ny artikel" (no `product`) or "Redigera" (with one); the price is changed separately. */
export function ProductFormModal({
  product,
  onClose,
  onSaved,
}: {
  product?: Product;
  onClose: () => void;
  onSaved: (product: Product) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const creating = product === undefined;
  // mantine-form; the price (a new article only) is read as typed kronor by core's parser, and
  // its error stays until the next submit, as before.
  const form = useForm<ProductFormValues>({
    initialValues: {
      articleNumber: '',
      name: product?.name ?? '',
      price: '',
      vatCategory: product?.vatCategory ?? 'standard',
      kind: product?.kind ?? 'good',
      unit: product?.unit ?? 'piece',
      group: product?.group ?? '',
      barcodes: product?.barcodes.join('\n') ?? '',
      active: product?.active ?? true,
    },
    clearInputErrorOnChange: false,
    validate: {
      price: (value) => (creating && parseKronor(value) === null ? 'invalid' : null),
    },
  });
  const { values } = form;
  const set = form.setFieldValue;

  const submit = form.onSubmit((entered) => {
    const common = {
      name: entered.name.trim(),
      barcodes: parseBarcodes(entered.barcodes),
      vatCategory: entered.vatCategory,
      kind: entered.kind,
      unit: entered.unit,
      group: entered.group.trim() === '' ? null : entered.group.trim(),
      active: entered.active,
    };
    if (creating) {
      const priceOre = parseKronor(entered.price);
      if (priceOre === null) return;
      void run(async () => {
        onSaved(
          await api.createProduct({
            ...common,
            articleNumber: entered.articleNumber.trim(),
            priceOre,
          }),
        );
      });
    } else {
      void run(async () => {
        onSaved(await api.updateProduct(product.id, common));
      });
    }
  });

  return (
    <FormModal
      title={
        creating
          ? t('products.createModal.title')
          : t('products.editModal.title', { articleNumber: product.articleNumber })
      }
      error={error}
      submitting={submitting}
      submitLabel={creating ? t('products.createModal.submit') : t('common.save')}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      {creating && (
        <TextInput
          label={t('products.field.articleNumber')}
          autoComplete="off"
          spellCheck={false}
          required
          data-autofocus
          value={values.articleNumber}
          onChange={(event) => set('articleNumber', event.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('products.field.name')}
        autoComplete="off"
        required
        value={values.name}
        onChange={(event) => set('name', event.currentTarget.value)}
      />
      {creating && (
        <TextInput
          label={
            values.unit === 'kilogram'
              ? t('products.field.pricePerKilogram')
              : t('products.field.price')
          }
          description={t('products.field.priceHint')}
          inputMode="decimal"
          autoComplete="off"
          required
          value={values.price}
          error={form.errors.price === undefined ? undefined : t('products.field.invalidPrice')}
          onChange={(event) => set('price', event.currentTarget.value)}
        />
      )}
      <NativeSelect
        label={t('products.field.vat')}
        data={VAT_CATEGORY_NAMES.map((value) => ({ value, label: t(vatLabelKey[value]) }))}
        value={values.vatCategory}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isVatCategory(value)) set('vatCategory', value);
        }}
      />
      <NativeSelect
        label={t('products.field.kind')}
        data={productKindSchema.options.map((value) => ({ value, label: t(kindLabelKey[value]) }))}
        value={values.kind}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isKind(value)) set('kind', value);
        }}
      />
      <NativeSelect
        label={t('products.field.unit')}
        description={t('products.field.unitHint')}
        data={productUnitSchema.options.map((value) => ({ value, label: t(unitLabelKey[value]) }))}
        value={values.unit}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isUnit(value)) set('unit', value);
        }}
      />
      <TextInput
        label={t('products.field.group')}
        autoComplete="off"
        value={values.group}
        onChange={(event) => set('group', event.currentTarget.value)}
      />
      <Textarea
        label={t('products.field.barcodes')}
        description={t('products.field.barcodesHint')}
        autosize
        minRows={2}
        spellCheck={false}
        value={values.barcodes}
        onChange={(event) => set('barcodes', event.currentTarget.value)}
      />
      <Checkbox
        label={t('products.field.active')}
        checked={values.active}
        onChange={(event) => set('active', event.currentTarget.checked)}
      />
    </FormModal>
  );
}
