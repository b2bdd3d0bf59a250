/**
 * Technical failures, reported by `liveness-error` and thrown as {@link FaceLivenessError}.
 * Each code is stable: hosts switch on it, and it survives the worker boundary.
 */
export type ErrorCode =
  /** The browser lacks something the check needs (getUserMedia, Worker, OffscreenCanvas, WebCrypto). */
  | 'unsupported-browser'
  /** The person or the browser refused camera access. */
  | 'camera-denied'
  /** No camera is present, or none matches the requested facing mode. */
  | 'camera-not-found'
  /** The camera exists but another application or tab holds it. */
  | 'camera-in-use'
  /** The camera stopped delivering frames during a check (unplugged, revoked, or the OS took it). */
  | 'camera-ended'
  /** The detector worker could not start, crashed, or reported a different SDK version. */
  | 'worker-failed'
  /** No TensorFlow.js backend could be initialised (or the requested one refused to start). */
  | 'backend-unavailable'
  /** The face models (or the backend's WASM binaries) could not be fetched or parsed. */
  | 'model-load-failed'
  /** The host's challenge endpoint failed or answered something that is not a challenge. */
  | 'challenge-failed'
  /** The challenge expired before the check finished. */
  | 'challenge-expired'
  /** An operation took longer than it is allowed to. */
  | 'timeout'
  /** No face was found where one was required. */
  | 'no-face'
  /** More than one face was found where exactly one was required. */
  | 'multiple-faces'
  /** The check was stopped (by `stop()`, removal from the page, or a hidden tab). */
  | 'aborted';

/** Whether trying again, unchanged, may succeed. Hosts use it to offer a "try again" button. */
const RETRYABLE: Readonly<Record<ErrorCode, boolean>> = {
  'unsupported-browser': false,
  'camera-denied': true,
  'camera-not-found': false,
  'camera-in-use': true,
  'camera-ended': true,
  'worker-failed': false,
  'backend-unavailable': false,
  'model-load-failed': true,
  'challenge-failed': true,
  'challenge-expired': true,
  timeout: true,
  'no-face': true,
  'multiple-faces': true,
  aborted: true,
};

export const ERROR_CODES = Object.keys(RETRYABLE) as readonly ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(RETRYABLE, value);
}

/** An error with a stable {@link ErrorCode}; the only kind of error the SDK throws or reports. */
export class FaceLivenessError extends Error {
  override readonly name = 'FaceLivenessError';
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? RETRYABLE[code];
  }
}

/** The structured-clone-safe form of an error, as it crosses the worker boundary. */
export interface WireError {
  name: string;
  message: string;
  code: ErrorCode;
  retryable: boolean;
  stack?: string;
}

/**
 * Any thrown value as a {@link WireError}. A value that is not a {@link FaceLivenessError} becomes
 * `fallback` so the receiving side always gets a code.
 */
export function toWireError(value: unknown, fallback: ErrorCode = 'worker-failed'): WireError {
  if (value instanceof FaceLivenessError) {
    return { name: value.name, message: value.message, code: value.code, retryable: value.retryable, stack: value.stack };
  }
  const message = value instanceof Error ? value.message : String(value);
  return { name: 'FaceLivenessError', message, code: fallback, retryable: RETRYABLE[fallback] };
}

export function fromWireError(wire: WireError): FaceLivenessError {
  const error = new FaceLivenessError(isErrorCode(wire.code) ? wire.code : 'worker-failed', wire.message, {
    retryable: wire.retryable,
  });
  if (wire.stack) error.stack = wire.stack;
  return error;
}
