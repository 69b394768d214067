import { issueMessageKey, zodResolver } from '@kassa/web-kit';
import type { PlainMessageKey } from '../i18n/translate';

export type Schema = Parameters<typeof zodResolver>[0];
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
 * The errors a form shows for these values, by field path, as message keys: the schema's issues
 * on the body made from the fields (renamed back to the fields), then the extra rules.
 */
export function schemaFormErrors<Values>(
  schema: Schema,
  options: SchemaFormOptions<Values> = {},
): (values: Values) => Record<string, PlainMessageKey> {
  const { bodyOf, fieldOfBody, rules, messages } = options;
  const check = zodResolver<unknown>(schema, (issue) => {
    const [first, ...rest] = issue.path.map(String);
    const field = first === undefined ? undefined : fieldOfBody?.[first];
    return messageKeyOf(
      field === undefined ? issue : { ...issue, path: [field, ...rest] },
      messages,
    );
  });
  return (values) => {
    const errors: Record<string, PlainMessageKey> = {};
    for (const [path, error] of Object.entries(
      check(bodyOf === undefined ? values : bodyOf(values)),
    )) {
      // The body's field names, as the form's; each error is a key from messageKeyOf.
      const [first = '', ...rest] = path.split('.');
      errors[[fieldOfBody?.[first] ?? first, ...rest].join('.')] = error as PlainMessageKey;
    }
    for (const [path, key] of Object.entries(rules?.(values) ?? {})) {
      if (key !== undefined) errors[path] ??= key;
    }
    return errors;
  };
}
