// The Vite config both web apps build with: React, the `source` condition (so @kassa/* packages
// are bundled from their TypeScript sources), and React and Mantine in chunks of their own (they
// change rarely and stay cached across app releases). Plain JavaScript: Vite loads it with Node
// before anything is compiled.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * What both apps' index.html share, filled in before Vite reads the page (each page keeps only its
 * title): UTF-8, the viewport, a light colour scheme, the icon, the root element and the entry
 * module `src/main.tsx`.
 * @returns {import('vite').Plugin}
 */
function kassaPage() {
  const head = [
    '<meta charset="UTF-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
    '<meta name="color-scheme" content="light" />',
    '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
  ].join('\n    ');
  const body = '<div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>';
  return {
    name: 'kassa-page',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace('<head>', `<head>\n    ${head}`).replace('<body>', `<body>\n    ${body}`),
    },
  };
}

/** @param {{ server: import('vite').ServerOptions }} options */
export function kassaViteConfig({ server }) {
  return defineConfig({
    plugins: [react(), kassaPage()],
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
