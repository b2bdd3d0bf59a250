/**
 * Measures derived from the 468-point MediaPipe face mesh.
 *
 * Landmarks are a flat `Float32Array` of `x, y, z` triples in the pixels of the analysed frame:
 * x to the right, y down, z away from the camera on about the same scale as x (smaller z = closer).
 * "Left" and "right" of the face are the person's own; in an un-mirrored camera frame the person's
 * right eye appears on the image's left.
 */

export const LANDMARK_COUNT = 468;

export type Vec3 = readonly [number, number, number];

/** Axis-aligned box in frame pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Mesh indices of each eye as the six (here eight) points of the eye-aspect-ratio formula
 * (Soukupová & Čech 2016): corners, then upper/lower lid pairs from the outer to the inner corner.
 */
const EYES = {
  right: { outer: 33, inner: 133, lids: [[160, 144], [159, 145], [158, 153]] },
  left: { outer: 263, inner: 362, lids: [[387, 373], [386, 374], [385, 380]] },
} as const;

/** Inner-lip corners and upper/lower inner-lip pairs from the person's right to left. */
const MOUTH = { right: 78, left: 308, lips: [[82, 87], [13, 14], [312, 317]] } as const;

/** Points that span the face: eye outer corners (x axis) and forehead to chin (y axis). */
const POSE = { rightEyeOuter: 33, leftEyeOuter: 263, forehead: 10, chin: 152, noseTip: 1 } as const;

export function landmark(landmarks: Float32Array, index: number): Vec3 {
  const i = index * 3;
  return [landmarks[i]!, landmarks[i + 1]!, landmarks[i + 2]!];
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function scale(a: Vec3, s: number): Vec3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}

function normalize(a: Vec3): Vec3 {
  const length = Math.hypot(a[0], a[1], a[2]);
  return length === 0 ? a : scale(a, 1 / length);
}

function distance(landmarks: Float32Array, a: number, b: number): number {
  const d = sub(landmark(landmarks, a), landmark(landmarks, b));
  return Math.hypot(d[0], d[1], d[2]);
}

/** Mean lid gap over the eye's width: about 0.25–0.35 open, under about 0.15 closed (varies by person). */
export function eyeAspectRatio(landmarks: Float32Array, eye: 'left' | 'right'): number {
  const { outer, inner, lids } = EYES[eye];
  const gap = lids.reduce((sum, [upper, lower]) => sum + distance(landmarks, upper, lower), 0) / lids.length;
  return gap / distance(landmarks, outer, inner);
}

function distance2d(landmarks: Float32Array, a: number, b: number): number {
  const d = sub(landmark(landmarks, a), landmark(landmarks, b));
  return Math.hypot(d[0], d[1]);
}

/**
 * Mean lid gap over the face's height (forehead to chin), in the image. Unlike the aspect ratio it
 * compares two nearly parallel segments, a ratio that tilting or sliding a flat picture (any affine
 * warp) does not change, and that nodding changes little; it falls toward 0 as the eye closes
 * (about 0.03 open).
 */
export function eyeOpening(landmarks: Float32Array, eye: 'left' | 'right'): number {
  const gap = EYES[eye].lids.reduce((sum, [upper, lower]) => sum + distance2d(landmarks, upper, lower), 0) / EYES[eye].lids.length;
  return gap / distance2d(landmarks, POSE.forehead, POSE.chin);
}

/** Mean inner-lip gap over the inner mouth width: near 0 closed, about 0.5+ wide open. */
export function mouthAspectRatio(landmarks: Float32Array): number {
  const gap = MOUTH.lips.reduce((sum, [upper, lower]) => sum + distance(landmarks, upper, lower), 0) / MOUTH.lips.length;
  return gap / distance(landmarks, MOUTH.right, MOUTH.left);
}

/**
 * Head orientation in degrees, from a face frame built on the mesh (x: right eye to left eye,
 * y: forehead to chin, z: their cross product). All zero for a face looking straight at the camera.
 */
export interface HeadPose {
  /**
   * Positive when the person turns to their own left, i.e. the nose points toward the image's
   * right in an un-mirrored frame; negative for their own right.
   */
  yaw: number;
  /** Positive when the chin goes down (nodding down); negative when looking up. */
  pitch: number;
  /** Positive when the head tilts clockwise as seen in the image: the eye on the image's right sits lower. */
  roll: number;
}

const DEGREES = 180 / Math.PI;

