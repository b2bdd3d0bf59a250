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
export { VERIFY_ERROR_CODES, type VerifyErrorCode } from './verify-errors.js';
export { MemoryNonceStore, type MemoryNonceStoreOptions, type NonceStore } from './nonce-store.js';
export { RedisNonceStore, type RedisCommandClient, type RedisNonceStoreOptions } from './redis-nonce-store.js';
export { ACTIONS, type Action, type Challenge } from '../core/challenge.js';
export type { ActionClaim, CaptureClaims, CaptureMode, EvidenceFrame, QualityClaim } from '../core/claims.js';
