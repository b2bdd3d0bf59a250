/** Public API, free of side effects: importing it registers nothing. Use `face-liveness/define` for the tag. */
export { FaceLiveness } from './element/face-liveness.js';
export type { Screen as FaceLivenessStatus } from './element/view.js';
export type { CameraFacing } from './element/camera.js';
export type { Voice } from './element/voice.js';
export type { CheckStats } from './element/check-stats.js';
export type { Language, TextDirection, Translation, TranslationOptions } from './element/i18n/localize.js';
export { ACTIONS, type Action, type Challenge } from './core/challenge.js';
export type { CaptureClaims, CaptureMode, EvidenceFrame } from './core/claims.js';
export type { FailReason, Phase } from './core/liveness/session.js';
export type { QualityIssue } from './core/liveness/gates.js';
export * from './element/events.js';
export type { FaceLivenessTagNameMap } from './element/tag-name-map.js';
export { ERROR_CODES, FaceLivenessError, isErrorCode, type ErrorCode } from './core/errors.js';
export type { BackendName, BackendReason, FaceMeasures, FaceObservation, Observation } from './core/protocol.js';
export type { Box, HeadPose } from './core/geometry.js';
export { VERSION } from './core/version.js';
