/**
 * The element's events: each detail type, its event type and its `GlobalEventHandlersEventMap`
 * entry, so `el.addEventListener('liveness-ready', (e) => e.detail.backend)` type-checks.
 * All bubble and are composed (they cross shadow roots).
 */
import type { ErrorCode } from '../core/errors.js';
import type { BackendName } from '../core/protocol.js';

/** `liveness-ready`: the worker, its backend and the models are ready. */
export interface LivenessReadyDetail {
  backend: BackendName;
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

export interface FaceLivenessEventMap {
  'liveness-ready': LivenessReadyEvent;
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
