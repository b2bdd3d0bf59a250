/**
 * Every threshold of the liveness engine, with its default and why. Angles are degrees, times
 * milliseconds, ratios are those of `geometry.ts`. Defaults were calibrated on the real-face fixture
 * traces (test/data/traces, report: `npm run liveness-report`).
 */

/** The on-screen guide, in coordinates normalised to the analysed frame (0–1 across, 0–1 down). */
export interface GuideOval {
  cx: number;
  cy: number;
  /** Half-width as a fraction of the frame width. */
  rx: number;
  /** Half-height as a fraction of the frame height. */
  ry: number;
}

export interface LivenessConfig {
  /** Default: centred, 0.32 of the width by 0.42 of the height either side. */
  guide: GuideOval;

  // Quality gates
  /** Face height below this fraction of the guide's height: "come closer". Default 0.3. */
  minFaceToGuide: number;
  /** Face height above this fraction of the guide's height: "move back". Default 1.25. */
  maxFaceToGuide: number;
  /** Face centre further than this from the guide's centre, in guide radii: "centre your face". Default 0.6. */
  maxOffCentre: number;
  /** Face mean luma below this: "too dark". Default 0.15. */
  minBrightness: number;
  /**
   * A face too dark to measure is lit from behind ("face the light") when the frame around it is at least this
   * many times as bright; otherwise the whole place is dark ("move somewhere brighter"). The handheld selfie
   * against the sky reads 3.5 (face 0.11, around it 0.39). Default 2.
   */
  backlitRatio: number;
  /** Face mean luma above this: "too bright". Default 0.9. */
  maxBrightness: number;
  /** Face sharpness below this: "too blurry". Default 0.008 (the softest genuine fixture reads 0.013). */
  minSharpness: number;
  /** To start, |yaw| at most this. Default 20. */
  maxFrontalYaw: number;
  /** To start, |pitch| at most this (cameras below the face read a few degrees negative). Default 25. */
  maxFrontalPitch: number;
  /** To start, |roll| at most this. Default 20. */
  maxFrontalRoll: number;
  /** A second face counts when its width is at least this fraction of the main face's. Default 0.25. */
  secondFaceMinWidth: number;
  /**
   * A face whose presence score is below this is taken as covered (a hand in front of it): no face, and an
   * action in progress pauses. Uncovered faces in the fixtures score 0.99–1; a hand over the mouth 0.65.
   * Default 0.9.
   */
  minFaceScore: number;
  /**
   * Hysteresis of the gates: once a frame passed, the next ones may miss each limit by this fraction (the face
   * 15 % smaller, 15 % further off centre, the head 15 % more turned…) and still pass, so a face at the edge of a
   * limit does not make the oval flicker. Default 0.15.
   */
  gateHysteresis: number;
  /**
   * During the check, a frame whose sharpness is below this fraction of the person's own (the baseline's) is
   * motion-blurred: it is not measured and never becomes evidence. Genuine frames of the fixtures stay at 0.64
   * or more of their clip's median, the whip pans of the handheld selfie fall to 0.25–0.45. Default 0.5.
   */
  blurFraction: number;

