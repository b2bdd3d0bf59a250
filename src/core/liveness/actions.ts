/**
 * One detector per action. Each is fed the measures of the tracked face, frame by frame with their
 * timestamps, and judges relative to the person's own neutral {@link Baseline} (eye and mouth ratios
 * and head pose differ between people, glasses and camera angles). They work on timestamps, not frame
 * counts, so 5 fps and 30 fps are judged alike; a gap in the frames breaks a movement in progress.
 */
import type { Action } from '../challenge.js';
import type { FaceMeasures } from '../observation.js';
import { median } from '../statistics.js';
import type { LivenessConfig } from './config.js';

/** The person's neutral measures, taken while they held still facing the camera. */
const BASELINE_KEYS = ['leftEye', 'rightEye', 'leftEyeOpening', 'rightEyeOpening', 'mouth', 'yaw', 'pitch', 'roll', 'noseX', 'noseY', 'sharpness'] as const;

export type Baseline = Pick<FaceMeasures, (typeof BASELINE_KEYS)[number]>;

/** Median of each measure: robust to a blink or a twitch during the baseline. */
export function baselineOf(samples: readonly FaceMeasures[]): Baseline {
  if (samples.length === 0) throw new RangeError('a baseline needs at least one sample');
  return Object.fromEntries(BASELINE_KEYS.map((key) => [key, median(samples.map((m) => m[key]))])) as unknown as Baseline;
}

/**
 * The mouth is at rest within this fraction of the opening that counts: a server that takes its baseline from
 * the burst's first frame must not find the opening already half done there. (A head is at rest once back
 * within the return threshold, where a turn or nod completes: a head that never holds still passes that close
 * to neutral, not closer, at a few frames a second; the burst's check against the server's rule does the rest.)
 */
const REST_FRACTION = 0.5;

export interface MeasureSample {
  t: number;
  measures: FaceMeasures;
  /**
   * How far the face moved since the previous frame, in face widths (the session measures it from the
   * boxes; unknown, as on the server's face-centred evidence crops, counts as still).
   */
  shift?: number;
}

/** Proof that an action happened: when, its peak frame, and the metric that proved it. */
export interface ActionEvidence {
  action: Action;
  startedAt: number;
  completedAt: number;
  /** Time of the frame where the action was strongest: the evidence frame. */
  peakT: number;
  /**
   * Blink: the eyes' closure at the peak (fraction below the open reference). Mouth open: the mouth
   * ratio at the peak. Turns: degrees of yaw from the baseline. Nod: degrees of pitch down.
   */
  metric: number;
}

/** What one frame told a detector. */
export interface DetectorUpdate {
  /** Set on the frame the action is complete. */
  done?: ActionEvidence;
  /** Set on the frame a movement to the wrong side completes (turn the other way). */
  wrongWay?: true;
  /** Set when a turn or nod completed without parallax: what a flat picture tilted in front of the camera does. */
  flat?: true;
}

export interface ActionDetector {
  readonly action: Action;
  /** 0–1: how far toward the threshold the current frame is, for the UI. */
  readonly progress: number;
  /** Time of the strongest frame of the movement in progress, which may become the evidence; null when none. */
  readonly pendingPeakT: number | null;
  /**
   * The latest frame shows the neutral state the action starts from (eyes open, mouth closed, head back
   * facing the camera): the frame an evidence burst needs before the movement.
   */
  readonly atRest: boolean;
  update(sample: MeasureSample): DetectorUpdate;
  /** Forgets any movement in progress (face lost, frame gap). */
  interrupt(): void;
}

/** A value that goes past `enter`, peaks, and comes back under `exit`. */
class Excursion {
  private start: number | null = null;
  private peak = 0;
  private peakT = 0;
  private peakSample: MeasureSample | null = null;

  /** `exitShare`: the excursion also ends once back to this share of its peak (0: only at `exit`). */
  constructor(
    private readonly enter: number,
    private readonly exit: number,
    private readonly exitShare = 0,
  ) {}

  get active(): boolean {
    return this.start !== null;
  }

  get startedAt(): number | null {
    return this.start;
  }

  get pendingPeakT(): number | null {
    return this.start === null ? null : this.peakT;
  }

