import { describe, expect, it } from 'vitest';
import { classifyHost, hostNameOf } from './tenant-resolution.js';

describe('environment from the host name', () => {
  it('strips the port and lower-cases', () => {
    expect(hostNameOf('Demo.Kassa.se:8443')).toBe('demo.kassa.se');
    expect(hostNameOf('[::1]:8080')).toBe('[::1]');
    expect(hostNameOf(undefined)).toBe('');
  });

  it('reads the slug of <slug>.<base domain>', () => {
    expect(classifyHost('kafeexempel.kassa.se', 'kassa.se')).toEqual({
      kind: 'slug',
      slug: 'kafeexempel',
    });
    expect(classifyHost('demo.localhost', 'localhost')).toEqual({ kind: 'slug', slug: 'demo' });
  });

  it('answers local names and the bare base domain with the default environment', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'kassa.se']) {
      expect(classifyHost(host, 'kassa.se')).toEqual({ kind: 'default' });
    }
  });

  it('refuses other domains, nested names and malformed slugs', () => {
    for (const host of ['kassa.se.evil.com', 'a.b.kassa.se', '-x.kassa.se', 'evilkassa.se', '']) {
      expect(classifyHost(host, 'kassa.se')).toEqual({ kind: 'none' });
    }
  });
});
