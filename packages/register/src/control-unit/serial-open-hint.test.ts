import { describe, expect, it } from 'vitest';
import { serialOpenHint } from './serial-transport.js';

describe('serialOpenHint', () => {
  it('says a missing port is missing and an occupied one is in use, in Swedish', () => {
    expect(serialOpenHint('ENOENT')).toContain('porten finns inte');
    expect(serialOpenHint('ENOENT')).toContain('Enhetshanteraren');
    expect(serialOpenHint('EBUSY')).toContain('används av ett annat program');
    expect(serialOpenHint('EACCES')).toContain('används av ett annat program');
    expect(serialOpenHint('EIO')).toBeNull();
    expect(serialOpenHint(undefined)).toBeNull();
  });
});
