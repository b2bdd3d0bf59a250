/**
 * Which frames become evidence: the frontal frame compared with the registered photo, and for each
 * action a burst of frames through the movement that the server's own run of the same action detector
 * can confirm. Pure: it works on frame times and measures; the worker keeps the crops of the times
 * named here ({@link BurstRecorder.times}) and drops the others, so memory stays at a few dozen crops.
 */
import { MAX_BURST_FRAMES, MIN_BURST_FRAMES } from '../claims.js';
import type { FaceMeasures } from '../observation.js';
import type { ActionDetector, ActionEvidence, Baseline, MeasureSample } from './actions.js';
import { confirmBurst } from './burst-check.js';
import type { LivenessConfig } from './config.js';

/**
 * Each eye measure at least this fraction of the person's open level (the baseline median): eyes open, not a
 * half-blink. Half the hold's frames reach the median, so a person who blinks often still has frames this open;
 * at 0.9 a frontal frame of eyes slightly narrowed read 0.76–0.80 of the burst's first frame on the crops.
 */
export const OPEN_EYES = 0.95;

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
/**
 * Frames up to this long before the latest one at rest are kept too: the server judges "at rest" by its own
 * baseline (the burst's first and last frames and the frontal one), and when frames are dropped the browser's
 * latest rest frame may be one in which the lids already fall; an earlier one then starts the burst.
 */
const LEAD_MS = 1000;
/**
 * A change of head pose between two burst frames (degrees of yaw plus pitch) that weighs as much as the longest
 * gap in time the server allows: the server joins the frames into one person through frames of similar pose,
 * and a face 30° further turned than its neighbours may match none of them (head-turn-woman: 0.66).
 */
const POSE_STEP = 15;
/**
 * Frames whose poses differ by at most this (degrees of yaw plus pitch) match as one person: measured on 246 frame
 * pairs of seven end-to-end head-turn checks, FaceRes similarity was at or above the server's 0.75 on every pair
 * under 20° apart, below it on 4 of 15 pairs 20–25° apart and on nearly every pair further apart.
 */
const LINKED_POSE_STEP = 20;

/** How far apart two head poses are: degrees of yaw plus pitch. */
function poseChange(p: FaceMeasures, q: FaceMeasures): number {
  return Math.abs(q.yaw - p.yaw) + Math.abs(q.pitch - p.pitch);
}

/**
 * Whether the poses form one chain of steps of at most {@link LINKED_POSE_STEP}, in any order, as the server joins
 * frames into one person: a burst that skips from frontal to 35° turned has no frame for the turned face to match.
 */
export function poseLinked(poses: readonly FaceMeasures[]): boolean {
  if (poses.length === 0) return true;
  const reached = new Set([0]);
  const queue = [0];
  while (queue.length) {
    const from = poses[queue.pop()!]!;
    poses.forEach((pose, j) => {
      if (reached.has(j) || poseChange(from, pose) > LINKED_POSE_STEP) return;
      reached.add(j);
      queue.push(j);
    });
  }
  return reached.size === poses.length;
}

interface SeenFrame {
  t: number;
  atRest: boolean;
  measures: FaceMeasures;
}

/**
 * Picks the burst: the required frames (before, onset, peak, completion, after), then fills up to
 * {@link MAX_BURST_FRAMES} with the frame nearest the middle of the widest gap, so the frames spread
 * evenly through the movement (across the hold of an open mouth) and no gap grows larger than needed.
 * `gap(a, b)` measures the gap between the frames at times a < b: by default its length in time.
 */
