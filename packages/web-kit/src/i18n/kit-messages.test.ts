import { describe, expect, it } from 'vitest';
import { kitDictionaries } from './kit-messages';
import { catalogueProblems } from './translate';

describe("the kit's own messages", () => {
  it('have the same keys and placeholders in Swedish and English, all trimmed', () => {
    expect(catalogueProblems(kitDictionaries)).toEqual([]);
  });

  it('say what a Swedish user expects', () => {
    expect([kitDictionaries.sv['common.retry'], kitDictionaries.sv['language.label']]).toEqual([
      'Försök igen',
      'Språk',
    ]);
  });
});
