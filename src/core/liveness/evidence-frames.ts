/**
 * Which frames become evidence: the frontal frame compared with the registered photo, and for each
 * action a burst of frames through the movement that the server's own run of the same action detector
 * can confirm. Pure: it works on frame times and measures; the worker keeps the crops of the times
 * named here ({@link BurstRecorder.times}) and drops the others, so memory stays at a few dozen crops.
 */
import { MAX_BURST_FRAMES } from '../claims.js';
import type { FaceMeasures } from '../observation.js';
import type { ActionDetector, ActionEvidence, Baseline, MeasureSample } from './actions.js';

/** Each eye measure at least this fraction of the person's open level (the baseline median): eyes open, not a half-blink. */
export const OPEN_EYES = 0.9;

/** The four eye measures over the person's open level; the smallest decides, so one narrowed eye is enough to lose. */
export function eyeOpenness(m: FaceMeasures, open: Baseline): number {
  return Math.min(m.leftEye / open.leftEye, m.rightEye / open.rightEye, m.leftEyeOpening / open.leftEyeOpening, m.rightEyeOpening / open.rightEyeOpening);
}

/** 1 facing the camera, less the more the head is turned, tilted or rolled. */
function frontalness(m: FaceMeasures): number {
  return Math.max(0, 1 - (Math.abs(m.yaw) + Math.abs(m.pitch) + Math.abs(m.roll)) / 90);
}

/**
 * Index of the frontal frame among the baseline hold's frames: of those with both eyes open
 * ({@link OPEN_EYES}), the highest sharpness × frontalness × openness (capped at 1); when no frame has the
 * eyes that open, the one with the most open eyes. Judged after the hold, since the open level is its median.
 */
export function chooseFrontal(frames: readonly { measures: FaceMeasures }[], open: Baseline): number {
  let best = -1;
  let bestScore = -Infinity;
  let mostOpen = 0;
  frames.forEach(({ measures }, i) => {
    const openness = eyeOpenness(measures, open);
    if (openness > eyeOpenness(frames[mostOpen]!.measures, open)) mostOpen = i;
    if (openness < OPEN_EYES) return;
    const score = measures.sharpness * frontalness(measures) * Math.min(1, openness);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best >= 0 ? best : mostOpen;
}

/** Most frames kept for a movement in progress; beyond it the closest neighbours are thinned. */
const MAX_CANDIDATES = 24;
/**
 * After an action completes, its burst takes frames until the face is back at rest, for at most this long:
 * a mouth held open past the hold gives the server's re-run a margin on its 0.4 s.
 */
const RETURN_MS = 600;

interface SeenFrame {
  t: number;
  atRest: boolean;
}

/**
 * Picks the burst: the required frames (before, onset, peak, completion, after), then fills up to
 * {@link MAX_BURST_FRAMES} with the frame nearest the middle of the widest gap, so the frames spread
 * evenly through the movement (across the hold of an open mouth) and no gap grows larger than needed.
 */
export function burstFrames(candidates: readonly number[], required: readonly number[]): number[] {
  const chosen = new Set(required.map((t) => nearest(candidates, t)));
  while (chosen.size < MAX_BURST_FRAMES) {
    const sorted = [...chosen].sort((a, b) => a - b);
    let fill: number | null = null;
    let widest = 0;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [a, b] = [sorted[i]!, sorted[i + 1]!];
      const inside = candidates.filter((t) => t > a && t < b);
      if (b - a <= widest || inside.length === 0) continue;
      [fill, widest] = [nearest(inside, (a + b) / 2), b - a];
    }
    if (fill === null) break;
    chosen.add(fill);
  }
  return [...chosen].sort((a, b) => a - b);
}

function nearest(times: readonly number[], t: number): number {
  return times.reduce((best, time) => (Math.abs(time - t) < Math.abs(best - t) ? time : best));
}

/**
 * Follows the frames the current action's detector judges and keeps those that may still go into its
 * burst: the latest frame at rest before the movement, and every frame since (thinned beyond
 * {@link MAX_CANDIDATES}). When the action completes, its detector goes on judging the next frames with a
 * face until it reads at rest again (the return) or {@link RETURN_MS} pass; then the burst is chosen.
 */
export class BurstRecorder {
  private frames: SeenFrame[] = [];
  /** When the movement in progress started (the detector's pending peak appeared). */
  private onset: number | null = null;
  private returning: { done: ActionEvidence; detector: ActionDetector; candidates: number[] } | null = null;
  /** Frame times of the completed bursts, in the actions' order. */
  readonly bursts: number[][] = [];

  /** No burst is waiting for its return. */
  get sealed(): boolean {
    return this.returning === null;
  }

  /** Times of every frame that may still become burst evidence. */
  get times(): number[] {
    return [...this.bursts.flat(), ...(this.returning?.candidates ?? []), ...this.frames.map((f) => f.t)];
  }

  /** A frame with a face, for the burst waiting for its return. Call before {@link see}. */
  returnFrame(sample: MeasureSample): void {
    if (!this.returning) return;
    const { done, detector, candidates } = this.returning;
    detector.update(sample);
    candidates.push(sample.t);
    if (!detector.atRest && sample.t - done.completedAt < RETURN_MS) return;
    this.bursts.push(burstFrames(candidates, [candidates[0]!, done.startedAt, done.peakT, done.completedAt, sample.t]));
    this.returning = null;
  }

  /**
   * Records a frame the current detector has just judged, on a frame that did not complete the action.
   * Frames of the previous burst's return are its own: each frame is evidence once.
   */
  see(t: number, detector: ActionDetector): void {
    if (this.returning) return;
    this.frames.push({ t, atRest: detector.atRest });
    const peak = detector.pendingPeakT;
    if (peak === null) this.onset = null;
    else this.onset ??= t;
    // Frames before the latest rest frame that precedes the movement can no longer be in its burst.
    const before = restBefore(this.frames, this.onset ?? Infinity);
    if (before > 0) this.frames.splice(0, before);
    const keep = new Set([this.frames[0]!.t, this.onset, peak, t]);
    while (this.frames.length > MAX_CANDIDATES && this.thin(keep));
  }

  /** The detector was interrupted (face lost, frame gap): a movement starting later has its own onset. */
  interrupt(): void {
    this.onset = null;
  }

  /**
   * The action completed on this frame. Returns false, forgetting the movement, when no frame at rest came
   * before its onset: no burst could show it starting, so it must be performed again.
   */
  complete(done: ActionEvidence, detector: ActionDetector): boolean {
    const frames = [...this.frames, { t: done.completedAt, atRest: false }];
    this.frames = [];
    this.onset = null;
    const before = restBefore(frames, done.startedAt);
    if (before < 0) return false;
    this.returning = { done, detector, candidates: frames.slice(before).map((f) => f.t) };
    return true;
  }

  /** Drops the interior frame whose neighbours are closest together, never one in `keep`; false if none could go. */
  private thin(keep: ReadonlySet<number | null>): boolean {
    let drop = -1;
    let narrowest = Infinity;
    for (let i = 1; i + 1 < this.frames.length; i++) {
      const span = this.frames[i + 1]!.t - this.frames[i - 1]!.t;
      if (!keep.has(this.frames[i]!.t) && span < narrowest) [drop, narrowest] = [i, span];
    }
    if (drop >= 0) this.frames.splice(drop, 1);
    return drop >= 0;
  }
}

/** Index of the latest frame at rest before `t`, or -1. */
function restBefore(frames: readonly SeenFrame[], t: number): number {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.atRest && frames[i]!.t < t) return i;
  return -1;
}
