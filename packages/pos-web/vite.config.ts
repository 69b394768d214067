import { kassaViteConfig } from '@kassa/web-kit/vite';

// The register's local service (`kassa start`, packages/register) serves `dist/` on 127.0.0.1 and
// the Register local API under /local. In development Vite proxies /local to a running
// `kassa start` on port 8181 (or KASSA_LOCAL_URL).
const localApiTarget = process.env.KASSA_LOCAL_URL ?? 'http://127.0.0.1:8181';

export default kassaViteConfig({
  server: { port: 5174, proxy: { '/local': { target: localApiTarget } } },
});
