import { isAction, type Challenge } from '../core/challenge.js';
import {
  CLAIMS_VERSION,
  MAX_BURST_FRAMES,
  MIN_BURST_FRAMES,
  type ActionBurst,
  type ActionClaim,
  type CaptureClaims,
  type EvidenceFrame,
} from '../core/claims.js';

type Fields = Record<string, unknown>;

const MODES: readonly unknown[] = ['server', 'local', 'photo'];

/** A plain object whose own members are exactly `required`, plus any of `optional`: nothing unknown passes. */
function hasExactly(value: unknown, required: readonly string[], optional: readonly string[] = []): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return required.every((key) => Object.hasOwn(value, key)) && keys.every((key) => required.includes(key) || optional.includes(key));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isArrayOf<T>(value: unknown, isItem: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(isItem);
}

/** A challenge's shape (not whether it is genuine: that is its mac's business). */
function isChallenge(value: unknown): value is Challenge {
  return (
    hasExactly(value, ['id', 'nonce', 'actions', 'issuedAt', 'expiresAt'], ['mac']) &&
    typeof value.id === 'string' &&
    typeof value.nonce === 'string' &&
    value.nonce !== '' &&
    isArrayOf(value.actions, isAction) &&
    Number.isSafeInteger(value.issuedAt) &&
    Number.isSafeInteger(value.expiresAt) &&
    (value.mac === undefined || typeof value.mac === 'string')
  );
}

function isActionClaim(value: unknown): value is ActionClaim {
  return (
    hasExactly(value, ['action', 'startedAt', 'completedAt', 'metric']) &&
    isAction(value.action) &&
    isNumber(value.startedAt) &&
    isNumber(value.completedAt) &&
    isNumber(value.metric)
  );
}

function isEvidenceFrame(value: unknown): value is EvidenceFrame {
  return (
    hasExactly(value, ['jpeg', 'width', 'height', 't']) &&
    typeof value.jpeg === 'string' &&
    isNumber(value.width) &&
    isNumber(value.height) &&
    isNumber(value.t)
  );
}

function isBurst(value: unknown): value is ActionBurst {
  return (
    hasExactly(value, ['action', 'frames']) &&
    isAction(value.action) &&
    isArrayOf(value.frames, isEvidenceFrame) &&
    value.frames.length >= MIN_BURST_FRAMES &&
    value.frames.length <= MAX_BURST_FRAMES
  );
}

function isResult(value: unknown): value is CaptureClaims['result'] {
  return (
    hasExactly(value, ['passed', 'actions', 'quality']) &&
    typeof value.passed === 'boolean' &&
    isArrayOf(value.actions, isActionClaim) &&
    hasExactly(value.quality, ['brightness', 'sharpness', 'faceToGuide']) &&
    isNumber(value.quality.brightness) &&
    isNumber(value.quality.sharpness) &&
    isNumber(value.quality.faceToGuide)
  );
}

/**
 * Whether a parsed payload has exactly the {@link CaptureClaims} shape: every member of every level known and of
 * its type (bursts of 4 to 8 frames), nothing more. Not whether the values make sense.
 */
export function isCaptureClaims(value: unknown): value is CaptureClaims {
  return (
    hasExactly(value, ['v', 'sdk', 'iat', 'challenge', 'mode', 'result', 'evidence']) &&
    value.v === CLAIMS_VERSION &&
    typeof value.sdk === 'string' &&
    isNumber(value.iat) &&
    isChallenge(value.challenge) &&
    MODES.includes(value.mode) &&
    isResult(value.result) &&
    hasExactly(value.evidence, ['frontal', 'actions']) &&
    isEvidenceFrame(value.evidence.frontal) &&
    isArrayOf(value.evidence.actions, isBurst)
  );
}
