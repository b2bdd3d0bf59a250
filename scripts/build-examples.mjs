// Builds the React and Vue examples of demo/examples/ (served by `npm start` under /examples/): React with
// esbuild, Vue with Vite and its official plugin. Each bundle takes face-liveness from the built dist/.
import { existsSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

if (!existsSync('dist/face-liveness.js')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

await esbuild({
  entryPoints: ['demo/examples/react/app.tsx'],
  outfile: 'demo/examples/react/dist/app.js',
  bundle: true,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
await vite({ configFile: 'demo/examples/vue/vite.config.mjs' });
console.log('examples built: demo/examples/react/dist/, demo/examples/vue/dist/');
