/**
 * Tokens made from real fixture videos without a browser, signed with the test's own key: what an attacker
 * with genuine frames (or a forger with other pictures) can send. Times are laid out as the element lays them:
 * the frontal frame 3 s after the challenge was issued, then one burst per action 3 s apart.
 */
import type { Action, Challenge } from '../../src/core/challenge.js';
import { CLAIMS_VERSION, type CaptureClaims, type EvidenceFrame } from '../../src/core/claims.js';
import type { Analyzer } from '../../src/server/analysis/analyzer.js';
import { createChallenge } from '../../src/server/index.js';
import { evidenceFrames, videoFrames } from './evidence-crops.js';
import { newSigner, sign } from './helpers.js';

/** A stretch of a fixture clip: `clip` from `start` for `duration` seconds at `fps`. */
export interface ClipSpan {
  clip: string;
  start: number;
  duration: number;
  fps: number;
}

/** Real clips in which each action is performed (checked by the server's analysis in analysis.test.ts). */
export const ACTION_SPANS: Partial<Record<Action, ClipSpan>> = {
  blink: { clip: 'blink-man-glasses.mp4', start: 1.0, duration: 0.8, fps: 10 },
  'mouth-open': { clip: 'mouth-open-man.mp4', start: 11.0, duration: 1.2, fps: 6 },
};
export const FRONTAL_SPANS: Partial<Record<Action, ClipSpan>> = {
  blink: { clip: 'blink-man-glasses.mp4', start: 3.0, duration: 0.1, fps: 10 },
  'mouth-open': { clip: 'mouth-open-man.mp4', start: 10.5, duration: 0.1, fps: 10 },
};

export async function spanFrames(analyzer: Analyzer, { clip, start, duration, fps }: ClipSpan, t0: number): Promise<EvidenceFrame[]> {
  return evidenceFrames(analyzer, videoFrames(clip, start, duration, fps), t0, 1000 / fps);
}

/** Evidence frames, as pictures only: the times are laid out by {@link captureClaims}. */
export interface CapturePictures {
  frontal: EvidenceFrame;
  bursts: EvidenceFrame[][];
}

/** The pictures of a real capture of `actions` by the person of the first action's clip. */
export async function realPictures(analyzer: Analyzer, actions: readonly Action[]): Promise<CapturePictures> {
  return picturesOf(analyzer, FRONTAL_SPANS[actions[0]!]!, actions.map((action) => ACTION_SPANS[action]!));
}

/**
 * One man blinking and then holding his mouth wide open, in one recording (talking-no-action-man: wide "O"
 * 15.6–16.8 s, blink 17.0–17.2 s): a real 2-action capture.
 */
export const BLINK_MOUTH_OPEN = {
  actions: ['blink', 'mouth-open'] as Action[],
  frontal: { clip: 'talking-no-action-man.mp4', start: 14.5, duration: 0.1, fps: 10 },
  bursts: [
    { clip: 'talking-no-action-man.mp4', start: 16.8, duration: 0.6, fps: 12 },
    { clip: 'talking-no-action-man.mp4', start: 15.2, duration: 1.8, fps: 4 },
  ],
};

export async function picturesOf(analyzer: Analyzer, frontal: ClipSpan, bursts: readonly ClipSpan[]): Promise<CapturePictures> {
  const [first] = await spanFrames(analyzer, frontal, 0);
  const frames: EvidenceFrame[][] = [];
  for (const span of bursts) frames.push(await spanFrames(analyzer, span, 0));
  return { frontal: first!, bursts: frames };
}

/**
 * Claims of a passed check of `challenge` showing `pictures`, timed from the challenge's issue; each burst keeps
 * its frames' spacing (evenly 100 ms apart when the pictures all share one time, as copies of one picture do).
 */
export function captureClaims(challenge: Challenge, pictures: CapturePictures): CaptureClaims {
  const issued = challenge.issuedAt * 1000;
  const frontal = { ...pictures.frontal, t: issued + 3000 };
  const offset = (frames: EvidenceFrame[], j: number) => (frames.at(-1)!.t > frames[0]!.t ? frames[j]!.t - frames[0]!.t : 100 * j);
  const bursts = pictures.bursts.map((frames, i) => frames.map((frame, j) => ({ ...frame, t: issued + 6000 + 3000 * i + offset(frames, j) })));
  const actions = challenge.actions.map((action, i) => ({
    action,
    startedAt: bursts[i]![1]!.t,
    completedAt: bursts[i]!.at(-2)!.t,
    metric: 0.4,
  }));
  return {
    v: CLAIMS_VERSION,
    sdk: '0.1.0',
    iat: Math.ceil(bursts.at(-1)!.at(-1)!.t / 1000) + 1,
    challenge,
    mode: 'server',
    result: { passed: true, actions, quality: { brightness: 0.5, sharpness: 0.05, faceToGuide: 0.8 } },
    evidence: { frontal, actions: challenge.actions.map((action, i) => ({ action, frames: bursts[i]! })) },
  };
}

/** A challenge of the server's asking for `actions` in this order (its draw is random, so draw until it is). */
export function challengeFor(actions: readonly Action[], secret: string): Challenge {
  for (;;) {
    const challenge = createChallenge({ secret, actions, count: actions.length });
    if (challenge.actions.join() === actions.join()) return challenge;
  }
}

/** The claims signed with a new key of the test's own, as the element (or anyone) signs them. */
export async function signedCapture(claims: CaptureClaims): Promise<string> {
  return sign(claims, await newSigner());
}
