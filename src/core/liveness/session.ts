/**
 * The liveness session: positioning → baseline (where the frontal frame is chosen) → each action in the
 * challenge's order → a short capture hold (the last action's return frame) → passed; or failed with a reason. It reads time only from the observations'
 * timestamps, so the same observations always give the same outcome.
 */
import type { Action } from '../challenge.js';
import type { FaceMeasures, FaceObservation, Observation } from '../observation.js';
import { baselineOf, createActionDetector, type ActionDetector, type ActionEvidence, type Baseline } from './actions.js';
import { validateLivenessConfig, type LivenessConfig } from './config.js';
import { burstCheckConfig } from './burst-check.js';
import { BurstRecorder, chooseFrontal } from './evidence-frames.js';
import { countFaces, faceToGuide, mainFace, qualityIssue, UNFIT_FRAME, type QualityIssue } from './gates.js';

/** The baseline hold goes back to positioning only after at least this many frames in a row missed a gate (and `baselineGraceMs`). */
const BASELINE_GRACE_FRAMES = 3;

export type Phase = 'positioning' | 'baseline' | 'action' | 'capture' | 'passed' | 'failed';

/** Why an attempt failed: liveness was not proven (a technical failure is an error, not this). */
export type FailReason =
  /** An action was not performed within its time. */
  | 'action-timeout'
  /** The head kept turning the other way. */
  | 'wrong-action'
  /** A head movement had no depth: what a photo or screen tilted in front of the camera shows. */
  | 'photo-suspected'
  /** The face left the camera for too long. */
  | 'face-lost'
  /** Another person stayed in the picture. */
  | 'multiple-faces'
  /** The person could not get placed (light, distance, a shaking hand) within `positioningTimeoutMs`. */
  | 'positioning-timeout';

/** The frontal frame chosen as evidence, with the quality it was chosen for. */
export interface FrontalCapture {
  t: number;
  brightness: number;
  sharpness: number;
  /** Face height over the guide's height. */
  faceToGuide: number;
}

/** The frontal capture of an observation's main face (which must exist). */
export function frontalCapture(observation: Observation, config: LivenessConfig): FrontalCapture {
  const face = mainFace(observation)!;
  return {
    t: observation.t,
    brightness: face.measures.brightness,
    sharpness: face.measures.sharpness,
    faceToGuide: faceToGuide(face, observation, config),
  };
}

/** A performed action with the times of its evidence burst. */
export interface ActionResult extends ActionEvidence {
  /** Frame times through the movement, in order: before, onset, peak, completion, return (see `claims.ts`'s ActionBurst). */
  frames: number[];
}

export interface LivenessResult {
  passed: boolean;
  actions: ActionResult[];
  /** The frontal frame: eyes open, frontal and sharp, from the baseline hold (null if no baseline was taken). */
  frontal: FrontalCapture | null;
  baseline: Baseline | null;
  failure?: FailReason;
}

export interface SessionState {
  phase: Phase;
  /** Current action while `phase` is `action`. */
  action?: Action;
  /** Actions completed so far, with their evidence. */
  completed: ActionEvidence[];
  total: number;
  /** 0–1 toward completing the current action. */
  progress: number;
  /** What is wrong with the latest frame, for advice; null when nothing. */
  issue: QualityIssue | null;
  /** The action's clock is stopped: no face, or more than one. */
  paused: boolean;
  /** Movements to the wrong side in this attempt. */
  wrongWay: number;
  /** 1 for the first attempt. */
  attempt: number;
  attemptsLeft: number;
  failure?: FailReason;
  result?: LivenessResult;
}

