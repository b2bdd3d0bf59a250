/**
 * What the server sees in one image: every face with its 468 landmarks and the same measures the browser's
 * worker computes (`src/core` geometry and image quality), found by the same face mesh and detector models.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  createDetector,
  SupportedModels,
  type FaceLandmarksDetector,
} from '@tensorflow-models/face-landmarks-detection/dist/face-landmarks-detection.esm.js';
import { centreInside, faceGeometry, landmarkBox, LANDMARK_COUNT, type Box } from '../../core/geometry.js';
import { imageQuality, QUALITY_CROP_SIZE } from '../../core/image-quality.js';
import { MODEL_FILES } from '../../core/models.js';
import type { FaceFound } from './analyzer-types.js';
import type { DecodedImage } from './image.js';
import { modelUrl } from './models.js';

/** Faces looked for in one image: one is expected, so a few are enough to say "more than one". */
const MAX_FACES = 3;

export async function loadFaceMesh(modelsDir: string): Promise<FaceLandmarksDetector> {
  return createDetector(SupportedModels.MediaPipeFaceMesh, {
    runtime: 'tfjs',
    maxFaces: MAX_FACES,
    refineLandmarks: false,
    detectorModelUrl: modelUrl(modelsDir, MODEL_FILES.detector),
    landmarkModelUrl: modelUrl(modelsDir, MODEL_FILES.mesh),
  });
}

/** The image as an int32 RGB tensor [height, width, 3], which the models take as they take a canvas. */
export function rgbTensor(image: DecodedImage): tf.Tensor3D {
  return tf.tidy(() => tf.slice(tf.tensor3d(image.rgba, [image.height, image.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]));
}

/** Every face in the image, largest first. Each image is judged on its own (no tracking between frames). */
export async function findFaces(mesh: FaceLandmarksDetector, image: DecodedImage, rgb: tf.Tensor3D): Promise<FaceFound[]> {
  // Even in static mode the library adds the previous image's face regions to the detector's: forget them, or a
  // face of the last image shows up again as a second face of this one.
  mesh.reset();
  const found = await mesh.estimateFaces(rgb, { staticImageMode: true, flipHorizontal: false });
  const faces = found.map(({ keypoints }) => {
    const landmarks = new Float32Array(LANDMARK_COUNT * 3);
    keypoints.forEach((point, i) => landmarks.set([point.x, point.y, point.z ?? 0], i * 3));
    const box = landmarkBox(landmarks);
    return { box, landmarks, measures: { ...faceGeometry(landmarks), ...measureQuality(image, box) } };
  });
  faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  // The mesh runs once per detector box, and two boxes of one face can both survive the library's
  // suppression: a face centred inside a larger one is that face again.
  return faces.filter((face, i) => !faces.slice(0, i).some((larger) => centreInside(face.box, larger.box)));
}

/** Brightness and sharpness of the face box resampled to the size the browser measures them at. */
function measureQuality(image: DecodedImage, box: Box) {
  const size = QUALITY_CROP_SIZE;
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const right = Math.min(image.width, box.x + box.width);
  const bottom = Math.min(image.height, box.y + box.height);
  const crop = tf.tidy(() => {
    const rgba = tf.tensor4d(image.rgba, [1, image.height, image.width, 4], 'int32');
    const normalised = [[y / image.height, x / image.width, bottom / image.height, right / image.width]];
    return tf.image.cropAndResize(rgba, normalised, [0], [size, size], 'bilinear');
  });
  try {
    return imageQuality(crop.dataSync(), size, size);
  } finally {
    crop.dispose();
  }
}
