import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
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
  const [articleNumber, setArticleNumber] = useState('');
  const [name, setName] = useState(product?.name ?? '');
  const [price, setPrice] = useState('');
  const [priceInvalid, setPriceInvalid] = useState(false);
  const [vatCategory, setVatCategory] = useState<VatCategoryName>(
    product?.vatCategory ?? 'standard',
  );
  const [kind, setKind] = useState<ProductKind>(product?.kind ?? 'good');
  const [unit, setUnit] = useState<ProductUnit>(product?.unit ?? 'piece');
  const [group, setGroup] = useState(product?.group ?? '');
  const [barcodes, setBarcodes] = useState(product?.barcodes.join('\n') ?? '');
  const [active, setActive] = useState(product?.active ?? true);

  const submit = () => {
    const common = {
      name: name.trim(),
      barcodes: parseBarcodes(barcodes),
      vatCategory,
      kind,
      unit,
      group: group.trim() === '' ? null : group.trim(),
      active,
    };
    if (creating) {
      const priceOre = parseKronor(price);
      setPriceInvalid(priceOre === null);
      if (priceOre === null) return;
      void run(async () => {
        onSaved(
          await api.createProduct({ ...common, articleNumber: articleNumber.trim(), priceOre }),
        );
      });
    } else {
      void run(async () => {
        onSaved(await api.updateProduct(product.id, common));
      });
    }
  };

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
      onSubmit={submit}
      onClose={onClose}
    >
      {creating && (
        <TextInput
          label={t('products.field.articleNumber')}
          autoComplete="off"
          spellCheck={false}
          required
          data-autofocus
          value={articleNumber}
          onChange={(event) => setArticleNumber(event.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('products.field.name')}
        autoComplete="off"
        required
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      {creating && (
        <TextInput
          label={
            unit === 'kilogram' ? t('products.field.pricePerKilogram') : t('products.field.price')
          }
          description={t('products.field.priceHint')}
          inputMode="decimal"
          autoComplete="off"
          required
          value={price}
          error={priceInvalid ? t('products.field.invalidPrice') : undefined}
          onChange={(event) => setPrice(event.currentTarget.value)}
        />
      )}
      <NativeSelect
        label={t('products.field.vat')}
        data={VAT_CATEGORY_NAMES.map((value) => ({ value, label: t(vatLabelKey[value]) }))}
        value={vatCategory}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isVatCategory(value)) setVatCategory(value);
        }}
      />
      <NativeSelect
        label={t('products.field.kind')}
        data={productKindSchema.options.map((value) => ({ value, label: t(kindLabelKey[value]) }))}
        value={kind}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isKind(value)) setKind(value);
        }}
      />
      <NativeSelect
        label={t('products.field.unit')}
        description={t('products.field.unitHint')}
        data={productUnitSchema.options.map((value) => ({ value, label: t(unitLabelKey[value]) }))}
        value={unit}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isUnit(value)) setUnit(value);
        }}
      />
      <TextInput
        label={t('products.field.group')}
        autoComplete="off"
        value={group}
        onChange={(event) => setGroup(event.currentTarget.value)}
      />
      <Textarea
        label={t('products.field.barcodes')}
        description={t('products.field.barcodesHint')}
        autosize
        minRows={2}
        spellCheck={false}
        value={barcodes}
        onChange={(event) => setBarcodes(event.currentTarget.value)}
      />
      <Checkbox
        label={t('products.field.active')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
      />
    </FormModal>
  );
}
