/**
 * The environment address typed on the till: it must be https (the seed's rule), except http for
 * a server on this very machine (localhost/127.0.0.1), which tests and demos use. Pure.
 */

export type AddressResult =
  | { ok: true; url: string; host: string }
  | { ok: false; code: 'address-invalid' | 'address-insecure'; address: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** True for a host name (or IPv4/IPv6 literal) we can try to reach. */
function isPlausibleHost(hostname: string): boolean {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return true; // IPv6, already parsed by URL
  if (hostname.length === 0 || hostname.length > 253) return false;
  return hostname.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * Validates and normalises an environment address to its origin (scheme, host and port; a path
 * pasted from the browser, e.g. `/login`, is dropped).
 */
export function parseEnvironmentAddress(input: string): AddressResult {
  const address = input.trim();
  const invalid = { ok: false as const, code: 'address-invalid' as const, address };
  // A scheme, then the host right after `//` (URL would read `https:///x` as the host `x`).
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]/i.test(address)) return invalid;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return invalid;
  }
  if (url.username !== '' || url.password !== '') return invalid;
  if (!isPlausibleHost(url.hostname)) return invalid;
  if (url.protocol === 'http:') {
    if (!LOCAL_HOSTS.has(url.hostname)) {
      return { ok: false, code: 'address-insecure', address };
    }
  } else if (url.protocol !== 'https:') {
    return invalid;
  }
  return { ok: true, url: url.origin, host: url.host };
}

/** True when two addresses name the same environment origin. */
export function sameAddress(a: string, b: string): boolean {
  const x = parseEnvironmentAddress(a);
  const y = parseEnvironmentAddress(b);
  return x.ok && y.ok && x.url === y.url;
}
