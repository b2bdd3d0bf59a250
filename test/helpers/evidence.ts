/** Checks of a token's evidence (claims v2) that the element and camera tests share. */
import { expect } from '@esm-bundle/chai';
import type { Action } from '../../src/core/challenge.js';
import { EVIDENCE_FRAME_SIZE, MAX_BURST_FRAMES, MIN_BURST_FRAMES, type CaptureClaims, type EvidenceFrame } from '../../src/core/claims.js';
import { eyeOpenness } from '../../src/core/liveness/evidence-frames.js';
import type { FaceMeasures } from '../../src/core/protocol.js';
import { startDetector } from './detector.js';
import { decodeJpeg } from './element.js';

/** A 2-action token must stay under this (design.md). */
export const MAX_TOKEN_BYTES = 400_000;

/** Below OPEN_EYES (0.95) for the slack of measuring two separate JPEG crops; a half-blink reads about 0.5. */
const OPEN_EYES_IN_CROPS = 0.8;

/**
 * The token holds v2 evidence for `actions`: the frontal frame and one burst per action in order, each
 * burst MIN–MAX frames in time order around the claimed action times, every frame a 256×256 JPEG.
 */
export async function expectEvidence(token: string, claims: CaptureClaims, actions: Action[]): Promise<void> {
  expect(claims.v).to.equal(2);
  expect(token.length, 'token bytes').to.be.below(MAX_TOKEN_BYTES);
  const { frontal, actions: bursts } = claims.evidence;
  expect(bursts.map((b) => b.action)).to.deep.equal(actions);
  bursts.forEach(({ frames }, i) => {
    const times = frames.map((f) => f.t);
    const claimed = claims.result.actions[i]!;
    expect(frames.length).to.be.within(MIN_BURST_FRAMES, MAX_BURST_FRAMES);
    expect(times, 'in time order').to.deep.equal([...times].sort((a, b) => a - b));
    expect(new Set(times).size).to.equal(times.length);
    expect(times[0]).to.be.below(claimed.startedAt);
    expect(times.at(-1)).to.be.at.least(claimed.completedAt);
    expect(times).to.include.members([claimed.startedAt, claimed.completedAt]);
    expect(frontal.t, 'frontal before the actions').to.be.below(times[0]!);
  });
  for (const frame of [frontal, ...bursts.flatMap((b) => b.frames)]) {
    expect([frame.width, frame.height]).to.deep.equal([EVIDENCE_FRAME_SIZE, EVIDENCE_FRAME_SIZE]);
    const image = await decodeJpeg(frame.jpeg);
    expect([image.width, image.height]).to.deep.equal([EVIDENCE_FRAME_SIZE, EVIDENCE_FRAME_SIZE]);
    image.close();
  }
}

/** The face measures of evidence frames, from the built worker's own detector run on the decoded JPEGs. */
export async function measure(frames: EvidenceFrame[]): Promise<FaceMeasures[]> {
  const detector = await startDetector();
  try {
    const measures: FaceMeasures[] = [];
    for (const frame of frames) {
      await detector.reset();
      const observation = await detector.detect(await decodeJpeg(frame.jpeg), frame.t);
      expect(observation.faces, `one face in the frame at ${frame.t}`).to.have.length(1);
      measures.push(observation.faces[0]!.measures);
    }
    return measures;
  } finally {
    await detector.dispose();
  }
}

/**
 * Both eyes open in the frontal frame: measured on the JPEGs, its eyes are about as open as in each
 * burst's first frame (taken before the movement, eyes open), not half closed.
 */
export async function expectFrontalEyesOpen(claims: CaptureClaims): Promise<void> {
  const { frontal, actions } = claims.evidence;
  const [frontalMeasures, ...before] = await measure([frontal, ...actions.map((a) => a.frames[0]!)]);
  for (const open of before) expect(eyeOpenness(frontalMeasures!, open), 'frontal eyes over the before frame\'s').to.be.above(OPEN_EYES_IN_CROPS);
}
