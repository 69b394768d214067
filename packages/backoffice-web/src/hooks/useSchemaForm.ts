import { useForm } from '@mantine/form';
import { issueMessageKey, zodResolver } from '@kassa/web-kit';
import { useT } from '../i18n/I18nProvider';

type Schema = Parameters<typeof zodResolver>[0];

/**
 * A mantine-form checked against a contracts schema (the body the server parses), and each
 * field's error in the user's language. The server keeps the last word: its refusals are shown
 * above the fields (ModalForm).
 */
export function useSchemaForm<Values extends Record<string, unknown>>(
  schema: Schema,
  initialValues: Values,
) {
  const t = useT();
  const form = useForm<Values>({
    initialValues,
    validate: zodResolver<Values>(schema, issueMessageKey),
  });
  const fieldError = (field: keyof Values & string): string | undefined => {
    const key = form.errors[field];
    return typeof key === 'string' ? t(key as ReturnType<typeof issueMessageKey>) : undefined;
  };
  return { form, fieldError };
}
