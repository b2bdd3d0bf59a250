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
 * The shortest plausible duration of each action, from its onset to its completion, in ms: a blink seen on
 * two frames of a 30 fps camera; a mouth held open (the browser asks 0.4 s); a head movement out and back.
 */
export const MIN_ACTION_MS: Readonly<Record<Action, number>> = { blink: 30, 'mouth-open': 300, 'turn-left': 100, 'turn-right': 100, nod: 100 };
/** Evidence may start this long before the challenge was issued (the browser's clock running behind). */
const EARLY_MS = 2000;

/**
 * `evidence-missing`: no burst for a challenged action, or a frame that is not a real JPEG of its declared size,
 * or too many bytes. `evidence-mismatch`: bursts not in the challenge's order, a local or photo mode claimed for
 * a server challenge, or times out of order: every frame and action must lie within the challenge's lifetime
 * (from {@link EARLY_MS} before it was issued), the frontal frame come first, each burst's frames rise and
 * span its action, the actions follow one another, each at least {@link MIN_ACTION_MS} long.
 */
export function evidenceErrors(claims: CaptureClaims): VerifyErrorCode[] {
  const bursts = claims.evidence.actions.map(({ action }) => action as string);
  const required = claims.challenge.actions;
  const present = new Set(bursts);
  const complete = required.every((action) => present.has(action));
  const frames = [claims.evidence.frontal, ...claims.evidence.actions.flatMap((burst) => burst.frames)];
  const errors: VerifyErrorCode[] = [];
  if (!complete || !areUsable(frames)) errors.push('evidence-missing');
  const inOrder = complete && sameSequence(bursts, required);
  const modeFits = claims.challenge.mac === undefined || claims.mode === 'server';
  if ((complete && !inOrder) || !modeFits || !isTimedInOrder(claims)) errors.push('evidence-mismatch');
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
function isTimedInOrder({ challenge, result, evidence }: CaptureClaims): boolean {
  const earliest = challenge.issuedAt * 1000 - EARLY_MS;
  const latest = (challenge.expiresAt + CLOCK_SKEW_SECONDS) * 1000;
  const inLifetime = (ms: number) => ms >= earliest && ms <= latest;
  let previous = evidence.frontal.t;
  if (!inLifetime(previous)) return false;
  for (const [i, { action, frames }] of evidence.actions.entries()) {
    const claimed = result.actions[i];
    for (const { t } of frames) {
      if (!(t > previous) || !inLifetime(t)) return false;
      previous = t;
    }
    // Paired only when the claimed actions are the bursts' (otherwise that is `actions-mismatch`).
    if (claimed?.action === action) {
      const { startedAt, completedAt } = claimed;
      const spans = frames[0]!.t <= startedAt && completedAt <= frames.at(-1)!.t;
      if (!spans || completedAt - startedAt < MIN_ACTION_MS[action]) return false;
      if (i > 0 && startedAt < result.actions[i - 1]!.completedAt) return false;
    }
  }
  return true;
}
