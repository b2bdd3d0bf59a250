/**
 * Builds the claims of the signed capture payload from a finished liveness session. Pure: the element
 * signs what this returns; the server module reads the same shape.
 */
import type { Action, Challenge } from './challenge.js';
import {
  CLAIMS_VERSION,
  EVIDENCE_FRAME_SIZE,
  MAX_BURST_FRAMES,
  MIN_BURST_FRAMES,
  type CaptureClaims,
  type CaptureMode,
  type EvidenceFrame,
} from './claims.js';
import type { LivenessResult } from './liveness/session.js';

export interface ClaimsInput {
  challenge: Challenge;
  mode: CaptureMode;
  result: LivenessResult;
  /** The encoded frames of {@link evidenceTimes}, in any order, with `t` still on the frames' clock. */
  frames: readonly EvidenceFrame[];
  sdk: string;
  /** Converts a session timestamp (the frames' clock) to milliseconds since the epoch. */
  toEpochMs: (t: number) => number;
  /** Now, milliseconds since the epoch. */
  nowMs: number;
}

/** The frames the evidence is made of, as session timestamps: the frontal one and each action's burst. */
export interface EvidenceRequest {
  frontal: number;
  actions: { action: Action; frames: number[] }[];
}

export function evidenceRequests(result: LivenessResult): EvidenceRequest {
  if (!result.frontal) throw new RangeError('the session has no frontal frame');
  for (const { action, frames } of result.actions) {
    if (frames.length < MIN_BURST_FRAMES || frames.length > MAX_BURST_FRAMES) {
      throw new RangeError(`the ${action} burst has ${frames.length} frames, not ${MIN_BURST_FRAMES}–${MAX_BURST_FRAMES}`);
    }
    if (frames.some((t, i) => i > 0 && t <= frames[i - 1]!)) throw new RangeError(`the ${action} burst is not in time order`);
  }
  return { frontal: result.frontal.t, actions: result.actions.map(({ action, frames }) => ({ action, frames: [...frames] })) };
}

/** Every frame time the worker must encode for {@link evidenceRequests}, each once. */
export function evidenceTimes(requests: EvidenceRequest): number[] {
  return [...new Set([requests.frontal, ...requests.actions.flatMap((a) => a.frames)])];
}

export function buildClaims(input: ClaimsInput): CaptureClaims {
  const { result, toEpochMs } = input;
  const requests = evidenceRequests(result);
  const byTime = new Map(input.frames.map((frame) => [frame.t, frame]));
  const frame = (t: number): EvidenceFrame => {
    const encoded = byTime.get(t);
    if (!encoded) throw new RangeError(`no encoded evidence frame for ${t}`);
    if (encoded.width !== EVIDENCE_FRAME_SIZE || encoded.height !== EVIDENCE_FRAME_SIZE) {
      throw new RangeError(`evidence frames must be ${EVIDENCE_FRAME_SIZE}×${EVIDENCE_FRAME_SIZE}`);
    }
    return { ...encoded, t: Math.round(toEpochMs(t)) };
  };
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const frontal = result.frontal!;
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
        brightness: round(frontal.brightness),
        sharpness: round(frontal.sharpness),
        faceToGuide: round(frontal.faceToGuide),
      },
    },
    evidence: {
      frontal: frame(requests.frontal),
      actions: requests.actions.map(({ action, frames }) => ({ action, frames: frames.map(frame) })),
    },
  };
}
