import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The local API server; the dev server forwards API calls to it so they stay same-origin. */
const apiTarget = 'http://127.0.0.1:4000';

export default defineConfig({
  // The server mounts the built files under /console; the API stays same-origin at /graphql.
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One ~1.3 MB bundle (react-admin and MUI) loaded once per operator session is fine.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
      '/v1': { target: apiTarget },
    },
  },
});
