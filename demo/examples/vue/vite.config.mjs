// Builds the Vue example into demo/examples/vue/dist/app.js (`npm run build:examples`).
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'face-liveness' } } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: 'main.ts', output: { entryFileNames: 'app.js', chunkFileNames: '[name]-[hash].js' } },
  },
});
