/**
 * The detector worker's API, typed once: the worker implements {@link DetectorApi}, the element wraps
 * it with comlink. Everything here crosses the worker boundary, so it is structured-clone safe.
 */
import type { Challenge } from './challenge.js';
import type { CaptureClaims, CaptureMode } from './claims.js';
import type { LivenessResult } from './liveness/session.js';
import type { Observation } from './observation.js';

export type { FaceMeasures, FaceObservation, Observation } from './observation.js';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** Backends in order of preference when the device has a hardware GPU. */
export const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/**
 * Why the worker runs on the backend it reports:
 * - `requested`: `options.backend` asked for it;
 * - `hardware-gpu`: WebGL on a real GPU;
 * - `software-gpu`: WebGL exists but is emulated (SwiftShader, llvmpipe, …), where WASM is several times faster;
 * - `no-webgl`: no WebGL 2 context could be made;
 * - `fallback`: a preferred backend failed to start and this one is the next that did.
 */
export type BackendReason = 'requested' | 'hardware-gpu' | 'software-gpu' | 'no-webgl' | 'fallback';

/** Anything the worker can take as a frame; an `ImageBitmap` in practice (transferred, then closed). */
export interface FrameSource {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** Options of {@link DetectorApi.init}. */
export interface DetectorOptions {
  /**
   * Absolute base URL of the SDK's assets, ending in `/`: the models are under `models/` and the
   * WASM binaries under `wasm/`. Required.
   */
  assetsUrl: string;
  /** The caller's SDK version; a different worker version fails `init` with `worker-failed`. Required. */
  version: string;
  /** Run on this backend instead of choosing by the device's GPU. Default: chosen automatically. */
  backend?: BackendName;
  /** Most faces to track with landmarks. Default 1: a check follows one person. */
  maxFaces?: number;
  /**
   * Every this many frames, the face detector looks for faces besides the tracked ones (reported as
   * `otherFaces`), so a second person is noticed without running full detection on every frame.
   * Default 4.
   */
  faceCountEvery?: number;
}

export type CompleteDetectorOptions = Required<Omit<DetectorOptions, 'backend'>> & Pick<DetectorOptions, 'backend'>;

export const DEFAULT_MAX_FACES = 1;
export const DEFAULT_FACE_COUNT_EVERY = 4;

/** Checks {@link DetectorOptions} and returns a new, completed copy. Throws `TypeError` on misuse. */
export function validateDetectorOptions(options: DetectorOptions): CompleteDetectorOptions {
  if (!options || typeof options.assetsUrl !== 'string' || !options.assetsUrl.endsWith('/')) {
    throw new TypeError('DetectorOptions.assetsUrl must be an absolute URL ending in "/"');
  }
  if (typeof options.version !== 'string') throw new TypeError('DetectorOptions.version must be a string');
  if (options.backend !== undefined && !BACKENDS.includes(options.backend)) {
    throw new TypeError(`DetectorOptions.backend must be one of ${BACKENDS.join(', ')}`);
  }
  const maxFaces = options.maxFaces ?? DEFAULT_MAX_FACES;
  if (!Number.isInteger(maxFaces) || maxFaces < 1 || maxFaces > 10) {
    throw new TypeError('DetectorOptions.maxFaces must be an integer from 1 to 10');
  }
  const faceCountEvery = options.faceCountEvery ?? DEFAULT_FACE_COUNT_EVERY;
  if (!Number.isInteger(faceCountEvery) || faceCountEvery < 1) {
    throw new TypeError('DetectorOptions.faceCountEvery must be a whole number of at least 1');
  }
  return { assetsUrl: options.assetsUrl, version: options.version, backend: options.backend, maxFaces, faceCountEvery };
}

/** What {@link DetectorApi.init} reports once the backend and models are ready. */
export interface DetectorInfo {
  backend: BackendName;
  reason: BackendReason;
  /** The WebGL renderer string the choice was based on, when WebGL exists. */
  renderer?: string;
  /** The worker's SDK version. */
  version: string;
  /** Milliseconds from the start of `init` to models loaded and warmed up by a first inference. */
  loadMs: number;
  /** The part of {@link loadMs} spent on that first inference (shader compilation on WebGL). */
  warmUpMs: number;
}

/** Options of {@link DetectorApi.detect}. */
export interface DetectOptions {
  /**
   * Keep a face-centred crop of this frame for evidence, and drop the kept crops whose times are not in
   * `keep`. Default: no crop is made.
   */
  evidence?: { keep: readonly number[] };
}

/** An evidence crop encoded by {@link DetectorApi.encodeEvidence}: `EVIDENCE_FRAME_SIZE` (claims.ts) square. */
export interface EncodedEvidence {
  t: number;
  /** The JPEG file. */
  jpeg: ArrayBuffer;
  width: number;
  height: number;
}

/** What {@link DetectorApi.sign} needs to build and sign the capture payload of a passed check. */
export interface CaptureRequest {
  challenge: Challenge;
  mode: CaptureMode;
  result: LivenessResult;
  /** Added to the frames' timestamps gives milliseconds since the epoch (the page's `performance.timeOrigin`). */
  epochOffsetMs: number;
}

export interface SignedCapture {
  /** JWS compact serialisation (ES256) of the claims, with the public key in its protected header. */
  token: string;
  result: CaptureClaims['result'];
}

/** Tensor bookkeeping, for leak tests and the benchmark. */
export interface DetectorStats {
  backend: BackendName | null;
  numTensors: number;
  numBytes: number;
}

/** The worker's API, in the shape create → estimate → dispose. */
export interface DetectorApi {
  /** Chooses and starts a backend, loads the models and warms them up. Call once. */
  init(options: DetectorOptions): Promise<DetectorInfo>;
  /**
   * Finds faces in a frame. The frame is closed afterwards (it was transferred, so the caller no
   * longer owns it). Consecutive frames are tracked; call {@link reset} between unrelated images.
   */
  detect(frame: FrameSource, t: number, options?: DetectOptions): Promise<Observation>;
  /**
   * Encodes the kept crops of these frame times (see {@link DetectOptions.evidence}) as JPEG, in the
   * same order, and forgets all crops. Throws `no-face` when a requested frame was not kept.
   */
  encodeEvidence(times: readonly number[]): Promise<EncodedEvidence[]>;
  /** Forgets tracked faces, so the next frame runs full detection. */
  reset(): void;
  /**
   * Encodes the evidence of a passed check (the frontal frame and each action's burst, all kept with
   * {@link DetectOptions.evidence}), builds the claims and signs them with a new non-extractable ES256
   * key made for this capture alone.
   */
  sign(request: CaptureRequest): Promise<SignedCapture>;
  stats(): DetectorStats;
  /** Releases models and tensors. The worker can then be terminated. */
  dispose(): Promise<void>;
}
