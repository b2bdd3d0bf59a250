/**
 * Builds the claims of the signed capture payload from a finished liveness session. Pure: the element
 * signs what this returns; the server module reads the same shape.
 */
import type { Challenge } from './challenge.js';
import { CLAIMS_VERSION, type CaptureClaims, type CaptureMode, type EvidenceFrame } from './claims.js';
import type { LivenessResult } from './liveness/session.js';

export interface ClaimsInput {
  challenge: Challenge;
  mode: CaptureMode;
  result: LivenessResult;
  /**
   * The frontal frame first, then one per action in the challenge's order (see {@link evidenceRequests}),
   * with `t` still on the frames' clock.
   */
  evidence: EvidenceFrame[];
  sdk: string;
  /** Converts a session timestamp (the frames' clock) to milliseconds since the epoch. */
  toEpochMs: (t: number) => number;
  /** Now, milliseconds since the epoch. */
  nowMs: number;
}

/** The frames to encode as evidence, as `[label, session timestamp]`: the frontal one, then each action's peak. */
export function evidenceRequests(result: LivenessResult): { label: EvidenceFrame['label']; t: number }[] {
  if (!result.frontal) throw new RangeError('the session has no frontal frame');
  return [{ label: 'frontal', t: result.frontal.t }, ...result.actions.map((a) => ({ label: a.action, t: a.peakT }))];
}

export function buildClaims(input: ClaimsInput): CaptureClaims {
  const { result, toEpochMs } = input;
  if (!result.frontal) throw new RangeError('the session has no frontal frame');
  const expected = evidenceRequests(result).map((r) => r.label);
  if (input.evidence.map((e) => e.label).join() !== expected.join()) {
    throw new RangeError(`evidence must be ${expected.join(', ')}`);
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    v: CLAIMS_VERSION,
    sdk: input.sdk,
    iat: Math.floor(input.nowMs / 1000),
    challenge: input.challenge,
    mode: input.mode,
    result: {
      passed: result.passed,
      actions: result.actions.map((a) => ({
        action: a.action,
        startedAt: Math.round(toEpochMs(a.startedAt)),
        completedAt: Math.round(toEpochMs(a.completedAt)),
        metric: round(a.metric),
      })),
      quality: {
        brightness: round(result.frontal.brightness),
        sharpness: round(result.frontal.sharpness),
        faceToGuide: round(result.frontal.faceToGuide),
      },
    },
    evidence: input.evidence.map((frame) => ({ ...frame, t: Math.round(toEpochMs(frame.t)) })),
  };
}
