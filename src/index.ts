/** Public API, free of side effects: importing it registers nothing. Use `face-liveness/define` for the tag. */
export { FaceLiveness, type FaceLivenessStatus } from './element/face-liveness.js';
export type { CameraFacing } from './element/camera.js';
export * from './element/events.js';
export { ERROR_CODES, FaceLivenessError, isErrorCode, type ErrorCode } from './core/errors.js';
export type { BackendName, BackendReason, FaceMeasures, FaceObservation, Observation } from './core/protocol.js';
export type { Box, HeadPose } from './core/geometry.js';
export { VERSION } from './core/version.js';
