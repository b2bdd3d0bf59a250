/**
 * Face landmarks on TensorFlow.js, inside the worker: backend choice, model load, estimate → Observation,
 * dispose. Nothing here touches the DOM; frames arrive as transferred ImageBitmaps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import {
  createDetector as createFaceDetector,
  SupportedModels as FaceDetectorModels,
  type FaceDetector as BlazeFaceDetector,
} from '@tensorflow-models/face-detection';
import {
  createDetector,
  SupportedModels,
  type FaceLandmarksDetector,
} from '@tensorflow-models/face-landmarks-detection';
import { FaceLivenessError } from '../src/core/errors.js';
import { centreInside, faceGeometry, landmarkBox, LANDMARK_COUNT, type Box } from '../src/core/geometry.js';
import { MODEL_FILES } from '../src/core/models.js';
import { imageQuality, QUALITY_CROP_SIZE, SURROUND_WIDTH, surroundBrightness } from '../src/core/image-quality.js';
import {
  validateDetectorOptions,
  type BackendName,
  type BackendReason,
  type CompleteDetectorOptions,
  type DetectorInfo,
  type DetectorOptions,
  type DetectOptions,
  type DetectorStats,
  type EncodedEvidence,
  type FaceObservation,
  type FrameSource,
  type Observation,
} from '../src/core/protocol.js';
import { VERSION } from '../src/core/version.js';
import { failOnLostContext } from './context-loss.js';
import { EvidenceStore } from './evidence.js';


/** Renderers that emulate a GPU on the CPU: WebGL there is several times slower than WASM. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|mesa offscreen/i;

/** face-landmarks-detection drops faces whose face-presence score is below this (its FACE_PRESENCE_SCORE). */
const FACE_PRESENCE_THRESHOLD = 0.5;

/** The face detector counts up to this many faces (the tracked ones included). */
const MAX_COUNTED_FACES = 6;

/** Loads a backend's code on demand, so a device downloads only the backend it runs. */
const BACKEND_MODULES: Record<BackendName, (assetsUrl: string) => Promise<void>> = {
  webgl: async () => {
    await import('@tensorflow/tfjs-backend-webgl');
  },
  wasm: async (assetsUrl) => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threads need cross-origin isolation and gain nothing on 2-core phones (platform notes).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(`${assetsUrl}wasm/`);
  },
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
  },
};

interface WebGLProbe {
  renderer: string;
  software: boolean;
}

function probeWebGL(): WebGLProbe | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, software: SOFTWARE_RENDERER.test(renderer) };
}

interface BackendChoice {
  backend: BackendName;
  reason: BackendReason;
  renderer?: string;
}

/** Candidates in order, with the reason for the first; later ones run as `fallback`. */
function backendPlan(requested: BackendName | undefined, gpu: WebGLProbe | null): [BackendName[], BackendReason] {
  if (requested) return [[requested], 'requested'];
  if (!gpu) return [['wasm', 'cpu'], 'no-webgl'];
  if (gpu.software) return [['wasm', 'webgl', 'cpu'], 'software-gpu'];
  return [['webgl', 'wasm', 'cpu'], 'hardware-gpu'];
}

