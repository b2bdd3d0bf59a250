/**
 * `createAnalyzer()`: TensorFlow.js in Node (WASM backend, or CPU) with the package's own face detector, face
 * mesh and identity models, loaded once per process. It decodes an image and reports its faces, their
 * measures and the main face's identity descriptor; `verifyToken` judges evidence with it.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { FaceLandmarksDetector } from '@tensorflow-models/face-landmarks-detection/dist/face-landmarks-detection.esm.js';
import { decodeJpeg, type DecodedImage } from './decode.js';
import { faceDescriptor, loadEmbeddingModel } from './embedding.js';
import { findFaces, loadFaceMesh, rgbTensor, type FaceFound } from './faces.js';
import { defaultAssetsDir } from './models.js';

export type AnalyzerBackend = 'wasm' | 'cpu';

export interface AnalyzerOptions {
  /**
   * TensorFlow.js backend. `wasm` (the default) is about 20× faster than `cpu`, which is the fallback where
   * WebAssembly is not allowed. TensorFlow.js has one backend per process: every analyzer shares it.
   */
  backend?: AnalyzerBackend;
  /** Folder holding the package's `models/` and `wasm/`. Default: the package's own `dist/`. */
  assetsDir?: string;
}

/** One image as the server sees it. */
export interface ImageAnalysis {
  width: number;
  height: number;
  /** Every face found, largest first. */
  faces: FaceFound[];
  /** Unit-length identity descriptor of the largest face; null without a face. */
  descriptor: Float32Array | null;
  /** The decoded pixels, for the checks that look at them. */
  image: DecodedImage;
}

export interface Analyzer {
  readonly backend: AnalyzerBackend;
  /** Decodes a JPEG and analyses it; null when it does not decode. One image at a time, in call order. */
  analyzeJpeg(jpeg: Uint8Array): Promise<ImageAnalysis | null>;
  /** Frees the models. The analyzer must not be used afterwards. */
  dispose(): void;
}

/** Thrown by {@link createAnalyzer} when the backend or a model cannot be loaded. */
export class AnalyzerLoadError extends Error {
  readonly code = 'analyzer-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalyzerLoadError';
  }
}

let backendReady: Promise<AnalyzerBackend> | undefined;

async function startBackend(backend: AnalyzerBackend, assetsDir: string): Promise<AnalyzerBackend> {
  if (backend === 'wasm') setWasmPaths(join(assetsDir, 'wasm') + '/');
  if (!(await tf.setBackend(backend))) throw new AnalyzerLoadError(`TensorFlow.js backend "${backend}" did not start`);
  await tf.ready();
  return backend;
}

/**
 * Loads the models and returns an analyzer. Rejects with {@link AnalyzerLoadError} when the backend or a model
 * file cannot be loaded, naming the folder, so a misconfigured server fails at start-up rather than on a token.
 */
export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  const backend = options.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new TypeError('createAnalyzer: backend must be "wasm" or "cpu"');
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  if (typeof assetsDir !== 'string') throw new TypeError('createAnalyzer: assetsDir must be a folder path');
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
      return { width: image.width, height: image.height, faces, descriptor, image };
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
