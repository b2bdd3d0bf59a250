/**
 * The server's own judgement of a token's evidence: it decodes every frame, finds the faces in each, checks
 * that one and the same person appears throughout, and runs the browser's own action detectors over each
 * action's burst. Nothing the client wrote about its result is used here.
 */
import type { Action } from '../../core/challenge.js';
import type { Evidence, EvidenceFrame } from '../../core/claims.js';
import { baselineOf, countFaces, createActionDetector, DEFAULT_LIVENESS_CONFIG, validateLivenessConfig, type Baseline, type LivenessConfig } from '../../core/liveness/index.js';
import type { FaceMeasures, Observation } from '../../core/protocol.js';
import type { VerifyErrorCode } from '../verify-errors.js';
import type { Analyzer, ImageAnalysis } from './analyzer-types.js';
import { similarity } from './embedding.js';
import { identityLinks } from './identity.js';

/**
 * Cosine similarity of identity descriptors at or above which two faces are the same person. On the fixtures
 * (FaceRes, levelled crops) the same man across two recordings scores 0.856–0.955 and the closest different
 * people 0.725 (two East-Asian men with glasses). See docs/server.md.
 */
export const IDENTITY_THRESHOLD = 0.75;

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

const { blinkClosure, mouthOpening, turnDegrees, nodDegrees } = DEFAULT_LIVENESS_CONFIG;
/** The browser's liveness settings with the movement thresholds eased by the tolerances above. */
export const SERVER_LIVENESS_CONFIG: Readonly<LivenessConfig> = Object.freeze(
  validateLivenessConfig({
    blinkReopen: SERVER_BLINK_REOPEN,
    // The browser refuses winks on every frame; on a burst's few half-closed frames the eyes' ratio is noise.
    blinkSymmetry: 0,
    blinkClosure: blinkClosure * SERVER_BLINK_TOLERANCE,
    mouthOpening: mouthOpening * SERVER_MOVEMENT_TOLERANCE,
    turnDegrees: turnDegrees * SERVER_MOVEMENT_TOLERANCE,
    nodDegrees: nodDegrees * SERVER_MOVEMENT_TOLERANCE,
  }),
);

/** What the server saw in one frame. */
export interface FrameAnalysis {
  /** `frontal`, or the action whose burst holds the frame. */
  label: 'frontal' | Action;
  t: number;
  /** Faces found (0 when the frame did not decode). */
  faces: number;
  /** Similarity of the main face to the frontal frame's; null without a face (1 for the frontal frame). */
  similarity: number | null;
  /** The highest similarity of the main face to any other frame's; null without a face. */
  link: number | null;
  /** The main face's measures (eyes, mouth, pose, light, sharpness); null without a face. */
  measures: FaceMeasures | null;
}

/** The server's own run of the action detector over one burst. */
export interface ActionAnalysis {
  action: Action;
  confirmed: boolean;
  /** The detector's metric for the confirmed movement (see `ActionEvidence.metric`); null when not confirmed. */
  metric: number | null;
  /** A turn or nod that moved like a flat picture (no nose parallax). */
  flat: boolean;
}

export interface EvidenceAnalysis {
  frames: FrameAnalysis[];
  actions: ActionAnalysis[];
  /**
   * One person throughout: the frames must form one group, each joined to another at or above the threshold
   * (see `identity.ts`). `minLink` is the lowest of the frames' best links; `minSimilarity` the lowest
   * similarity to the frontal frame, for the record.
   */
  identity: { minSimilarity: number | null; minLink: number | null; threshold: number };
  /**
   * Presentation-attack signals: `flat` when a turn or nod moved without parallax. `score` stays null: no
   * shipped model separates print and screen attacks from live faces on the fixtures (docs/server.md).
   */
  spoof: { suspected: boolean; score: number | null };
}

export interface EvidenceVerdict {
  analysis: EvidenceAnalysis;
  errors: VerifyErrorCode[];
  /** One per frame, for the replay check. */
  fingerprints: string[];
  /** The frontal frame's analysis, for the comparison with a registered photo. */
  frontal: ImageAnalysis | null;
}

interface LabelledFrame {
  label: 'frontal' | Action;
  frame: EvidenceFrame;
}

