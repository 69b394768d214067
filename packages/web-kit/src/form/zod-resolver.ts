import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';

/**
 * A mantine-form `validate` from a contracts zod schema: the form is checked against the very
 * schema the server parses the request with. Mantine's own `schemaResolver` (Standard Schema)
 * would show zod's English messages; here each issue is worded by the app, in the user's
 * language (`message`), and lands on its field's path (`password`, `lines.0.price`).
 */
export function zodResolver<Values>(
  schema: z.ZodType,
  message: (issue: z.core.$ZodIssue) => string,
): (values: Values) => FormErrors {
  return (values) => {
    const parsed = schema.safeParse(values);
    if (parsed.success) return {};
    const errors: FormErrors = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= message(issue);
    }
    return errors;
  };
}

/** The kit's wording of an issue: a required field, a text too long, or a value not accepted. */
export function issueMessageKey(
  issue: z.core.$ZodIssue,
): 'form.required' | 'form.tooLong' | 'form.invalid' {
  if (issue.code === 'too_small') return 'form.required';
  if (issue.code === 'too_big') return 'form.tooLong';
  return 'form.invalid';
}
