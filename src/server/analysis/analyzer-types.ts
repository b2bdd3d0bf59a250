/**
 * The analyzer's public types, shared by the in-process analyzer, the thread pool and its threads. They name
 * nothing of TensorFlow.js or the face landmarks library, so a host's types need neither.
 */
import type { Box } from '../../core/geometry.js';
import type { FaceMeasures } from '../../core/protocol.js';

export type AnalyzerBackend = 'wasm' | 'cpu';

export interface AnalyzerOptions {
  /**
   * TensorFlow.js backend. `wasm` (the default) is about 20× faster than `cpu`, which is the fallback where
   * WebAssembly is not allowed. TensorFlow.js has one backend per process: every analyzer shares it.
   */
  backend?: AnalyzerBackend;
  /** Folder holding the package's `models/` and `wasm/`. Default: the package's own `dist/`. */
  assetsDir?: string;
  /**
   * Worker threads to analyse in, each with its own TensorFlow.js and models (about 150 MB each); the frames
   * of one token are spread over them. 0 (the default) analyses on the calling thread. Use about one per core.
   */
  threads?: number;
}

export type CompleteAnalyzerOptions = Required<AnalyzerOptions>;

/** Checks {@link AnalyzerOptions} and returns a new, completed copy. Throws a TypeError on misuse. */
export function validateAnalyzerOptions(options: AnalyzerOptions, defaultAssetsDir: () => string): CompleteAnalyzerOptions {
  const backend = options.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new TypeError('createAnalyzer: backend must be "wasm" or "cpu"');
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  if (typeof assetsDir !== 'string') throw new TypeError('createAnalyzer: assetsDir must be a folder path');
  const threads = options.threads ?? 0;
  if (!Number.isSafeInteger(threads) || threads < 0 || threads > 64) throw new TypeError('createAnalyzer: threads must be an integer from 0 to 64');
  return { backend, assetsDir, threads };
}

/** One face in an image. */
export interface FaceFound {
  /** Box around the landmarks, in image pixels. */
  box: Box;
  /** 468 × (x, y, z) in image pixels. */
  landmarks: Float32Array;
  measures: FaceMeasures;
}

/** One image as the server sees it. */
export interface ImageAnalysis {
  width: number;
  height: number;
  /** Every face found, largest first. */
  faces: FaceFound[];
  /** Unit-length identity descriptor of the largest face; null without a face. */
  descriptor: Float32Array | null;
  /** The image's fingerprint, robust to re-encoding (see `fingerprint.ts`). */
  fingerprint: string;
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