  /** Returns the completed excursion on the frame it ends. */
  update(sample: MeasureSample, value: number): { startedAt: number; peak: number; peakT: number; peakSample: MeasureSample; completedAt: number } | null {
    if (this.start === null) {
      if (value < this.enter) return null;
      this.start = sample.t;
      this.peak = -Infinity;
    }
    if (value > this.peak) {
      this.peak = value;
      this.peakT = sample.t;
      this.peakSample = sample;
    }
    if (value > Math.max(this.exit, this.peak * this.exitShare)) return null;
    const completed = { startedAt: this.start, peak: this.peak, peakT: this.peakT, peakSample: this.peakSample!, completedAt: sample.t };
    this.reset();
    return completed;
  }

  reset(): void {
    this.start = null;
    this.peakSample = null;
  }
}

/** The eye measures a blink is judged on: the aspect ratio and the opening (see `geometry.ts`). */
const EYE_MEASURES = ['leftEye', 'rightEye', 'leftEyeOpening', 'rightEyeOpening'] as const;
type EyeLevels = Record<(typeof EYE_MEASURES)[number], number>;

function eyeLevels(m: EyeLevels): EyeLevels {
  return { leftEye: m.leftEye, rightEye: m.rightEye, leftEyeOpening: m.leftEyeOpening, rightEyeOpening: m.rightEyeOpening };
}

/**
 * Both eyes close and reopen. Each eye must close by both its aspect ratio and its opening (lid gap
 * over face height): a photo tilted in front of the camera changes the first, and landmark jitter on a
 * still picture the second, but only a real blink closes both. The closure is judged against the person's
 * own open level (the median of the open-eye frames of the last {@link LivenessConfig.blinkReferenceMs}),
 * so drooping lids, glasses and changes of light are judged against themselves; it is frozen while the eyes
 * close. A wink never counts: the less closed eye decides, and both eyes must close alike
 * ({@link LivenessConfig.blinkSymmetry}), since the face mesh narrows the open eye of a wink too. A quick
 * blink, closed on one frame between open ones (or for at most {@link LivenessConfig.blinkQuickMs}), is
 * caught half closed at low frame rates: it counts from {@link LivenessConfig.blinkQuickClosure}. Frames
 * with the head turned or tilted are skipped, because looking down narrows the eyes without closing them.
 */
export class BlinkDetector implements ActionDetector {
  readonly action = 'blink';
  progress = 0;
  atRest = false;
  /** Recent open-eye levels; closed-eye frames are kept out so they cannot pull the reference down. */
  private readonly openHistory: (EyeLevels & { t: number })[] = [];
  private readonly closure: Excursion;
  private frozenReference: EyeLevels | null = null;
  /** Last time the eyes read as open: a blink closes them quickly from there. */
  private lastOpenT = -Infinity;
  private previousT = -Infinity;
  /** The closure in progress reached the full threshold quickly enough to be a blink of any length. */
  private fullyClosed = false;
  /** The first and the last frame of the closure in progress that were not open. */
  private firstClosedT = -Infinity;
  private lastClosedT = -Infinity;
  /** The face held still through the closure in progress and the open frame before it. */
  private steady = true;
  private previousShift = 0;
  /** How alike the two eyes closed: the best ratio of the less to the more closed eye over the closed frames. */
  private peakSymmetry = 0;
  private peakValue = -Infinity;

  get pendingPeakT(): number | null {
    return this.closure.pendingPeakT;
  }

  constructor(
    private readonly baseline: Baseline,
    private readonly config: LivenessConfig,
  ) {
    this.closure = new Excursion(Math.min(config.blinkClosure, config.blinkQuickClosure), config.blinkReopen);
  }