export class LivenessSession {
  readonly config: LivenessConfig;
  private phase: Phase = 'positioning';
  private attempt = 1;
  private issue: QualityIssue | null = null;
  private lastT: number | null = null;
  private lostSince: number | null = null;
  private crowdedSince: number | null = null;
  private baselineFrames: { capture: FrontalCapture; measures: FaceMeasures }[] = [];
  private baselineStart = 0;
  private baseline: Baseline | null = null;
  private detector: ActionDetector | null = null;
  private actionTime = 0;
  private paused = false;
  private wrongWay = 0;
  private evidence: ActionEvidence[] = [];
  private bursts: BurstRecorder;
  private frontal: FrontalCapture | null = null;
  private captureStart: number | null = null;
  private failure: FailReason | undefined;
  /** The attempt's first frame, from which positioning is timed. */
  private firstT: number | null = null;
  /** The latest advice given while getting placed. */
  private lastIssue: QualityIssue | null = null;
  /** The previous frame passed the gates (hysteresis). */
  private lastFit = false;
  /** The baseline hold: when its latest fit frame came, the unfit frames since, and how many frames it has seen. */
  private lastFitT = 0;
  private unfitSinceFit = 0;
  private baselineSeen = 0;
  /** During an action: the latest frame with exactly one face. */
  private lastOneFaceT = 0;
  /** The main face's centre on the previous frame with a face, for how far it moved. */
  private lastFace: { x: number; y: number } | null = null;

  constructor(
    readonly actions: readonly Action[],
    config: Partial<LivenessConfig> = {},
  ) {
    if (actions.length === 0) throw new RangeError('a session needs at least one action');
    this.config = validateLivenessConfig(config);
    // Bursts are checked as the server will check them, so a genuine movement is not refused for its frames.
    this.bursts = new BurstRecorder(burstCheckConfig(this.config));
  }

  get state(): SessionState {
    const finished = this.phase === 'passed' || this.phase === 'failed';
    return {
      phase: this.phase,
      ...(this.phase === 'action' ? { action: this.actions[this.evidence.length]! } : {}),
      completed: [...this.evidence],
      total: this.actions.length,
      progress: this.detector?.progress ?? 0,
      issue: this.issue,
      paused: this.paused,
      wrongWay: this.wrongWay,
      attempt: this.attempt,
      attemptsLeft: this.config.maxAttempts - this.attempt,
      ...(this.failure ? { failure: this.failure } : {}),
      ...(finished ? { result: this.result() } : {}),
    };
  }

  /** Feeds one frame's observation (timestamps must not go backwards) and returns the new state. */
  observe(observation: Observation): SessionState {
    if (this.phase === 'passed' || this.phase === 'failed') return this.state;
    const { t } = observation;
    const elapsed = this.lastT === null ? 0 : t - this.lastT;
    const gap = elapsed > this.config.maxFrameGapMs;
    this.lastT = t;
    if (gap) this.interrupt();
    const face = mainFace(observation);
    const shift = this.faceShift(face);
    // Frames too dark, too bright or motion-blurred are never measured and never become evidence.
    const fit = face !== undefined && !this.unfit(observation);
    if (fit && countFaces(observation, this.config) === 1) this.bursts.returnFrame({ t, measures: face.measures, shift });

    const faces = countFaces(observation, this.config);
    this.crowdedSince = faces > 1 ? (this.crowdedSince ?? t) : null;
    this.lostSince = faces === 0 ? (this.lostSince ?? t) : null;
    if (this.crowdedSince !== null && t - this.crowdedSince >= this.config.multipleFacesMs) return this.fail('multiple-faces');
    const positioned = this.phase === 'action' || this.phase === 'capture';
    if (positioned && this.lostSince !== null && t - this.lostSince >= this.config.faceLostMs) return this.fail('face-lost');
    this.firstT ??= t;
    if (!positioned && t - this.firstT >= this.config.positioningTimeoutMs) {
      // The failure keeps the last advice shown, so the person hears what to change before the next try.
      this.issue = qualityIssue(observation, this.config, 'start') ?? this.lastIssue;
      return this.fail('positioning-timeout');
    }

    switch (this.phase) {
      case 'positioning':
        this.position(observation);
        break;
      case 'baseline':
        this.measureBaseline(observation);
        break;
      case 'action':
        // The clock counts real time between frames, however slow they come; only a missing face stops it.
        this.act(observation, faces, elapsed, shift, fit);
        break;
      case 'capture':
        this.capture(observation);
        break;
    }
    return this.state;
  }

