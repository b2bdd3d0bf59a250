/**
 * The signed capture payload: a JWS (compact serialisation, ES256) whose protected header carries the
 * per-session public key and whose payload is {@link CaptureClaims}. The element builds it; the
 * server module verifies it. Shared here so both read the same shape.
 */
import type { Action, Challenge } from './challenge.js';

/** `typ` of the protected header. */
export const TOKEN_TYPE = 'face-liveness+jws';

/** Version of the claims' shape (`v`). */
export const CLAIMS_VERSION = 1;

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

/** A face-centred JPEG crop (about 256 px): the frontal frame, or the peak frame of an action. */
export interface EvidenceFrame {
  /** `frontal`, or the action whose peak frame this is. */
  label: 'frontal' | Action;
  /** Base64 (standard alphabet, no data: prefix) of the JPEG file. */
  jpeg: string;
  width: number;
  height: number;
  /** When the frame was captured, milliseconds since the epoch. */
  t: number;
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
  result: {
    passed: boolean;
    actions: ActionClaim[];
    quality: QualityClaim;
  };
  /** One `frontal` frame, then one peak frame per action, in the challenge's order. */
  evidence: EvidenceFrame[];
}
