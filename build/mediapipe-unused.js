// Stands in for @mediapipe/face_mesh and @mediapipe/face_detection: with runtime 'tfjs' the models
// never call them, and the real packages would add about 72 KB to the worker (platform notes).
export const FaceMesh = undefined;
export const FaceDetection = undefined;