  /**
   * Times of the frames that may still become evidence: the baseline hold's frames until the frontal one
   * is chosen, then that one; the bursts of completed actions and the frames of the movement in progress.
   * The element keeps those frames' crops.
   */
  get evidenceTimes(): number[] {
    const frontal = this.frontal ? [this.frontal.t] : this.baselineFrames.map((f) => f.capture.t);
    return [...frontal, ...this.bursts.times];
  }

  /** Starts the next attempt after a failure, if any is left; the same actions are asked again. */
  retry(): SessionState {
    if (this.phase !== 'failed' || this.attempt >= this.config.maxAttempts) return this.state;
    const attempt = this.attempt + 1;
    // Every field back to a fresh session's, but for the attempt count.
    Object.assign(this, new LivenessSession(this.actions, this.config), { attempt });
    return this.state;
  }

  /** The frame is too dark, too bright or motion-blurred for the person being checked. */
  private unfit(observation: Observation): boolean {
    const issue = qualityIssue(observation, this.config, 'action', this.baseline ? { staying: true, sharpness: this.baseline.sharpness } : { staying: true });
    return issue !== null && UNFIT_FRAME.has(issue);
  }

  private position(observation: Observation): void {
    // Hysteresis: a face that passed on the previous frame may miss a limit by a margin and still pass.
    this.issue = qualityIssue(observation, this.config, 'start', { staying: this.lastFit });
    this.lastFit = this.issue === null;
    this.lastIssue = this.issue ?? this.lastIssue;
    if (this.issue) return;
    this.phase = 'baseline';
    this.baselineStart = observation.t;
    this.lastFitT = observation.t;
    this.unfitSinceFit = 0;
    this.baselineFrames = [];
    this.baselineSeen = 0;
    this.measureBaseline(observation);
  }

  /**
   * The hold before the first action. A head that never holds still (tremor, a person who keeps looking
   * around) still gets a baseline: frames that miss a gate are skipped, not a reason to start again, and
   * the baseline is the median of the frames that passed (those facing the camera). Only when no frame has passed for
   * {@link LivenessConfig.baselineGraceMs} is the person back to positioning, with the advice of that frame.
   * Frames with the mouth open ({@link LivenessConfig.baselineMaxMouth}) are skipped too, however long, so the
   * baseline's mouth is a mouth at rest: the hold waits for a talking person's pause or a wide "O" to end.
   */
  private measureBaseline(observation: Observation): void {
    const { t } = observation;
    const issue = qualityIssue(observation, this.config, 'start', { staying: true });
    this.baselineSeen++;
    if (issue) {
      this.lastIssue = issue;
      // The grace is a time and a few frames: at 3 frames a second a head swinging through the frontal pose
      // misses the gates on every other frame, and that frame alone outlasts a grace counted in time only.
      if (++this.unfitSinceFit < BASELINE_GRACE_FRAMES || t - this.lastFitT < this.config.baselineGraceMs) return;
      this.issue = issue;
      this.lastFit = false;
      this.phase = 'positioning';
      return;
    }
    this.issue = null;
    this.lastFitT = t;
    this.unfitSinceFit = 0;
    const measures = mainFace(observation)!.measures;
    if (measures.mouth <= this.config.baselineMaxMouth) this.baselineFrames.push({ capture: frontalCapture(observation, this.config), measures });
    const held = t - this.baselineStart;
    // Enough frames passed: all of them over baselineMs for a still head, or a share of a longer hold.
    const share = this.baselineFrames.length / this.baselineSeen;
    if (held < this.config.baselineMs || this.baselineFrames.length < 3 || share < this.config.baselineMinShare) {
      if (held > this.config.baselineWindowMs) this.restartHold(observation);
      return;
    }
    this.baseline = baselineOf(this.baselineFrames.map((f) => f.measures));
    // The open-eye level is the hold's median, so the frontal frame is judged once the hold is over.
    const frontal = this.baselineFrames[chooseFrontal(this.baselineFrames, this.baseline)]!;
    this.frontal = frontal.capture;
    this.bursts.frontal = frontal.measures;
    this.baselineFrames = [];
    this.startAction();
  }

