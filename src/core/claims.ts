/**
 * The signed capture payload: a JWS (compact serialisation, ES256) whose protected header carries the
 * per-session public key and whose payload is {@link CaptureClaims}. The element builds it; the
 * server module verifies it. Shared here so both read the same shape.
 */
import type { Action, Challenge } from './challenge.js';

/** `typ` of the protected header. */
export const TOKEN_TYPE = 'face-liveness+jws';

/** Version of the claims' shape (`v`). */
export const CLAIMS_VERSION = 2;

/** How the check was run: with a server challenge, a challenge made in the browser, or a photo only (no camera stream). */
export type CaptureMode = 'server' | 'local' | 'photo';

/** One performed action. Times are milliseconds since the epoch. */
export interface ActionClaim {
  action: Action;
  startedAt: number;
  completedAt: number;
  /** The measure that proved it (see `ActionEvidence.metric`). */
  metric: number;
}

/** Quality of the frontal evidence frame. */
export interface QualityClaim {
  /** Mean luma of the face, 0–1. */
  brightness: number;
  /** RMS Laplacian of the face crop, 0–1. */
  sharpness: number;
  /** Face height over the guide's height. */
  faceToGuide: number;
}

/**
 * A face-centred square JPEG crop ({@link EVIDENCE_FRAME_SIZE} px, the face about 160 px across): large enough
 * for the server to run the same face mesh on it.
 */
export interface EvidenceFrame {
  /** Base64 (standard alphabet, no data: prefix) of the JPEG file. */
  jpeg: string;
  width: number;
  height: number;
  /** When the frame was captured, milliseconds since the epoch. */
  t: number;
}

/**
 * The frames of one performed action, in time order, through the whole movement: at least one before it
 * starts (the eyes open, the mouth closed, the head facing the camera), its onset, its peak, and at least one
 * after it ends; at most {@link MAX_BURST_FRAMES}. The server runs the action detector over them itself.
 */
export interface ActionBurst {
  action: Action;
  frames: EvidenceFrame[];
}

/** Side of the square evidence crops, in pixels. */
export const EVIDENCE_FRAME_SIZE = 256;
/** Fewest frames in an action's burst: before, onset, peak, return. */
export const MIN_BURST_FRAMES = 4;
/** Most frames in an action's burst, which keeps a 2-action token under 400 KB. */
export const MAX_BURST_FRAMES = 8;

export interface Evidence {
  /**
   * The frame compared with the registered photo: both eyes open, the face frontal and sharp. Taken while the
   * person held still before the first action.
   */
  frontal: EvidenceFrame;
  /** One burst per performed action, in the challenge's order. */
  actions: ActionBurst[];
}

export interface CaptureClaims {
  v: typeof CLAIMS_VERSION;
  /** SDK version that built the payload. */
  sdk: string;
  /** Issued at, seconds since the epoch (as JWT's `iat`). */
  iat: number;
  /** The challenge, echoed exactly as received (with its `mac` in server mode). */
  challenge: Challenge;
  mode: CaptureMode;
  /** The browser's own verdict: the server reports it but decides from {@link evidence}. */
  result: {
    passed: boolean;
    actions: ActionClaim[];
    quality: QualityClaim;
  };
  evidence: Evidence;
}