  // Session timing
  /**
   * Neutral baseline: a hold of at least this long before the first action, its fit frames (those passing
   * every gate) at least {@link baselineMinShare} of its frames. The baseline is the median of the fit
   * frames. Default 800.
   */
  baselineMs: number;
  /**
   * Baseline: the share of the hold's frames that must pass every gate. A still person passes on all of
   * them; a head that keeps moving (tremor, looking around) on some: the woman of head-turn-woman.mp4 faces
   * the camera on 40–55 % of her frames. Default 0.4.
   */
  baselineMinShare: number;
  /** Baseline: a hold that has not reached its share after this long starts again. Default 2500. */
  baselineWindowMs: number;
  /** Baseline: frames missing a gate are skipped; with no fit frame for this long it is back to positioning. Default 600. */
  baselineGraceMs: number;
  /**
   * Baseline: frames whose mouth ratio is above this are skipped (the hold waits for them to pass): a baseline
   * taken with the mouth open (a person talking, or already in a wide "O") would hide the mouth opening
   * later. Closed mouths read 0.01–0.09 in the fixtures, lips apart in a grin or a syllable 0.1–0.3, a wide
   * "O" 0.4–0.77. Default 0.2.
   */
  baselineMaxMouth: number;
  /** Time allowed per action, counted only while a single face is seen. Default 15000. */
  actionTimeoutMs: number;
  /** No face for this long fails the attempt (`face-lost`); shorter losses only pause. Default 4000. */
  faceLostMs: number;
  /**
   * Getting placed (positioning and the still hold before the first action) may take this long from the
   * attempt's first frame; then the attempt fails (`positioning-timeout`) with the advice that was showing.
   * Default 60000.
   */
  positioningTimeoutMs: number;
  /** More than one face for this long fails the attempt (`multiple-faces`); shorter only pauses. Default 1000. */
  multipleFacesMs: number;
  /** A gap between frames longer than this breaks any movement in progress. Default 700. */
  maxFrameGapMs: number;
  /** After the last action, the best frontal frame is chosen over this long. Default 600. */
  captureMs: number;
  /** Attempts before a failure is final. Default 3. */
  maxAttempts: number;
  /** Completed movements to the wrong side (e.g. right when asked left) tolerated before `wrong-action`. Default 1. */
  maxWrongActions: number;

  // Actions
  /**
   * Blink: each eye this fraction below its open-eye reference, by aspect ratio and by opening. The
   * fixtures' real blinks reach 0.26–0.46 (a short blink caught at 5–10 fps less); a slow narrowing seen
   * at 5 fps reads 0.22. Default 0.23.
   */
  blinkClosure: number;
  /**
   * Blink: a quick closure, seen on one frame between open ones or for at most {@link blinkQuickMs}, counts
   * from this closure: at 5–15 fps a 0.1 s blink is caught half closed. Idle narrowing of the eyes while
   * talking reads up to 0.14 on the fixtures, a 0.1 s blink of drooping lids 0.2. Default 0.16.
   */
  blinkQuickClosure: number;
  /** Blink: a closure whose closed frames span at most this long is quick (one frame spans 0). Default 150. */
  blinkQuickMs: number;
  /**
   * Blink: a quick closure counts only if the face moved at most this many face widths from frame to frame
   * around it: when the face moves fast, the mesh lags behind it and misreads the eyes for a frame (a photo
   * slid at 5 fps reads as a 0.45 closure). Genuine quick blinks in the fixtures move 0.06 or less. Default 0.08.
   */
  blinkQuickMaxShift: number;
  /**
   * Blink: on the closure's best-matched frame the less closed eye must be closed at least this fraction as
   * much as the other: a blink closes both eyes alike. The 468-point face mesh narrows the open eye of a wink
   * as well, so this is a thin line: on the fixtures a one-eyed wink reads 0.84–0.86 at 5–25 fps, most
   * genuine blinks 0.885–1, and a few small ones 0.82–0.855 (refused; their clips hold other blinks).
   * Default 0.875.
   */
  blinkSymmetry: number;
  /** Blink: reopened when both eyes are back within this fraction of the reference. Default 0.1. */
  blinkReopen: number;
  /** Blink: eyes closed longer than this is not a blink. Default 2000. */
  blinkMaxClosedMs: number;
  /**
   * Blink: the eyes must go from open to closed within this; eyes narrowing more slowly are a change of
   * expression (or a warped picture). Open on one frame and closed on the next always counts as fast,
   * whatever the frame rate. Default 250.
   */
  blinkOnsetMs: number;
  /** Blink: the open-eye reference is the median of the open-eye frames of the last this-many ms. Default 2000. */
  blinkReferenceMs: number;
  /** Blink: frames with the head turned or tilted more than this from the baseline are ignored. Default 15. */
  blinkMaxPoseChange: number;
  /** Mouth open: mouth ratio at least this above the baseline. Default 0.3. */
  mouthOpening: number;
  /** Mouth open: held at least this long, which talking does not do. Default 400. */
  mouthHoldMs: number;
  /**
   * Turn: yaw at least this far from the baseline toward the asked side. The mesh reads turns about a
   * quarter smaller than they look, so 15 is a turn of about 20° by eye. In the fixtures an idle head
   * movement reads 14.3 and a turn labelled 20° by eye 14.9: no threshold separates such small turns
   * from idle movement, which is why the prompt asks for a clear turn. Default 15.
   */
  turnDegrees: number;
  /** Nod: pitch at least this far down from the baseline (idle head dips reach about 13°). Default 15. */
  nodDegrees: number;
  /** Turn and nod: back toward the baseline by at least this fraction of the threshold to complete. Default 0.5. */
  returnFraction: number;
  /**
   * Turn and nod: the nose must move against the face outline (parallax) by at least this much per
   * degree of the movement's peak; a flat photo tilted in front of the camera does not. Default 0.003.
   */
  minParallaxPerDegree: number;
}