  /** A hold longer than its window that still has too few fit frames starts again from this one. */
  private restartHold(observation: Observation): void {
    this.baselineStart = observation.t;
    this.baselineFrames = this.baselineFrames.slice(-1);
    this.baselineSeen = 1;
  }

  private startAction(): void {
    const next = this.actions[this.evidence.length];
    if (next === undefined) {
      this.detector = null;
      this.phase = 'capture';
      return;
    }
    this.phase = 'action';
    this.detector = createActionDetector(next, this.baseline!, this.config);
    this.actionTime = 0;
    this.lastOneFaceT = this.lastT!;
  }

  /** How far the main face moved since the previous frame with a face, in face widths (0 for the first). */
  private faceShift(face: FaceObservation | undefined): number {
    if (!face) return 0;
    const centre = { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 };
    const shift = this.lastFace ? Math.hypot(centre.x - this.lastFace.x, centre.y - this.lastFace.y) / face.box.width : 0;
    this.lastFace = centre;
    return shift;
  }

  private act(observation: Observation, faces: number, elapsed: number, shift: number, fit: boolean): void {
    this.issue = qualityIssue(observation, this.config, 'action', { staying: true, sharpness: this.baseline!.sharpness });
    this.paused = faces !== 1;
    if (this.paused) {
      // The tracked face read as unsure for a moment (a head turned far, a hand passing) is like a dropped frame:
      // the movement goes on unless it stays so longer than a frame gap may last. A face lost from the picture,
      // or another face, breaks it at once: the face seen next may be someone else's.
      const tracked = faces === 0 && mainFace(observation) !== undefined;
      if (!tracked || observation.t - this.lastOneFaceT > this.config.maxFrameGapMs) this.interrupt();
      return;
    }
    this.lastOneFaceT = observation.t;
    this.actionTime += elapsed;
    if (!fit) {
      if (this.actionTime >= this.config.actionTimeoutMs) this.fail('action-timeout');
      return;
    }
    const detector = this.detector!;
    const sample = { t: observation.t, measures: mainFace(observation)!.measures, shift };
    const update = detector.update(sample);
    if (update.flat) {
      this.fail('photo-suspected');
      return;
    }
    if (update.wrongWay && ++this.wrongWay > this.config.maxWrongActions) {
      this.fail('wrong-action');
      return;
    }
    // A movement no burst could show starting (no frame at rest before it) does not count: it is asked again.
    if (update.done && this.bursts.complete(update.done, detector, sample.measures)) {
      this.evidence.push(update.done);
      this.startAction();
      return;
    }
    if (update.done) {
      // Turned the asked way: the person follows the prompt, so earlier turns the other way stop counting.
      this.wrongWay = 0;
      detector.interrupt();
    } else this.bursts.see(sample, detector);
    if (this.actionTime >= this.config.actionTimeoutMs) this.fail('action-timeout');
  }

  /** Holds still a moment after the last action; passes once the last burst has its return frame. */
  private capture(observation: Observation): void {
    this.issue = qualityIssue(observation, this.config, 'start');
    this.captureStart ??= observation.t;
    if (observation.t - this.captureStart >= this.config.captureMs && this.bursts.sealed) this.phase = 'passed';
  }

  private interrupt(): void {
    this.detector?.interrupt();
    this.bursts.interrupt();
  }

  private fail(reason: FailReason): SessionState {
    this.phase = 'failed';
    this.failure = reason;
    this.detector = null;
    return this.state;
  }

  private result(): LivenessResult {
    return {
      passed: this.phase === 'passed',
      actions: this.evidence.map((e, i) => ({ ...e, frames: [...(this.bursts.bursts[i] ?? [])] })),
      frontal: this.frontal,
      baseline: this.baseline,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }
}
