// Build and dev server for the web app: bundled to dist/ (served by the Ding server with an index.html
// fallback for every non-API path, screen.html for /screen/*), /api proxied to a local `ding serve` in
// development (DING_API overrides its address). Two entries: the app (index.html) and the big screens
// (screen.html), which share nothing but React so that a wall loads no Ant Design.
import { resolve } from 'node:path';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The screens' pages (/screen/city, /screen/town/:code) are screen.html, as the Ding server answers them. */
const screenPages: Connect.NextHandleFunction = (req, _res, next) => {
  const [path = '', query] = (req.url ?? '').split('?');
  if (/^\/screen(\/[^.]*)?$/.test(path)) req.url = `/screen.html${query ? `?${query}` : ''}`;
  next();
};

const screenFallback: Plugin = {
  name: 'ding-screen-pages',
  configureServer: (server) => void server.middlewares.use(screenPages),
  configurePreviewServer: (server) => void server.middlewares.use(screenPages),
};

/** Sources of @ding/core. */
const CORE_SOURCE = /[\\/]packages[\\/]core[\\/]src[\\/]/;

export default defineConfig({
  plugins: [react(), screenFallback],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts' core is about 400 kB minified before any chart (the screens' entry is about 550 kB): warn
    // above that, not at Vite's 500 kB default.
    chunkSizeWarningLimit: 650,
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        screen: resolve(import.meta.dirname, 'screen.html'),
      },
      // The engine is pure (lint forbids I/O in packages/core), so its modules have no side effects:
      // importing a helper does not drag in the plan schema and zod (28 kB gzip) when unused.
      treeshake: { moduleSideEffects: (id: string) => !CORE_SOURCE.test(id) },
      output: {
        codeSplitting: {
          groups: [
            // React changes less often than the app: its own file stays cached across releases.
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // The app's small pure helpers (and core's) in one file rather than a dozen tiny requests.
            {
              name: 'app',
              test: /[\\/]packages[\\/](web[\\/]src[\\/](lib|api|i18n|router)|core[\\/]src)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': process.env.DING_API ?? 'http://127.0.0.1:8080' } },
});