export const DEFAULT_LIVENESS_CONFIG: Readonly<LivenessConfig> = Object.freeze({
  guide: Object.freeze({ cx: 0.5, cy: 0.5, rx: 0.32, ry: 0.42 }),
  minFaceToGuide: 0.3,
  maxFaceToGuide: 1.25,
  maxOffCentre: 0.6,
  minBrightness: 0.15,
  backlitRatio: 2,
  maxBrightness: 0.9,
  minSharpness: 0.008,
  maxFrontalYaw: 20,
  maxFrontalPitch: 25,
  maxFrontalRoll: 20,
  secondFaceMinWidth: 0.25,
  minFaceScore: 0.9,
  gateHysteresis: 0.15,
  blurFraction: 0.5,
  baselineMs: 800,
  baselineMinShare: 0.4,
  baselineWindowMs: 2500,
  baselineGraceMs: 600,
  baselineMaxMouth: 0.2,
  actionTimeoutMs: 15_000,
  faceLostMs: 4000,
  positioningTimeoutMs: 60_000,
  multipleFacesMs: 1000,
  maxFrameGapMs: 700,
  captureMs: 600,
  maxAttempts: 3,
  maxWrongActions: 1,
  blinkClosure: 0.23,
  blinkQuickClosure: 0.16,
  blinkQuickMs: 150,
  blinkQuickMaxShift: 0.08,
  blinkSymmetry: 0.875,
  blinkReopen: 0.1,
  blinkMaxClosedMs: 2000,
  blinkOnsetMs: 250,
  blinkReferenceMs: 2000,
  blinkMaxPoseChange: 15,
  mouthOpening: 0.3,
  mouthHoldMs: 400,
  turnDegrees: 15,
  nodDegrees: 15,
  returnFraction: 0.5,
  minParallaxPerDegree: 0.003,
});

/** Checks a partial config and returns a new, complete one. Throws `TypeError` on a bad value. */
export function validateLivenessConfig(config: Partial<LivenessConfig> = {}): LivenessConfig {
  const complete: LivenessConfig = { ...DEFAULT_LIVENESS_CONFIG, ...config, guide: { ...DEFAULT_LIVENESS_CONFIG.guide, ...config.guide } };
  for (const [key, value] of Object.entries(complete)) {
    if (key === 'guide') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`LivenessConfig.${key} must be a finite, non-negative number`);
    }
  }
  const { cx, cy, rx, ry } = complete.guide;
  if (![cx, cy, rx, ry].every((v) => Number.isFinite(v) && v >= 0 && v <= 1) || rx === 0 || ry === 0) {
    throw new TypeError('LivenessConfig.guide values must be between 0 and 1, with non-zero radii');
  }
  if (!Number.isInteger(complete.maxAttempts) || complete.maxAttempts < 1) {
    throw new TypeError('LivenessConfig.maxAttempts must be a whole number of at least 1');
  }
  return complete;
}
