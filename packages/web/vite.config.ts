// Build and dev server for the web app: bundled to dist/ (served by the Ding server with an index.html
// fallback for every non-API path), /api proxied to a local `ding serve` in development.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Sources of @ding/core. */
const CORE_SOURCE = /[\\/]packages[\\/]core[\\/]src[\\/]/;

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
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
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
