/**
 * Loads the package's own model files from disk into TensorFlow.js in Node, with no network: a load router
 * for a private URL scheme reads `model.json` and concatenates its weight shards. The WASM backend's binaries
 * come from the package too.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { MODEL_FILES } from '../../core/models.js';

/**
 * URLs of this scheme name a file under the assets folder's `models/`. The id keeps this copy of the module's
 * routers apart from another copy's in the same process (the source and the bundle, say), since tfjs refuses
 * a URL that two routers claim.
 */
const SCHEME = `face-liveness-model://${randomUUID()}/`;

/**
 * The folder holding `models/` and `wasm/`: the built package's `dist/`, next to `dist/server.js`; when this
 * module runs from source (tests, scripts), the `dist/` that `npm run build` made.
 */
export function defaultAssetsDir(): string {
  const candidates = ['./', '../../../dist/'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'models', MODEL_FILES.mesh))) ?? candidates[0]!;
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
}

async function readModel(modelsDir: string, file: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(join(modelsDir, file), 'utf8')) as ModelJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map((path) => readFile(join(modelsDir, path))));
  const weights = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  };
}

const routedDirs = new Set<string>();

/** The URL under which `loadGraphModel` (and the face-landmarks library) finds `file` of `modelsDir`. */
export function modelUrl(modelsDir: string, file: string): string {
  if (!routedDirs.has(modelsDir)) {
    routedDirs.add(modelsDir);
    const prefix = `${SCHEME}${encodeURIComponent(modelsDir)}/`;
    // A router answers null for URLs that are not its own (tfjs's own routers do the same).
    const route = (url: string | string[]) =>
      typeof url === 'string' && url.startsWith(prefix) ? { load: () => readModel(modelsDir, decodeURIComponent(url.slice(prefix.length))) } : null;
    tf.io.registerLoadRouter(route as Parameters<typeof tf.io.registerLoadRouter>[0]);
  }
  return `${SCHEME}${encodeURIComponent(modelsDir)}/${encodeURIComponent(file)}`;
}
