/**
 * How an action's burst of evidence frames is confirmed on its own, as the server does it with the frames it
 * decodes: the action's detector run over the burst from a baseline of the burst's first frame, the first frame
 * at rest. Shared by the server's analysis and the browser, which checks the burst it chooses the same way so
 * that a genuine movement is not refused later for the frames it sent.
 */
import type { Action } from '../challenge.js';
import type { FaceMeasures } from '../observation.js';
import { baselineOf, createActionDetector, type Baseline } from './actions.js';
import { DEFAULT_LIVENESS_CONFIG, validateLivenessConfig, type LivenessConfig } from './config.js';

/**
 * The server re-judges a browser-confirmed movement on its burst only (4 to 8 frames, from a baseline of the
 * burst's first frame, where the browser had every frame and a reference of the last 2 s of open eyes): it asks
 * for this fraction of the browser's movement thresholds, so a genuine movement is not refused for the sparser
 * view. A photo, a repeated frame or a face that does not move stays far below either; the structure of each
 * movement (both eyes on both measures, out and back, the parallax of a turn) is required in full.
 */
export const SERVER_MOVEMENT_TOLERANCE = 0.85;
/**
 * Blinks get more: a quick blink seen on one frame at 15 fps is caught half closed. On real end-to-end checks the
 * browser's bursts showed such blinks at 0.14–0.18 below the burst's open level, which the browser, with its
 * longer open reference, had judged 0.23 and more. Both eyes must still close on both measures, and reopen.
 */
export const SERVER_BLINK_TOLERANCE = 0.6;

/**
 * Eyes back within this fraction of their open level count as reopened (the browser asks 0.1): the burst's
 * last frame may come a frame before the lids are fully up.
 */
export const SERVER_BLINK_REOPEN = 0.15;

/** The browser's liveness settings `config` with the movement thresholds eased by the tolerances above. */
export function burstCheckConfig(config: Readonly<LivenessConfig> = DEFAULT_LIVENESS_CONFIG): LivenessConfig {
  const { blinkClosure, mouthOpening, turnDegrees, nodDegrees } = config;
  return validateLivenessConfig({
    ...config,
    blinkReopen: SERVER_BLINK_REOPEN,
    // The browser refuses winks on every frame; on a burst's few half-closed frames the eyes' ratio is noise.
    blinkSymmetry: 0,
    blinkClosure: blinkClosure * SERVER_BLINK_TOLERANCE,
    mouthOpening: mouthOpening * SERVER_MOVEMENT_TOLERANCE,
    turnDegrees: turnDegrees * SERVER_MOVEMENT_TOLERANCE,
    nodDegrees: nodDegrees * SERVER_MOVEMENT_TOLERANCE,
  });
}

/** The eye measures the open level is judged by. */
const EYES = ['leftEye', 'rightEye', 'leftEyeOpening', 'rightEyeOpening'] as const;

/**
 * The burst's first frame (taken before the movement: the frontal frame may be seconds older, in another pose),
 * except the eyes' open level: for each eye measure, the middle one of the burst's first frame, its last frame
 * and the frontal frame (all three meant to show open eyes), so that neither a burst that begins as the lids
 * fall nor one frame of eyes opened wide (or of another pose) sets the level alone. The browser judged against
 * the open eyes of its last 2 s; this is the nearest the burst allows.
 */
export function burstBaseline(first: FaceMeasures, last: FaceMeasures, frontal: FaceMeasures): Baseline {
  const baseline = { ...baselineOf([first]) };
  for (const key of EYES) baseline[key] = [first[key], last[key], frontal[key]].sort((a, b) => a - b)[1]!;
  return baseline;
}

/** A burst's verdict: confirmed with the detector's metric, or not (and whether a turn or nod moved flat). */
export interface BurstCheck {
  confirmed: boolean;
  metric: number | null;
  flat: boolean;
}

/**
 * Runs the action's detector over its burst (in time order), from the baseline of {@link burstBaseline},
 * requiring its first frame at rest and breaking any movement at a gap longer than the session allows, as the
 * browser's session does.
 */
export function confirmBurst(action: Action, burst: readonly { t: number; measures: FaceMeasures }[], frontal: FaceMeasures, config: LivenessConfig): BurstCheck {
  const first = burst[0]?.measures;
  const last = burst.at(-1)?.measures;
  const notConfirmed = { confirmed: false, metric: null, flat: false };
  if (!first || !last) return notConfirmed;
  const detector = createActionDetector(action, burstBaseline(first, last, frontal), config);
  let previousT = -Infinity;
  let flat = false;
  for (const [i, { t, measures }] of burst.entries()) {
    if (t - previousT > config.maxFrameGapMs) detector.interrupt();
    previousT = t;
    const update = detector.update({ t, measures });
    // A burst starts before the movement, at rest (eyes open, mouth closed, head facing): frames that start
    // mid-movement, such as a blink's frames reordered to begin with the eyes shut, show no onset.
    if (i === 0 && !detector.atRest) return notConfirmed;
    if (update.done) return { confirmed: true, metric: update.done.metric, flat: false };
    flat ||= update.flat === true;
  }
  return { ...notConfirmed, flat };
}
