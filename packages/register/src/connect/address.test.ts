import { describe, expect, it } from 'vitest';
import { parseEnvironmentAddress, sameAddress } from './address.js';

describe('parseEnvironmentAddress', () => {
  it('accepts https addresses and normalises them to the origin', () => {
    expect(parseEnvironmentAddress('https://kafe.kassa.se')).toEqual({
      ok: true,
      url: 'https://kafe.kassa.se',
      host: 'kafe.kassa.se',
    });
    expect(parseEnvironmentAddress('  HTTPS://Kafe.Kassa.SE/login?x=1#y ')).toMatchObject({
      ok: true,
      url: 'https://kafe.kassa.se',
    });
    expect(parseEnvironmentAddress('https://kafe.kassa.se:8443/')).toMatchObject({
      ok: true,
      url: 'https://kafe.kassa.se:8443',
      host: 'kafe.kassa.se:8443',
    });
    expect(parseEnvironmentAddress('https://10.0.0.5')).toMatchObject({ ok: true });
  });

  it('accepts http only for this machine', () => {
    for (const local of ['http://localhost:8080', 'http://127.0.0.1:8080/', 'http://[::1]:80']) {
      expect(parseEnvironmentAddress(local)).toMatchObject({ ok: true });
    }
    for (const remote of [
      'http://kafe.kassa.se',
      'http://localhost.example.com',
      'http://127.0.0.2',
      'http://192.168.1.10:8080',
    ]) {
      expect(parseEnvironmentAddress(remote)).toMatchObject({
        ok: false,
        code: 'address-insecure',
      });
    }
  });

  it('refuses garbage as address-invalid', () => {
    for (const garbage of [
      '',
      '   ',
      'kafe.kassa.se',
      'www.kafe.kassa.se/login',
      'https://',
      'https:///path',
      'https://kafe kassa.se',
      'https://user:pass@kafe.kassa.se',
      'ftp://kafe.kassa.se',
      'https://-kafe.kassa.se',
      'https://kafe..kassa.se',
      'https//kafe.kassa.se',
      'javascript:alert(1)',
    ]) {
      expect(parseEnvironmentAddress(garbage), garbage).toMatchObject({
        ok: false,
        code: 'address-invalid',
      });
    }
  });

  it('keeps the typed address for the message', () => {
    expect(parseEnvironmentAddress(' kafe ')).toEqual({
      ok: false,
      code: 'address-invalid',
      address: 'kafe',
    });
  });

  it('compares addresses by origin', () => {
    expect(sameAddress('https://Kafe.kassa.se/', 'https://kafe.kassa.se')).toBe(true);
    expect(sameAddress('https://kafe.kassa.se', 'https://bar.kassa.se')).toBe(false);
    expect(sameAddress('nonsense', 'nonsense')).toBe(false);
  });
});
