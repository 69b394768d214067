import { useForm } from '@mantine/form';
import { useT } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translate';
import { schemaFormErrors, type Schema, type SchemaFormOptions } from './schemaFormErrors';

export type { SchemaFormOptions };

/**
 * A mantine-form checked against a contracts schema (the body the server parses, or the form's
 * fields piped into it), and each field's error in the user's language. The server keeps the
 * last word: its refusals are shown above the fields (ModalForm).
 */
export function useSchemaForm<Values extends Record<string, unknown>>(
  schema: Schema,
  initialValues: Values,
  options: SchemaFormOptions<Values> = {},
) {
  const t = useT();
  const { clearInputErrorOnChange = true } = options;
  /** The errors of these values, by field path: what a submit would show. */
  const errorsOf = schemaFormErrors(schema, options);
  const form = useForm<Values>({ initialValues, clearInputErrorOnChange, validate: errorsOf });
  /** The error of a field by its path (`pin`, `accounts.cash.name`), translated. */
  const fieldError = (field: (keyof Values & string) | `${keyof Values & string}.${string}`) => {
    const key = form.errors[field];
    return typeof key === 'string' ? t(key as PlainMessageKey) : undefined;
  };
  return { form, fieldError, errorsOf };
}
