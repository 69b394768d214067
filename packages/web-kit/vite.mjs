// The Vite config both web apps build with: React, the `source` condition (so @kassa/* packages
// are bundled from their TypeScript sources), and React and Mantine in chunks of their own (they
// change rarely and stay cached across app releases). Plain JavaScript: Vite loads it with Node
// before anything is compiled.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** @param {{ server: import('vite').ServerOptions }} options */
export function kassaViteConfig({ server }) {
  return defineConfig({
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      rolldownOptions: {
        output: {
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
    server,
  });
}
