import { kassaViteConfig } from '@kassa/web-kit/vite';

// The server (packages/server) serves `dist/` at `/`. In development Vite proxies the API to a
// server on port 8080 (or KASSA_API_URL); the Host header is kept so the server's same-origin
// check on sign-in sees the dev server's own origin.
const apiTarget = process.env.KASSA_API_URL ?? 'http://localhost:8080';

export default kassaViteConfig({
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});