  update(sample: MeasureSample): DetectorUpdate {
    const { measures: m, t } = sample;
    const b = this.baseline;
    if (Math.abs(m.yaw - b.yaw) > this.config.blinkMaxPoseChange || Math.abs(m.pitch - b.pitch) > this.config.blinkMaxPoseChange) {
      this.interrupt();
      return {};
    }
    const levels = eyeLevels(m);
    const reference = this.frozenReference ?? this.reference(t);
    const closed = (key: keyof EyeLevels) => 1 - levels[key] / reference[key];
    const left = Math.min(closed('leftEye'), closed('leftEyeOpening'));
    const right = Math.min(closed('rightEye'), closed('rightEyeOpening'));
    const closure = Math.min(left, right);
    this.progress = Math.max(0, Math.min(1, closure / this.config.blinkClosure));
    const wasClosing = this.closure.active;
    const sinceOpen = t - this.lastOpenT;
    // Open on the previous frame and closed now is as fast as this frame rate can show, however slow it is.
    const fast = this.lastOpenT >= this.previousT || sinceOpen <= this.config.blinkOnsetMs;
    const shift = sample.shift ?? 0;
    if (closure >= this.config.blinkReopen && this.lastOpenT >= this.previousT) {
      this.firstClosedT = t;
      this.steady = this.previousShift <= this.config.blinkQuickMaxShift;
    }
    this.steady &&= shift <= this.config.blinkQuickMaxShift;
    this.previousShift = shift;
    const blink = this.closure.update(sample, closure);
    if (this.closure.active || blink) {
      if (!wasClosing) [this.fullyClosed, this.peakValue, this.peakSymmetry] = [false, -Infinity, 0];
      if (closure >= this.config.blinkClosure && fast) this.fullyClosed = true;
      if (closure > this.peakValue) this.peakValue = closure;
      if (closure >= this.config.blinkQuickClosure) this.peakSymmetry = Math.max(this.peakSymmetry, closure / Math.max(left, right));
      if (!blink) this.lastClosedT = t;
    }
    // Eyes that narrow slowly (a change of expression, a warped picture) or stay narrow longer than a
    // blink: not a blink. Give up on it and learn the new level.
    const slowOnset = !wasClosing && this.closure.active && !fast;
    if (slowOnset || (this.closure.active && t - this.closure.startedAt! > this.config.blinkMaxClosedMs)) this.closure.reset();
    this.atRest = closure < this.config.blinkReopen;
    if (this.atRest) this.lastOpenT = t;
    this.previousT = t;
    if (!this.closure.active) this.openHistory.push({ t, ...levels });
    this.frozenReference = this.closure.active ? reference : null;
    if (!blink || !this.isBlink(blink.startedAt, blink.peak)) return {};
    return { done: { action: 'blink', startedAt: blink.startedAt, completedAt: blink.completedAt, peakT: blink.peakT, metric: blink.peak } };
  }

  /**
   * A completed closure is a blink when both eyes closed alike, and fully, or quickly and part-way with the
   * face still (one frame's dip while the face moves is more often the mesh lagging behind it).
   */
  private isBlink(startedAt: number, peak: number): boolean {
    if (this.peakSymmetry < this.config.blinkSymmetry) return false;
    if (this.fullyClosed) return true;
    const quick = this.lastClosedT - Math.min(startedAt, this.firstClosedT) <= this.config.blinkQuickMs;
    return quick && this.steady && peak >= this.config.blinkQuickClosure;
  }

  /** Median of the recent open-eye frames; until there are three, the baseline. */
  private reference(t: number): EyeLevels {
    while (this.openHistory.length && this.openHistory[0]!.t < t - this.config.blinkReferenceMs) this.openHistory.shift();
    if (this.openHistory.length < 3) return eyeLevels(this.baseline);
    return Object.fromEntries(EYE_MEASURES.map((key) => [key, median(this.openHistory.map((h) => h[key]))])) as EyeLevels;
  }

  interrupt(): void {
    this.closure.reset();
    this.frozenReference = null;
    this.steady = false;
    this.lastOpenT = -Infinity;
    this.previousT = -Infinity;
    this.progress = 0;
    this.atRest = false;
  }
}

/**
 * The mouth opens wide and stays open for {@link LivenessConfig.mouthHoldMs}. Talking opens the mouth
 * as wide only for a syllable at a time, so the hold is what tells a deliberate opening from speech.
 */
export class MouthOpenDetector implements ActionDetector {
  readonly action = 'mouth-open';
  progress = 0;
  atRest = false;
  private openSince: number | null = null;
  private peak = 0;
  private peakT = 0;

  get pendingPeakT(): number | null {
    return this.openSince === null ? null : this.peakT;
  }

  constructor(
    private readonly baseline: Baseline,
    private readonly config: LivenessConfig,
  ) {}

  update({ t, measures }: MeasureSample): DetectorUpdate {
    const opening = measures.mouth - this.baseline.mouth;
    const open = opening >= this.config.mouthOpening;
    this.atRest = opening < REST_FRACTION * this.config.mouthOpening;
    const heldFor = this.openSince === null ? 0 : t - this.openSince;
    this.progress = open ? Math.min(1, 0.5 + (0.5 * heldFor) / this.config.mouthHoldMs) : Math.max(0, Math.min(0.5, (0.5 * opening) / this.config.mouthOpening));
    if (!open) {
      this.interrupt();
      return {};
    }
    if (this.openSince === null) {
      this.openSince = t;
      this.peak = -Infinity;
    }
    if (measures.mouth > this.peak) {
      this.peak = measures.mouth;
      this.peakT = t;
    }
    if (heldFor < this.config.mouthHoldMs) return {};
    const evidence: ActionEvidence = { action: 'mouth-open', startedAt: this.openSince, completedAt: t, peakT: this.peakT, metric: this.peak };
    this.openSince = null;
    return { done: evidence };
  }

