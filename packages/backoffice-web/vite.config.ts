import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (packages/server) serves `dist/` at `/`. In development Vite proxies the API to a
// server on port 8080 (or KASSA_API_URL); the Host header is kept so the server's same-origin
// check on sign-in sees the dev server's own origin.
const apiTarget = process.env.KASSA_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and Mantine change rarely: a separate chunk stays cached across app releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 2,
            },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});
