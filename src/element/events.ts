/**
 * The element's events: each detail type, its event type and its `GlobalEventHandlersEventMap`
 * entry, so `el.addEventListener('liveness-ready', (e) => e.detail.backend)` type-checks.
 * All bubble and are composed (they cross shadow roots).
 */
import type { Action } from '../core/challenge.js';
import type { CaptureClaims } from '../core/claims.js';
import type { ErrorCode } from '../core/errors.js';
import type { FailReason, Phase } from '../core/liveness/session.js';
import type { BackendName, BackendReason } from '../core/protocol.js';

/** `liveness-ready`: the worker, its backend and the models are ready. */
export interface LivenessReadyDetail {
  backend: BackendName;
  /**
   * Why this backend: `hardware-gpu`, `software-gpu` (WASM where the GPU is emulated), `no-webgl`, or
   * `fallback` when a preferred backend failed to start (e.g. its WASM binary could not be fetched).
   */
  reason: BackendReason;
  /** Milliseconds from starting the worker to models warmed up. */
  loadMs: number;
}
export type LivenessReadyEvent = CustomEvent<LivenessReadyDetail>;

/** `liveness-error`: a technical failure (not a failed liveness check). */
export interface LivenessErrorDetail {
  code: ErrorCode;
  message: string;
  /** Whether trying again, unchanged, may succeed. */
  retryable: boolean;
}
export type LivenessErrorEvent = CustomEvent<LivenessErrorDetail>;

/** `liveness-progress`: the check moved to another phase or action. */
export interface LivenessProgressDetail {
  phase: Phase;
  /** The action now asked for, while `phase` is `action`. */
  action?: Action;
  /** Actions completed so far. */
  index: number;
  total: number;
}
export type LivenessProgressEvent = CustomEvent<LivenessProgressDetail>;

/** `liveness-success`: liveness proven. Post `token` to your server, which verifies it with `face-liveness/server`. */
export interface LivenessSuccessDetail {
  /** The signed capture payload (JWS compact serialisation, ES256). Also the element's `token` and form value. */
  token: string;
  /** The signed result: actions with their metrics, and the frontal frame's quality. */
  result: CaptureClaims['result'];
}
export type LivenessSuccessEvent = CustomEvent<LivenessSuccessDetail>;

/** `liveness-fail`: liveness was not proven in this attempt (user-side, not technical). */
export interface LivenessFailDetail {
  reason: FailReason;
  /** Attempts still allowed; 0 means the failure is final. */
  attemptsLeft: number;
}
export type LivenessFailEvent = CustomEvent<LivenessFailDetail>;

export interface FaceLivenessEventMap {
  'liveness-ready': LivenessReadyEvent;
  'liveness-progress': LivenessProgressEvent;
  'liveness-success': LivenessSuccessEvent;
  'liveness-fail': LivenessFailEvent;
  'liveness-error': LivenessErrorEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalEventHandlersEventMap extends FaceLivenessEventMap {}
}

export function livenessEvent<K extends keyof FaceLivenessEventMap>(
  type: K,
  detail: FaceLivenessEventMap[K]['detail'],
): FaceLivenessEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as FaceLivenessEventMap[K];
}
