/**
 * Quality gates: what must hold for a frame to be used, each failure with its own code so the UI can
 * say what to do ("come closer", "too dark", …).
 */
import type { FaceMeasures, FaceObservation, Observation } from '../observation.js';
import type { LivenessConfig } from './config.js';

export type QualityIssue =
  /** No face in the frame. */
  | 'no-face'
  /** More than one face of a meaningful size. */
  | 'multiple-faces'
  /** The face is too small in the guide: come closer. */
  | 'too-small'
  /** The face overflows the guide: move back. */
  | 'too-large'
  /** The face is not centred in the guide. */
  | 'off-centre'
  /** The face is too dark to measure, and the picture around it is not: the light is behind the person. */
  | 'backlit'
  /** The face is too dark to measure, and so is the rest of the picture. */
  | 'too-dark'
  | 'too-bright'
  | 'too-blurry'
  /** The head is turned or tilted too far to start. */
  | 'not-frontal';

/** Which gates apply: all of them to start; during an action the head moves, so pose and centring are not held against it. */
export type GateSet = 'start' | 'action';

/** The face a check follows: the largest (the detector sorts them). */
export function mainFace(observation: Observation): FaceObservation | undefined {
  return observation.faces[0];
}

/**
 * The main face plus the faces that count as another person: big enough next to the main face not to
 * be a poster or a passer-by far away.
 */
export function countFaces(observation: Observation, config: LivenessConfig): number {
  const main = mainFace(observation);
  // A face the detector is unsure of is a face half covered (a hand in front of it): its measures are guesses.
  if (!main || main.score < config.minFaceScore) return 0;
  const others = [...observation.faces.slice(1).map((face) => face.box), ...observation.otherFaces];
  return 1 + others.filter((box) => box.width >= config.secondFaceMinWidth * main.box.width).length;
}

/** The face's height over the guide's height: 1 fills the oval. */
export function faceToGuide(face: FaceObservation, observation: Observation, config: LivenessConfig): number {
  return face.box.height / (2 * config.guide.ry * observation.height);
}

/** Issues that make a frame unfit to be evidence or to be measured, whatever the phase. */
export const UNFIT_FRAME: ReadonlySet<QualityIssue> = new Set(['backlit', 'too-dark', 'too-bright', 'too-blurry']);

/** How a frame is judged against the gates. */
export interface GateOptions {
  /**
   * The frame before was fit: the limits are widened by {@link LivenessConfig.gateHysteresis}, so a face at
   * the edge of a limit does not flip between fit and unfit from frame to frame.
   */
  staying?: boolean;
  /** The person's own sharpness (the baseline's): a frame much softer than it is motion-blurred. */
  sharpness?: number;
}

/**
 * The most pressing issue with this frame, or null when it is fit for use. Issues are checked in the
 * order a person can fix them: presence, others, distance, position, light, focus, pose.
 */
export function qualityIssue(observation: Observation, config: LivenessConfig, gates: GateSet = 'start', options: GateOptions = {}): QualityIssue | null {
  const face = mainFace(observation);
  if (!face || face.score < config.minFaceScore) return 'no-face';
  if (countFaces(observation, config) > 1) return 'multiple-faces';
  const { guide } = config;
  // Staying needs less than entering: the lower limits drop, the upper ones rise, by the same fraction.
  const slack = options.staying ? config.gateHysteresis : 0;
  const low = (limit: number) => limit * (1 - slack);
  const high = (limit: number) => limit * (1 + slack);
  const relativeHeight = faceToGuide(face, observation, config);
  if (relativeHeight < low(config.minFaceToGuide)) return 'too-small';
  if (relativeHeight > high(config.maxFaceToGuide)) return 'too-large';
  const m = face.measures;
  if (gates === 'start') {
    const dx = (face.box.x + face.box.width / 2) / observation.width - guide.cx;
    const dy = (face.box.y + face.box.height / 2) / observation.height - guide.cy;
    if (Math.hypot(dx / guide.rx, dy / guide.ry) > high(config.maxOffCentre)) return 'off-centre';
  }
  if (m.brightness < low(config.minBrightness)) return isBacklit(m, config) ? 'backlit' : 'too-dark';
  if (m.brightness > Math.min(1, high(config.maxBrightness))) return 'too-bright';
  if (m.sharpness < low(config.minSharpness)) return 'too-blurry';
  if (options.sharpness !== undefined && m.sharpness < config.blurFraction * options.sharpness) return 'too-blurry';
  if (gates === 'start' && !isFrontal(m, config, slack)) return 'not-frontal';
  return null;
}

/** The light is behind the person: the picture around the face is much brighter than the face. */
export function isBacklit(m: FaceMeasures, config: LivenessConfig): boolean {
  return m.surroundBrightness !== undefined && m.surroundBrightness >= config.backlitRatio * m.brightness;
}

/** The head faces the camera within the start limits (widened by `slack`, a fraction). */
export function isFrontal(m: FaceMeasures, config: LivenessConfig, slack = 0): boolean {
  const high = (limit: number) => limit * (1 + slack);
  return Math.abs(m.yaw) <= high(config.maxFrontalYaw) && Math.abs(m.pitch) <= high(config.maxFrontalPitch) && Math.abs(m.roll) <= high(config.maxFrontalRoll);
}
