import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: { '@wutong/shared': here('../../libs/shared/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/apps/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 4200, proxy: apiProxy },
  preview: { port: 4300, proxy: apiProxy },
});