  interrupt(): void {
    this.openSince = null;
  }
}

/**
 * A turn or nod is back once within this share of its peak (or within `returnFraction` of the threshold): a
 * 30° turn back to 10° has clearly gone out and back, and the server, measuring the same frames on its evidence
 * crops a few degrees differently, must not need the head back within 6° of where it started.
 */
const PEAK_SHARE_BACK = 0.4;

/**
 * A movement of one pose angle away from the baseline and back, in the asked direction; the same
 * movement the other way is reported as `wrongWay` (turns only). The nose must move against the face
 * outline in proportion (parallax), or the movement is reported as `flat` and does not count.
 */
class PoseMovementDetector implements ActionDetector {
  progress = 0;
  atRest = false;
  /**
   * A movement counts only from the head at rest: at first (the action may be asked while the head is
   * half-way through a movement, which must count neither way), and after an interruption (face lost, a frame
   * gap), since the face seen again may be another person's, or the camera may have moved.
   */
  private armed = false;
  private readonly asked: Excursion;
  private readonly opposite: Excursion | null;

  get pendingPeakT(): number | null {
    return this.asked.pendingPeakT;
  }

  constructor(
    readonly action: 'turn-left' | 'turn-right' | 'nod',
    private readonly baseline: Baseline,
    private readonly config: LivenessConfig,
  ) {
    const threshold = action === 'nod' ? config.nodDegrees : config.turnDegrees;
    const back = threshold * config.returnFraction;
    this.asked = new Excursion(threshold, back, PEAK_SHARE_BACK);
    this.opposite = action === 'nod' ? null : new Excursion(threshold, back, PEAK_SHARE_BACK);
  }

  /** Degrees toward the asked side (positive) and the nose's parallax that way. */
  private movement(m: FaceMeasures): { degrees: number; parallax: number } {
    const b = this.baseline;
    if (this.action === 'nod') return { degrees: m.pitch - b.pitch, parallax: m.noseY - b.noseY };
    // The person's own left is positive yaw (see HeadPose).
    const side = this.action === 'turn-left' ? 1 : -1;
    return { degrees: side * (m.yaw - b.yaw), parallax: side * (m.noseX - b.noseX) };
  }

  update(sample: MeasureSample): DetectorUpdate {
    const { degrees } = this.movement(sample.measures);
    const threshold = this.action === 'nod' ? this.config.nodDegrees : this.config.turnDegrees;
    this.progress = Math.max(0, Math.min(1, degrees / threshold));
    this.atRest = Math.abs(degrees) <= threshold * this.config.returnFraction;
    this.armed ||= this.atRest;
    if (!this.armed) return {};
    const wrong = this.opposite?.update(sample, -degrees);
    if (wrong && this.hasParallax(wrong.peakSample, -1)) return { wrongWay: true };
    const done = this.asked.update(sample, degrees);
    if (!done) return {};
    if (!this.hasParallax(done.peakSample, 1)) return { flat: true };
    return { done: { action: this.action, startedAt: done.startedAt, completedAt: done.completedAt, peakT: done.peakT, metric: done.peak } };
  }

  private hasParallax(peak: MeasureSample, direction: 1 | -1): boolean {
    const { degrees, parallax } = this.movement(peak.measures);
    return direction * parallax >= this.config.minParallaxPerDegree * Math.abs(degrees);
  }

  interrupt(): void {
    this.armed = false;
    this.asked.reset();
    this.opposite?.reset();
    this.progress = 0;
    this.atRest = false;
  }
}

export function createActionDetector(action: Action, baseline: Baseline, config: LivenessConfig): ActionDetector {
  switch (action) {
    case 'blink':
      return new BlinkDetector(baseline, config);
    case 'mouth-open':
      return new MouthOpenDetector(baseline, config);
    case 'turn-left':
    case 'turn-right':
    case 'nod':
      return new PoseMovementDetector(action, baseline, config);
  }
}
