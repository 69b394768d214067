import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { issueMessageKey, zodResolver } from '@kassa/web-kit';
import { useT } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translate';

type Schema = Parameters<typeof zodResolver>[0];
type Issue = Parameters<Parameters<typeof zodResolver>[1]>[0];

export interface SchemaFormOptions<Values> {
  /**
   * The body the schema checks, from the fields as typed (a price in kronor as text becomes
   * `priceOre`); without it the fields are the body.
   */
  bodyOf?: (values: Values) => unknown;
  /** The form field of a body field of another name (`priceOre` → `price`). */
  fieldOfBody?: Partial<Record<string, keyof Values & string>>;
  /**
   * A field's own message, whatever its issue, by its path (`price`, `accounts.cash.number`) or
   * its first segment (`accounts`).
   */
  messages?: Partial<Record<string, PlainMessageKey>>;
  /**
   * Rules beyond the schema, on the fields as typed (a plan's accounts sharing a number): each
   * error's path and message.
   */
  rules?: (values: Values) => Partial<Record<string, PlainMessageKey>>;
  /** false: a field's error stays until the next submit (default: cleared as it is edited). */
  clearInputErrorOnChange?: boolean;
}

function messageKeyOf(
  issue: Issue,
  messages: SchemaFormOptions<unknown>['messages'],
): PlainMessageKey {
  const path = issue.path.map(String);
  return messages?.[path.join('.')] ?? messages?.[path[0] ?? ''] ?? issueMessageKey(issue);
}

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
  const { bodyOf, fieldOfBody, rules, messages, clearInputErrorOnChange = true } = options;
  const check = zodResolver<unknown>(schema, (issue) => {
    const [first, ...rest] = issue.path.map(String);
    const field = first === undefined ? undefined : fieldOfBody?.[first];
    return messageKeyOf(
      field === undefined ? issue : { ...issue, path: [field, ...rest] },
      messages,
    );
  });
  /** The errors of these values, by field path: what a submit would show. */
  const errorsOf = (values: Values): Record<string, ReactNode> => {
    const errors: Record<string, ReactNode> = {};
    for (const [path, error] of Object.entries(
      check(bodyOf === undefined ? values : bodyOf(values)),
    )) {
      // The body's field names, as the form's.
      const [first = '', ...rest] = path.split('.');
      errors[[fieldOfBody?.[first] ?? first, ...rest].join('.')] = error;
    }
    for (const [path, key] of Object.entries(rules?.(values) ?? {})) {
      if (key !== undefined) errors[path] ??= key;
    }
    return errors;
  };
  const form = useForm<Values>({ initialValues, clearInputErrorOnChange, validate: errorsOf });
  /** The error of a field by its path (`pin`, `accounts.cash.name`), translated. */
  const fieldError = (field: (keyof Values & string) | `${keyof Values & string}.${string}`) => {
    const key = form.errors[field];
    return typeof key === 'string' ? t(key as PlainMessageKey) : undefined;
  };
  return { form, fieldError, errorsOf };
}