export function headPose(landmarks: Float32Array): HeadPose {
  const xAxis = normalize(sub(landmark(landmarks, POSE.leftEyeOuter), landmark(landmarks, POSE.rightEyeOuter)));
  const down = sub(landmark(landmarks, POSE.chin), landmark(landmarks, POSE.forehead));
  const yAxis = normalize(sub(down, scale(xAxis, dot(down, xAxis))));
  const zAxis = cross(xAxis, yAxis);
  // The face looks along -zAxis (toward the camera when frontal).
  return {
    yaw: Math.atan2(-zAxis[0], zAxis[2]) * DEGREES,
    pitch: Math.asin(Math.max(-1, Math.min(1, -zAxis[1]))) * DEGREES,
    roll: Math.atan2(xAxis[1], xAxis[0]) * DEGREES,
  };
}

/**
 * Where the nose tip sits, in the image, inside the triangle of the outer eye corners and the chin
 * (barycentric coordinates, x and y only). Any affine warp of a flat picture (slide, zoom, in-plane
 * rotation, shear; a perspective tilt to first order) leaves both values unchanged, while a real head
 * that turns or nods moves its protruding nose against the outline of the face (parallax).
 */
export interface NoseParallax {
  /** Weight of the person's left eye corner minus their right one: grows as they turn to their own left. */
  noseX: number;
  /** Weight of the chin: grows as the chin goes down. */
  noseY: number;
}

export function noseParallax(landmarks: Float32Array): NoseParallax {
  const a = landmark(landmarks, POSE.rightEyeOuter);
  const b = landmark(landmarks, POSE.leftEyeOuter);
  const c = landmark(landmarks, POSE.chin);
  const p = landmark(landmarks, POSE.noseTip);
  const [v0x, v0y, v1x, v1y, v2x, v2y] = [b[0] - a[0], b[1] - a[1], c[0] - a[0], c[1] - a[1], p[0] - a[0], p[1] - a[1]];
  const d00 = v0x * v0x + v0y * v0y;
  const d01 = v0x * v1x + v0y * v1y;
  const d11 = v1x * v1x + v1y * v1y;
  const d20 = v2x * v0x + v2y * v0y;
  const d21 = v2x * v1x + v2y * v1y;
  const denominator = d00 * d11 - d01 * d01 || Number.EPSILON;
  const weightLeftEye = (d11 * d20 - d01 * d21) / denominator;
  const weightChin = (d00 * d21 - d01 * d20) / denominator;
  const weightRightEye = 1 - weightLeftEye - weightChin;
  return { noseX: weightLeftEye - weightRightEye, noseY: weightChin };
}

/** Tight box around all landmarks (x, y only). */
export function landmarkBox(landmarks: Float32Array): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < landmarks.length; i += 3) {
    const x = landmarks[i]!;
    const y = landmarks[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** An evidence crop spans this many face-box sizes, so the whole head and a little background show. */
export const EVIDENCE_CROP_SCALE = 1.6;

/** The square evidence crop around a face box, moved (not cut) to stay inside a `width` × `height` frame. */
export function evidenceCrop(box: Box, width: number, height: number): Box {
  const side = Math.min(Math.max(box.width, box.height) * EVIDENCE_CROP_SCALE, width, height);
  const clamp = (value: number, max: number) => Math.min(Math.max(0, value), max);
  const x = clamp(box.x + box.width / 2 - side / 2, width - side);
  const y = clamp(box.y + box.height / 2 - side / 2, height - side);
  return { x, y, width: side, height: side };
}

/** Whether the centre of `box` lies inside `around`: two boxes of one face, or a face inside another's. */
export function centreInside(box: Box, around: Box): boolean {
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  return x >= around.x && x <= around.x + around.width && y >= around.y && y <= around.y + around.height;
}

/** Geometric measures of one face; see each function for its meaning and range. */
export interface FaceGeometry extends HeadPose, NoseParallax {
  /** {@link eyeAspectRatio} of the person's left eye. */
  leftEye: number;
  /** {@link eyeAspectRatio} of the person's right eye. */
  rightEye: number;
  /** {@link eyeOpening} of the person's left eye. */
  leftEyeOpening: number;
  /** {@link eyeOpening} of the person's right eye. */
  rightEyeOpening: number;
  /** {@link mouthAspectRatio}. */
  mouth: number;
}

export function faceGeometry(landmarks: Float32Array): FaceGeometry {
  return {
    leftEye: eyeAspectRatio(landmarks, 'left'),
    rightEye: eyeAspectRatio(landmarks, 'right'),
    leftEyeOpening: eyeOpening(landmarks, 'left'),
    rightEyeOpening: eyeOpening(landmarks, 'right'),
    mouth: mouthAspectRatio(landmarks),
    ...headPose(landmarks),
    ...noseParallax(landmarks),
  };
}
