import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The register's local service (`kassa start`, packages/register) serves `dist/` on 127.0.0.1 and
// the Register local API under /local. In development Vite proxies /local to a running
// `kassa start` on port 8181 (or KASSA_LOCAL_URL).
const localApiTarget = process.env.KASSA_LOCAL_URL ?? 'http://127.0.0.1:8181';

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
  server: { port: 5174, proxy: { '/local': { target: localApiTarget } } },
});