export async function analyseEvidence(evidence: Evidence, analyzer: Analyzer, config: LivenessConfig = SERVER_LIVENESS_CONFIG): Promise<EvidenceVerdict> {
  const labelled: LabelledFrame[] = [
    { label: 'frontal', frame: evidence.frontal },
    ...evidence.actions.flatMap(({ action, frames }) => frames.map((frame) => ({ label: action, frame }))),
  ];
  // All at once: an analyzer on threads spreads them over its cores; one on this thread queues them.
  const seen = await Promise.all(labelled.map(({ frame }) => analyseFrame(analyzer, frame)));
  const errors = new Set<VerifyErrorCode>();
  const frontal = seen[0] ?? null;
  const descriptors = seen.map((analysis) => analysis?.descriptor ?? null);
  const identity = identityLinks(descriptors, IDENTITY_THRESHOLD);
  if (!identity.oneGroup) errors.add('identity-mismatch');
  const frames = labelled.map(({ label, frame }, i): FrameAnalysis => {
    const analysis = seen[i];
    if (!analysis) {
      errors.add('evidence-undecodable');
      return { label, t: frame.t, faces: 0, similarity: null, link: null, measures: null };
    }
    const faces = countFaces(asObservation(analysis, frame.t), config);
    if (faces === 0) errors.add('face-not-found');
    if (faces > 1) errors.add('multiple-faces');
    const own = descriptors[i];
    const toFrontal = own && descriptors[0] ? similarity(own, descriptors[0]) : null;
    return { label, t: frame.t, faces, similarity: toFrontal, link: identity.links[i] ?? null, measures: analysis.faces[0]?.measures ?? null };
  });
  const actions = evidence.actions.map(({ action }) => confirmAction(action, frames, config));
  if (actions.some((a) => !a.confirmed)) errors.add('action-not-confirmed');
  const flat = actions.some((a) => a.flat);
  if (flat) errors.add('spoof-suspected');
  const lowest = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null);
    return present.length ? Math.min(...present) : null;
  };
  return {
    analysis: {
      frames,
      actions,
      identity: { minSimilarity: lowest(frames.map((f) => f.similarity)), minLink: lowest(frames.map((f) => f.link)), threshold: IDENTITY_THRESHOLD },
      spoof: { suspected: flat, score: null },
    },
    errors: [...errors],
    fingerprints: seen.filter((s): s is ImageAnalysis => s !== null).map((s) => s.fingerprint),
    frontal,
  };
}

/** The frame's analysis when it decodes at exactly its declared size; null otherwise. */
async function analyseFrame(analyzer: Analyzer, frame: EvidenceFrame): Promise<ImageAnalysis | null> {
  const analysis = await analyzer.analyzeJpeg(Buffer.from(frame.jpeg, 'base64'));
  return analysis && analysis.width === frame.width && analysis.height === frame.height ? analysis : null;
}

/** The faces as the liveness engine's gates read them, so the server counts people by the browser's rule. */
function asObservation(analysis: ImageAnalysis, t: number): Observation {
  const faces = analysis.faces.map((face) => ({ ...face, score: 1 }));
  return { t, width: analysis.width, height: analysis.height, faces, otherFaces: [], workerMs: 0 };
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
function burstBaseline(first: FaceMeasures, last: FaceMeasures, frontal: FaceMeasures): Baseline {
  const baseline = { ...baselineOf([first]) };
  for (const key of EYES) baseline[key] = [first[key], last[key], frontal[key]].sort((a, b) => a - b)[1]!;
  return baseline;
}

/**
 * Runs the action's detector over its burst, from the baseline of {@link burstBaseline}, requiring its first frame
 * at rest, breaking any movement at a gap longer than the session allows, as the browser's session does.
 */
function confirmAction(action: Action, frames: readonly FrameAnalysis[], config: LivenessConfig): ActionAnalysis {
  const burst = frames.filter((f) => f.label === action);
  const first = burst[0]?.measures;
  const last = burst.at(-1)?.measures;
  const frontal = frames[0]!.measures;
  const notConfirmed = { action, confirmed: false, metric: null, flat: false };
  if (!first || !last || !frontal || burst.some((f) => !f.measures)) return notConfirmed;
  const detector = createActionDetector(action, burstBaseline(first, last, frontal), config);
  let previousT = -Infinity;
  let flat = false;
  for (const [i, { t, measures }] of burst.entries()) {
    if (t - previousT > config.maxFrameGapMs) detector.interrupt();
    previousT = t;
    const update = detector.update({ t, measures: measures! });
    // A burst starts before the movement, at rest (eyes open, mouth closed, head facing): frames that start
    // mid-movement, such as a blink's frames reordered to begin with the eyes shut, show no onset.
    if (i === 0 && !detector.atRest) return notConfirmed;
    if (update.done) return { action, confirmed: true, metric: update.done.metric, flat: false };
    flat ||= update.flat === true;
  }
  return { ...notConfirmed, flat };
}
