/**
 * What the detector sees in a frame: plain data shared by the worker's API (`protocol.ts`) and the
 * liveness engine, which must not depend on the worker's API.
 */
import type { Box, FaceGeometry } from './geometry.js';
import type { ImageQuality } from './image-quality.js';

/** All measures of one face; geometry from the landmarks, quality from the pixels of its box. */
export interface FaceMeasures extends FaceGeometry, ImageQuality {
  /**
   * Mean luma (0–1) of the frame outside the face's box: a face much darker than this is lit from behind.
   * Absent where the frame around the face is not known (the server's face-centred evidence crops).
   */
  surroundBrightness?: number;
}

export interface FaceObservation {
  /** Box around the face's landmarks, in frame pixels. */
  box: Box;
  /** The landmark model's face-presence probability (0.5–1; lower ones are dropped). */
  score: number;
  /** 468 × (x, y, z) in frame pixels; see `geometry.ts` for the axes. */
  landmarks: Float32Array;
  measures: FaceMeasures;
}

/** What the detector saw in one frame. */
export interface Observation {
  /** The caller's timestamp of the frame, in milliseconds. */
  t: number;
  /** Frame size in pixels. */
  width: number;
  height: number;
  /** Faces tracked with landmarks (at most `maxFaces`), largest first. */
  faces: FaceObservation[];
  /**
   * Boxes of further faces the face detector found at its last look (at most `faceCountEvery` frames
   * ago): people who are not tracked, but count for the multiple-faces gate.
   */
  otherFaces: Box[];
  /** Milliseconds the worker spent on this frame (inference and measures). */
  workerMs: number;
}
