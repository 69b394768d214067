import { describe, expect, it } from 'vitest';
import { loginBodySchema } from '@kassa/contracts';
import { issueMessageKey, zodResolver } from './zod-resolver';

describe('zodResolver', () => {
  const validate = zodResolver<{ username: string; password: string }>(
    loginBodySchema,
    issueMessageKey,
  );

  it('accepts what the schema accepts', () => {
    expect(validate({ username: 'anna', password: 'hemligt' })).toEqual({});
  });

  it('puts each issue, worded by the app, on its field', () => {
    expect(validate({ username: '  ', password: '' })).toEqual({
      username: 'form.required',
      password: 'form.required',
    });
    expect(validate({ username: 'a'.repeat(300), password: 'x' })).toEqual({
      username: 'form.tooLong',
    });
  });
});
