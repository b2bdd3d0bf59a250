import { isAction, type Challenge } from '../core/challenge.js';
import { CLAIMS_VERSION, type ActionClaim, type CaptureClaims, type EvidenceFrame } from '../core/claims.js';

type Fields = Record<string, unknown>;

const MODES: readonly unknown[] = ['server', 'local', 'photo'];

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
    isFields(value) &&
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
    isFields(value) &&
    isAction(value.action) &&
    isNumber(value.startedAt) &&
    isNumber(value.completedAt) &&
    isNumber(value.metric)
  );
}

function isEvidenceFrame(value: unknown): value is EvidenceFrame {
  return (
    isFields(value) &&
    (value.label === 'frontal' || isAction(value.label)) &&
    typeof value.jpeg === 'string' &&
    isNumber(value.width) &&
    isNumber(value.height) &&
    isNumber(value.t)
  );
}

function isResult(value: unknown): value is CaptureClaims['result'] {
  return (
    isFields(value) &&
    typeof value.passed === 'boolean' &&
    isArrayOf(value.actions, isActionClaim) &&
    isFields(value.quality) &&
    isNumber(value.quality.brightness) &&
    isNumber(value.quality.sharpness) &&
    isNumber(value.quality.faceToGuide)
  );
}

/** Whether a parsed payload has the {@link CaptureClaims} shape: field types only, not whether they make sense. */
export function isCaptureClaims(value: unknown): value is CaptureClaims {
  return (
    isFields(value) &&
    value.v === CLAIMS_VERSION &&
    typeof value.sdk === 'string' &&
    isNumber(value.iat) &&
    isChallenge(value.challenge) &&
    MODES.includes(value.mode) &&
    isResult(value.result) &&
    isArrayOf(value.evidence, isEvidenceFrame)
  );
}
