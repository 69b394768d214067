// The POS web app inside the single executable: the build (scripts/build-register.mjs) adds every
// file of pos-web/dist as a Node SEA asset "pos-web/<path>" and the list of them as
// "pos-web.json". Outside a single executable there are none and the folder on disk is served.
import { createRequire } from 'node:module';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

interface Sea {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

let cached: Set<string> | null | undefined;

function sea(): Sea | null {
  try {
    const mod = createRequire(import.meta.url)('node:sea') as Sea;
    return mod.isSea() ? mod : null;
  } catch {
    return null;
  }
}

/** The asset keys of the POS web app in this executable, or null when it has none. */
function seaPosWebFiles(): Set<string> | null {
  if (cached !== undefined) return cached;
  const s = sea();
  try {
    const list = s
      ? (JSON.parse(Buffer.from(s.getAsset('pos-web.json')).toString('utf8')) as string[])
      : null;
    cached = list ? new Set(list) : null;
  } catch {
    cached = null;
  }
  return cached;
}

/**
 * The file for a GET of `url` from the executable's POS web app: the file itself, or index.html
 * for any other path (the app routes on the client). Null when the executable has no POS web app.
 */
export function seaPosWebAsset(url: string): { type: string; body: Buffer } | null {
  const files = seaPosWebFiles();
  const s = files ? sea() : null;
  if (!files || !s) return null;
  let name = decodeURIComponent(url.split('?')[0] ?? '/').replace(/^\/+/, '');
  if (!files.has(name)) name = 'index.html';
  if (!files.has(name)) return null;
  const type = TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
  return { type, body: Buffer.from(s.getAsset(`pos-web/${name}`)) };
}