async function startBackend(options: CompleteDetectorOptions): Promise<BackendChoice> {
  const gpu = probeWebGL();
  const [candidates, reason] = backendPlan(options.backend, gpu);
  const failures: string[] = [];
  for (const [index, backend] of candidates.entries()) {
    try {
      await BACKEND_MODULES[backend](options.assetsUrl);
      // setBackend resolves false (and tfjs stays on another backend) when init fails, e.g. a CSP
      // without 'wasm-unsafe-eval' or a missing .wasm file: check both its answer and the result.
      if ((await tf.setBackend(backend)) && tf.getBackend() === backend) {
        return { backend, reason: index === 0 ? reason : 'fallback', ...(gpu ? { renderer: gpu.renderer } : {}) };
      }
      failures.push(`${backend}: did not initialise`);
    } catch (error) {
      failures.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new FaceLivenessError('backend-unavailable', `No TensorFlow.js backend could start (${failures.join('; ')})`);
}

/**
 * The parts of face-landmarks-detection 1.0.6's tfjs detector that its public API hides: the graph
 * models, to warm them up and to read the face-presence score the detector computes but drops.
 */
interface MeshInternals {
  landmarkModel: GraphModel;
  detector: { detectorModel: GraphModel };
}

function meshInternals(detector: FaceLandmarksDetector): MeshInternals {
  const internals = detector as unknown as Partial<MeshInternals>;
  if (!internals.landmarkModel?.execute || !internals.detector?.detectorModel?.execute) {
    throw new FaceLivenessError('model-load-failed', 'face-landmarks-detection internals changed: pin version 1.0.6');
  }
  return internals as MeshInternals;
}

/**
 * Wraps the landmark model so each run's face-presence score is recorded as the detector reads it,
 * without a second read back from the GPU.
 */
function recordFaceScores(model: GraphModel, scores: Promise<number>[]): void {
  const execute = model.execute.bind(model);
  model.execute = ((inputs, outputs) => {
    const result = execute(inputs, outputs) as tf.Tensor[];
    const faceFlag = result[0]!;
    const read = faceFlag.data.bind(faceFlag);
    faceFlag.data = (() => {
      const values = read();
      scores.push(values.then((v) => Number(v[0])));
      return values;
    }) as typeof faceFlag.data;
    return result;
  }) as typeof model.execute;
}

/** Runs each graph model once on zeros so shaders compile and kernels load before the first frame. */
function warmUp(internals: MeshInternals): void {
  for (const model of [internals.detector.detectorModel, internals.landmarkModel]) {
    const [, height, width, channels] = model.inputs[0]!.shape!;
    tf.tidy(() => {
      const outputs = model.execute(tf.zeros([1, height!, width!, channels!]));
      for (const output of Array.isArray(outputs) ? outputs : [outputs]) output.dataSync();
    });
  }
}

/** Whether the centre of `box` lies inside `around`: the same face seen by the two models. */

/** Owns a backend and the face models; create → detect → dispose. */
export class FaceDetector {
  private readonly scores: Promise<number>[] = [];
  private readonly evidence = new EvidenceStore();
  /** Frames since the face detector last looked for other faces; 0 means look now. */
  private framesSinceCount = 0;
  private otherFaces: Box[] = [];
  private readonly qualityCanvas = new OffscreenCanvas(QUALITY_CROP_SIZE, QUALITY_CROP_SIZE);
  private readonly qualityContext = this.qualityCanvas.getContext('2d', { willReadFrequently: true })!;
  private readonly surroundCanvas = new OffscreenCanvas(SURROUND_WIDTH, SURROUND_WIDTH);
  private readonly surroundContext = this.surroundCanvas.getContext('2d', { willReadFrequently: true })!;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private detector: FaceLandmarksDetector | null,
    private counter: BlazeFaceDetector | null,
    private readonly faceCountEvery: number,
    readonly info: DetectorInfo,
  ) {
    recordFaceScores(meshInternals(detector!).landmarkModel, this.scores);
  }

  static async create(options: DetectorOptions): Promise<FaceDetector> {
    const start = performance.now();
    const config = validateDetectorOptions(options);
    if (config.version !== VERSION) {
      throw new FaceLivenessError(
        'worker-failed',
        `The worker is version ${VERSION} but the element is ${config.version}: serve both from the same build`,
      );
    }
    const choice = await startBackend(config);
    let detector: FaceLandmarksDetector;
    let counter: BlazeFaceDetector;
    try {
      // The mesh's face detector and the counter of other faces are the same model: fetched once and loaded
      // twice from memory, since a portal serving it without cache headers would send it twice.
      const faceDetector = await tf.io.http(`${config.assetsUrl}models/${MODEL_FILES.detector}`).load!();
      [detector, counter] = await Promise.all([
        createDetector(SupportedModels.MediaPipeFaceMesh, {
          runtime: 'tfjs',
          refineLandmarks: false,
          maxFaces: config.maxFaces,
          detectorModelUrl: tf.io.fromMemory(faceDetector),
          landmarkModelUrl: `${config.assetsUrl}models/${MODEL_FILES.mesh}`,
        }),
        createFaceDetector(FaceDetectorModels.MediaPipeFaceDetector, {
          runtime: 'tfjs',
          modelType: 'short',
          maxFaces: MAX_COUNTED_FACES,
          detectorModelUrl: tf.io.fromMemory(faceDetector),
        }),
      ]);
    } catch (error) {
      throw new FaceLivenessError('model-load-failed', `Face models could not be loaded from ${config.assetsUrl}models/`, {
        cause: error,
      });
    }
    const warmUpStart = performance.now();
    warmUp(meshInternals(detector));
    const end = performance.now();
    return new FaceDetector(detector, counter, config.faceCountEvery, { ...choice, version: VERSION, loadMs: end - start, warmUpMs: end - warmUpStart });
  }

  /** Detects faces in `frame`, then closes it. Calls are served one at a time, in order. */
  detect(frame: FrameSource, t: number, options: DetectOptions = {}): Promise<Observation> {
    return this.serve(() => failOnLostContext(() => this.estimate(frame as ImageBitmap, t, options)));
  }

  encodeEvidence(times: readonly number[]): Promise<EncodedEvidence[]> {
    return this.serve(() => this.evidence.encode(times));
  }

  private serve<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async estimate(frame: ImageBitmap, t: number, options: DetectOptions): Promise<Observation> {
    const start = performance.now();
    try {
      const detector = this.activeDetector();
      this.scores.length = 0;
      const found = await detector.estimateFaces(frame);
      const scores = (await Promise.all(this.scores)).filter((score) => score >= FACE_PRESENCE_THRESHOLD);
      const surround = found.length ? this.smallFrame(frame) : null;
      const faces = found
        .map((face, index): FaceObservation => {
          const landmarks = new Float32Array(LANDMARK_COUNT * 3);
          face.keypoints.forEach((point, i) => landmarks.set([point.x, point.y, point.z ?? 0], i * 3));
          const box = landmarkBox(landmarks);
          return {
            box,
            score: scores[index] ?? Number.NaN,
            landmarks,
            measures: { ...faceGeometry(landmarks), ...this.measureQuality(frame, box), ...this.measureSurround(surround!, frame, box) },
          };
        })
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      if (this.framesSinceCount === 0) this.otherFaces = await this.countOtherFaces(frame, faces);
      this.framesSinceCount = (this.framesSinceCount + 1) % this.faceCountEvery;
      if (options.evidence) await this.evidence.keep(frame, t, faces[0]?.box, options.evidence.keep);
      return { t, width: frame.width, height: frame.height, faces, otherFaces: this.otherFaces, workerMs: performance.now() - start };
    } finally {
      frame.close();
    }
  }

  /** Faces the face detector finds that are not among the tracked ones. */
  private async countOtherFaces(frame: ImageBitmap, tracked: readonly FaceObservation[]): Promise<Box[]> {
    const found = await this.counter!.estimateFaces(frame);
    return found
      .map(({ box }) => ({ x: box.xMin, y: box.yMin, width: box.width, height: box.height }))
      .filter((box) => !tracked.some((face) => centreInside(box, face.box)));
  }

  private measureQuality(frame: ImageBitmap, box: Box) {
    const size = QUALITY_CROP_SIZE;
    // Only the part of the face inside the frame: pixels outside would read as black.
    const x = Math.max(0, box.x);
    const y = Math.max(0, box.y);
    const width = Math.max(1, Math.min(frame.width, box.x + box.width) - x);
    const height = Math.max(1, Math.min(frame.height, box.y + box.height) - y);
    this.qualityContext.drawImage(frame, x, y, width, height, 0, 0, size, size);
    return imageQuality(this.qualityContext.getImageData(0, 0, size, size).data, size, size);
  }

  /** The whole frame, shrunk to {@link SURROUND_WIDTH} pixels across: enough to read the light around a face. */
  private smallFrame(frame: ImageBitmap): ImageData {
    const width = SURROUND_WIDTH;
    const height = Math.max(1, Math.round((width * frame.height) / frame.width));
    if (this.surroundCanvas.height !== height) this.surroundCanvas.height = height;
    this.surroundContext.drawImage(frame, 0, 0, width, height);
    return this.surroundContext.getImageData(0, 0, width, height);
  }

  private measureSurround(small: ImageData, frame: ImageBitmap, box: Box): { surroundBrightness?: number } {
    const scale = small.width / frame.width;
    const value = surroundBrightness(small.data, small.width, small.height, { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale });
    return value === undefined ? {} : { surroundBrightness: value };
  }

  reset(): void {
    this.activeDetector().reset();
    this.framesSinceCount = 0;
    this.otherFaces = [];
  }

  stats(): DetectorStats {
    const memory = tf.memory();
    return { backend: (tf.getBackend() as BackendName | undefined) ?? null, numTensors: memory.numTensors, numBytes: memory.numBytes };
  }

  async dispose(): Promise<void> {
    await this.queue;
    this.evidence.clear();
    this.detector?.dispose();
    this.counter?.dispose();
    this.detector = null;
    this.counter = null;
  }

  private activeDetector(): FaceLandmarksDetector {
    if (!this.detector) throw new FaceLivenessError('aborted', 'The detector was disposed');
    return this.detector;
  }
}