export function burstFrames(candidates: readonly number[], required: readonly number[], gap: (a: number, b: number) => number = (a, b) => b - a): number[] {
  const chosen = new Set(required.map((t) => nearest(candidates, t)));
  while (chosen.size < MAX_BURST_FRAMES) {
    const sorted = [...chosen].sort((a, b) => a - b);
    let fill: number | null = null;
    let widest = 0;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [a, b] = [sorted[i]!, sorted[i + 1]!];
      const inside = candidates.filter((t) => t > a && t < b);
      if (gap(a, b) <= widest || inside.length === 0) continue;
      [fill, widest] = [nearest(inside, (a + b) / 2), gap(a, b)];
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
 * burst: the frames of the last {@link LEAD_MS} before the latest frame at rest before the movement, and every
 * frame since (thinned beyond {@link MAX_CANDIDATES}). When a blink or an open mouth completes, its detector goes
 * on judging the next frames with a face until it reads at rest again (the return) or {@link RETURN_MS} pass (a
 * turn or nod completes on its return, and its burst ends there unless it needs more frames); then the
 * burst is chosen: its first frame is the latest one with which the burst confirms as the server will check it
 * ({@link confirmBurst}, against the frontal frame), else the latest frame the browser read at rest.
 */
export class BurstRecorder {
  private frames: SeenFrame[] = [];
  /** When the movement in progress started (the detector's pending peak appeared). */
  private onset: number | null = null;
  private returning: { done: ActionEvidence; detector: ActionDetector; candidates: SeenFrame[]; rest: number; completion: FaceMeasures } | null = null;
  /** Frame times of the completed bursts, in the actions' order. */
  readonly bursts: number[][] = [];
  /** The frontal frame's measures, which the server's check of a burst takes its open eyes from. */
  frontal: FaceMeasures | null = null;

  /** `check`: the settings the server confirms bursts with (see `burstCheckConfig`). */
  constructor(private readonly check: LivenessConfig) {}

  /** No burst is waiting for its return. */
  get sealed(): boolean {
    return this.returning === null;
  }

  /** Times of every frame that may still become burst evidence. */
  get times(): number[] {
    return [...this.bursts.flat(), ...(this.returning?.candidates ?? []).map((f) => f.t), ...this.frames.map((f) => f.t)];
  }

  /** A frame with a face, for the burst waiting for its return. Call before {@link see}. */
  returnFrame(sample: MeasureSample): void {
    if (!this.returning) return;
    const { done, detector, candidates, completion } = this.returning;
    // A head swinging back faster than the frames can follow: a frame that far from the completion's pose might
    // link to none of the burst's, so the burst ends with the frames before it (when they are enough).
    if (poseChange(completion, sample.measures) > POSE_STEP && this.seal(candidates.at(-1)!.t)) return;
    detector.update(sample);
    candidates.push({ t: sample.t, atRest: detector.atRest, measures: sample.measures });
    if (!detector.atRest && sample.t - done.completedAt < RETURN_MS) return;
    this.seal(sample.t);
  }

  /**
   * Chooses the waiting burst, ending with the frame at `last`; false, waiting for more frames, while it would
   * have fewer than {@link MIN_BURST_FRAMES} (at a few frames a second a quick turn is seen on one or two).
   */
  private seal(last: number): boolean {
    const burst = this.choose(last);
    if (burst.length < MIN_BURST_FRAMES) return false;
    this.bursts.push(burst);
    this.returning = null;
    return true;
  }

  /**
   * Records a frame the current detector has just judged, on a frame that did not complete the action.
   * Frames of the previous burst's return are its own: each frame is evidence once.
   */
  see(sample: MeasureSample, detector: ActionDetector): void {
    if (this.returning) return;
    const { t } = sample;
    this.frames.push({ t, atRest: detector.atRest, measures: sample.measures });
    const peak = detector.pendingPeakT;
    if (peak === null) this.onset = null;
    else this.onset ??= t;
    // Frames long before the latest rest frame that precedes the movement can no longer be in its burst.
    const rest = this.frames[restBefore(this.frames, this.onset ?? Infinity)];
    if (rest) this.frames.splice(0, this.frames.findIndex((f) => f.t >= rest.t - LEAD_MS));
    const keep = new Set([this.frames[0]!.t, rest?.t ?? null, this.onset, peak, t]);
    while (this.frames.length > MAX_CANDIDATES && this.thin(keep));
  }

  /** The detector was interrupted (face lost, frame gap): a movement starting later has its own onset. */
  interrupt(): void {
    this.onset = null;
  }

  /**
   * The action completed on this frame. Returns false, forgetting the movement, when no frame at rest came
   * before its onset (no burst could show it starting), or when no burst of its frames would be confirmed by the
   * server's check (with this frame as the last): it must be performed again, rather than refused later.
   */
  complete(done: ActionEvidence, detector: ActionDetector, measures: FaceMeasures): boolean {
    const candidates = [...this.frames, { t: done.completedAt, atRest: false, measures }];
    this.frames = [];
    this.onset = null;
    const rest = restBefore(candidates, done.startedAt);
    if (rest < 0) return false;
    if (this.frontal && !this.confirmedBurst(done, candidates, done.completedAt)) return false;
    this.returning = { done, detector, candidates, rest, completion: measures };
    // A turn or nod completes on its way back: later frames show nothing more of it, and a head swinging on to the
    // other side would only give the server a face to join to none of the others.
    if (done.action !== 'blink' && done.action !== 'mouth-open') this.seal(done.completedAt);
    return true;
  }

  /** The burst ending with the return frame at `last`: the one the server's check confirms, else from the browser's rest frame. */
  private choose(last: number): number[] {
    const { done, candidates, rest } = this.returning!;
    return this.confirmedBurst(done, candidates, last) ?? this.burstFrom(done, candidates, rest, last);
  }

  /**
   * The burst whose first frame is the latest before the movement with which the server's check confirms it
   * ({@link confirmBurst}, against the frontal frame) and whose poses link to the frontal one's ({@link poseLinked});
   * null if none does.
   */
  private confirmedBurst(done: ActionEvidence, candidates: readonly SeenFrame[], last: number): number[] | null {
    if (!this.frontal) return null;
    const byTime = new Map(candidates.map((f) => [f.t, f.measures]));
    for (let first = candidates.findIndex((f) => f.t >= done.startedAt) - 1; first >= 0; first--) {
      const burst = this.burstFrom(done, candidates, first, last);
      const poses = [this.frontal, ...burst.map((t) => byTime.get(t)!)];
      if (poseLinked(poses) && confirmBurst(done.action, burst.map((t) => ({ t, measures: byTime.get(t)! })), this.frontal, this.check).confirmed) return burst;
    }
    return null;
  }

  /** The burst from the candidate at index `first` to the frame at `last`, through the movement's frames. */
  private burstFrom(done: ActionEvidence, candidates: readonly SeenFrame[], first: number, last: number): number[] {
    const byTime = new Map(candidates.map((f) => [f.t, f]));
    const times = candidates.slice(first).filter((f) => f.t <= last).map((f) => f.t);
    const gap = (a: number, b: number) => this.gap(byTime.get(a)!, byTime.get(b)!);
    return burstFrames(times, [times[0]!, done.startedAt, done.peakT, done.completedAt, last], gap);
  }

  /**
   * How wide the gap between two frames is, 1 being the widest allowed: gaps in time and in pose both weigh, since
   * the server links a person through frames of similar pose and breaks a movement at a gap longer than a frame
   * gap may last (Infinity).
   */
  private gap(p: SeenFrame, q: SeenFrame): number {
    const time = Math.abs(q.t - p.t) / this.check.maxFrameGapMs;
    return time > 1 ? Infinity : Math.max(time, poseChange(p.measures, q.measures) / POSE_STEP);
  }

  /**
   * Drops the interior frame whose neighbours are closest together ({@link gap}: dropping by time alone loses a
   * turn's onset), never one in `keep`; false if none could go.
   */
  private thin(keep: ReadonlySet<number | null>): boolean {
    let drop = -1;
    let narrowest = Infinity;
    for (let i = 1; i + 1 < this.frames.length; i++) {
      const [before, after] = [this.frames[i - 1]!, this.frames[i + 1]!];
      // Neighbours too far apart in time for any drop to keep the movement whole: the shortest such span goes.
      const span = Math.min(this.gap(before, after), 1e6 + after.t - before.t);
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
