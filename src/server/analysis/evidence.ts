/**
 * The server's own judgement of a token's evidence: it decodes every frame, finds the faces in each, checks
 * that one and the same person appears throughout, and runs the browser's own action detectors over each
 * action's burst. Nothing the client wrote about its result is used here.
 */
import type { Action } from '../../core/challenge.js';
import type { Evidence, EvidenceFrame } from '../../core/claims.js';
import { burstCheckConfig, confirmBurst } from '../../core/liveness/burst-check.js';
import { countFaces, type LivenessConfig } from '../../core/liveness/index.js';
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

export { SERVER_BLINK_REOPEN, SERVER_BLINK_TOLERANCE, SERVER_MOVEMENT_TOLERANCE } from '../../core/liveness/burst-check.js';

/** The browser's liveness settings with the movement thresholds eased for a burst's sparser view (see `burst-check.ts`). */
export const SERVER_LIVENESS_CONFIG: Readonly<LivenessConfig> = Object.freeze(burstCheckConfig());

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

/**
 * Runs the action's detector over its burst as {@link confirmBurst} does (first frame at rest, baseline from the
 * burst's first and last frames and the frontal frame).
 */
function confirmAction(action: Action, frames: readonly FrameAnalysis[], config: LivenessConfig): ActionAnalysis {
  const burst = frames.filter((f) => f.label === action);
  const frontal = frames[0]!.measures;
  if (burst.length === 0 || !frontal || burst.some((f) => !f.measures)) return { action, confirmed: false, metric: null, flat: false };
  return { action, ...confirmBurst(action, burst.map(({ t, measures }) => ({ t, measures: measures! })), frontal, config) };
}
