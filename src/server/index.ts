/**
 * `face-liveness/server` (Node ≥ 20): issue challenges and verify the tokens `<face-liveness>` returns.
 *
 * ```ts
 * const challenge = createChallenge({ secret }); // answer the element's POST to its challenge-url
 * const { success, errorCodes } = await verifyToken(token, { secret }); // the token it returned
 * ```
 */
export { createChallenge, type CreateChallengeOptions, type Secret } from './challenge.js';
export { verifyToken, type VerifyResult, type VerifyTokenOptions } from './verify.js';
export {
  AnalyzerLoadError,
  createAnalyzer,
  type Analyzer,
  type AnalyzerBackend,
  type AnalyzerOptions,
  type ImageAnalysis,
} from './analysis/analyzer.js';
export { compareFaces, FACE_MATCH_THRESHOLD, type CompareFacesOptions, type FaceComparison, type FaceImageError } from './analysis/compare.js';
export { IDENTITY_THRESHOLD, type ActionAnalysis, type EvidenceAnalysis, type FrameAnalysis } from './analysis/evidence.js';
export { VERIFY_ERROR_CODES, type VerifyErrorCode } from './verify-errors.js';
export { MemoryNonceStore, StoreFullError, type MemoryNonceStoreOptions, type NonceStore } from './nonce-store.js';
export { RedisNonceStore, type RedisCommandClient, type RedisNonceStoreOptions } from './redis-nonce-store.js';
export { ACTIONS, type Action, type Challenge } from '../core/challenge.js';
export type { ActionBurst, ActionClaim, CaptureClaims, CaptureMode, Evidence, EvidenceFrame, QualityClaim } from '../core/claims.js';
