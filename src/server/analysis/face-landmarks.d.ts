// The library's ES module build: its CommonJS entry loads @mediapipe/face_mesh, which crashes in Node.
declare module '@tensorflow-models/face-landmarks-detection/dist/face-landmarks-detection.esm.js' {
  export * from '@tensorflow-models/face-landmarks-detection';
}
