/**
 * The analyzer on the calling thread: TensorFlow.js in Node (WASM backend, or CPU) with the package's face
 * detector, face mesh and identity models.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection/dist/face-landmarks-detection.esm.js';
import { AnalyzerLoadError, type Analyzer, type AnalyzerBackend, type CompleteAnalyzerOptions, type ImageAnalysis } from './analyzer-types.js';
import { decodeJpeg } from './decode.js';
import { faceDescriptor, loadEmbeddingModel } from './embedding.js';
import { findFaces, loadFaceMesh, rgbTensor } from './faces.js';
import { frameFingerprint } from './fingerprint.js';

let backendReady: Promise<AnalyzerBackend> | undefined;

async function startBackend(backend: AnalyzerBackend, assetsDir: string): Promise<AnalyzerBackend> {
  if (backend === 'wasm') setWasmPaths(join(assetsDir, 'wasm') + '/');
  if (!(await tf.setBackend(backend))) throw new AnalyzerLoadError(`TensorFlow.js backend "${backend}" did not start`);
  await tf.ready();
  return backend;
}

/** Loads the models on this thread (TensorFlow.js has one backend per thread: every analyzer here shares it). */
export async function createLocalAnalyzer({ backend, assetsDir }: CompleteAnalyzerOptions): Promise<Analyzer> {
  backendReady ??= startBackend(backend, assetsDir).catch((error: unknown) => {
    backendReady = undefined;
    throw error;
  });
  const running = await backendReady;
  if (running !== backend) throw new TypeError(`createAnalyzer: this process already runs the "${running}" backend`);
  const modelsDir = join(assetsDir, 'models');
  let mesh: FaceLandmarksDetector;
  let embedding: GraphModel;
  try {
    [mesh, embedding] = await Promise.all([loadFaceMesh(modelsDir), loadEmbeddingModel(modelsDir)]);
  } catch (error) {
    throw new AnalyzerLoadError(`face-liveness/server: the analysis models could not be loaded from ${modelsDir}: ${String(error)}`, { cause: error });
  }
  return new ModelAnalyzer(backend, mesh, embedding);
}

class ModelAnalyzer implements Analyzer {
  /** One image at a time: bounds memory under a burst of tokens, and tfjs runs one op at a time anyway. */
  #queue: Promise<unknown> = Promise.resolve();
  #disposed = false;

  constructor(
    readonly backend: AnalyzerBackend,
    private readonly mesh: FaceLandmarksDetector,
    private readonly embedding: GraphModel,
  ) {}

  analyzeJpeg(jpeg: Uint8Array): Promise<ImageAnalysis | null> {
    if (this.#disposed) return Promise.reject(new Error('the analyzer was disposed'));
    const run = this.#queue.then(() => this.#analyze(jpeg));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #analyze(jpeg: Uint8Array): Promise<ImageAnalysis | null> {
    const image = decodeJpeg(jpeg);
    if (!image) return null;
    const rgb = rgbTensor(image);
    try {
      const faces = await findFaces(this.mesh, image, rgb);
      const descriptor = faces[0] ? await faceDescriptor(this.embedding, rgb, faces[0]) : null;
      return { width: image.width, height: image.height, faces, descriptor, fingerprint: frameFingerprint(image) };
    } finally {
      rgb.dispose();
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.mesh.dispose();
    this.embedding.dispose();
  }
}
