/** The checks on a token's claims that need neither keys nor stores: time, actions and evidence. */
import type { Action } from '../core/challenge.js';
import type { CaptureClaims, EvidenceFrame } from '../core/claims.js';
import { decodeCanonical } from './encoding.js';
import { jpegSize } from './jpeg.js';
import type { VerifyErrorCode } from './verify-errors.js';

/** How far the browser's clock (and so `iat` and the evidence times) may run ahead of or behind the server's. */
const CLOCK_SKEW_SECONDS = 60;
/** Evidence frames are about 256 px crops; these bounds refuse thumbnails and full camera frames. */
const MIN_SIDE = 64;
const MAX_SIDE = 1024;
/** All evidence frames together, decoded. A few 256 px crops weigh well under 200 KB. */
const MAX_EVIDENCE_BYTES = 1024 * 1024;

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Whether the token comes too late or too early at `nowSeconds`: after the challenge expired, more than
 * `maxAgeSeconds` after its `iat`, or with an `iat` or `issuedAt` in the future beyond the clock skew.
 */
export function isExpired({ iat, challenge }: CaptureClaims, nowSeconds: number, maxAgeSeconds: number): boolean {
  const futureLimit = nowSeconds + CLOCK_SKEW_SECONDS;
  return (
    nowSeconds > challenge.expiresAt ||
    nowSeconds - iat > maxAgeSeconds ||
    iat > futureLimit ||
    challenge.issuedAt > futureLimit
  );
}

/** Whether the performed actions are the challenge's (and `expected`, when given), in the same order. */
export function actionsMatch({ challenge, result }: CaptureClaims, expected?: readonly Action[]): boolean {
  const performed = result.actions.map(({ action }) => action);
  return sameSequence(performed, challenge.actions) && (expected === undefined || sameSequence(performed, expected));
}

/**
 * `evidence-missing`: no frame for `frontal` or for an action, or a frame that is not a real JPEG of its declared
 * size, or too many bytes. `evidence-mismatch`: frames not labelled `frontal` then each action in order (judged
 * only when none is missing), or a frame or an action timed outside the challenge's lifetime, or an action that
 * ends before it starts.
 */
export function evidenceErrors(claims: CaptureClaims): VerifyErrorCode[] {
  const labels = claims.evidence.map(({ label }) => label as string);
  const required = ['frontal', ...claims.challenge.actions];
  const present = new Set(labels); // a set: a forged token may list many thousands of labels and actions
  const complete = required.every((label) => present.has(label));
  const errors: VerifyErrorCode[] = [];
  if (!complete || !areUsable(claims.evidence)) errors.push('evidence-missing');
  if ((complete && !sameSequence(labels, required)) || !isTimedWithinLifetime(claims)) errors.push('evidence-mismatch');
  return errors;
}

/** Every frame a real JPEG of its declared size, within the byte budget. */
function areUsable(evidence: readonly EvidenceFrame[]): boolean {
  let totalBytes = 0;
  for (const frame of evidence) {
    if (!isSide(frame.width) || !isSide(frame.height)) return false;
    const bytes = decodeCanonical(frame.jpeg, 'base64');
    if (bytes === null) return false;
    totalBytes += bytes.length;
    if (totalBytes > MAX_EVIDENCE_BYTES) return false;
    const size = jpegSize(bytes);
    if (size?.width !== frame.width || size.height !== frame.height) return false;
  }
  return true;
}

function isSide(pixels: number): boolean {
  return Number.isInteger(pixels) && pixels >= MIN_SIDE && pixels <= MAX_SIDE;
}

/** Claims times are milliseconds since the epoch, the challenge's are seconds. */
function isTimedWithinLifetime({ challenge, result, evidence }: CaptureClaims): boolean {
  const earliest = (challenge.issuedAt - CLOCK_SKEW_SECONDS) * 1000;
  const latest = (challenge.expiresAt + CLOCK_SKEW_SECONDS) * 1000;
  const inLifetime = (ms: number) => ms >= earliest && ms <= latest;
  return (
    evidence.every(({ t }) => inLifetime(t)) &&
    result.actions.every(
      ({ startedAt, completedAt }) => inLifetime(startedAt) && inLifetime(completedAt) && completedAt >= startedAt,
    )
  );
}
