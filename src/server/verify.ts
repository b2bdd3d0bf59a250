import { isAction, type Action } from '../core/challenge.js';
import type { CaptureClaims } from '../core/claims.js';
import { checkSecret, hasValidMac, type Secret } from './challenge.js';
import { actionsMatch, evidenceErrors, isExpired } from './claim-checks.js';
import type { Analyzer } from './analysis/analyzer-types.js';
import type { FaceComparison } from './analysis/compare.js';
import { defaultAnalyzer } from './analysis/default-analyzer.js';
import type { EvidenceAnalysis } from './analysis/evidence.js';
import { judgeEvidence } from './analysis/judge.js';
import { MemoryNonceStore, StoreFullError, type NonceStore } from './nonce-store.js';
import { parseToken, signatureVerifies } from './token.js';
import { VERIFY_ERROR_CODES, type VerifyErrorCode } from './verify-errors.js';

export interface VerifyTokenOptions {
  /** The secret `createChallenge` used: a string of at least 32 characters or at least 32 bytes. */
  secret: Secret;
  /** Where used nonces are recorded. Default: one `MemoryNonceStore` shared by the whole process. */
  store?: NonceStore;
  /** How old the token (its `iat`) may be, in seconds. Default: 600. */
  maxAgeSeconds?: number;
  /** The actions this server asked for, if it kept them: the performed actions must equal them too. Default: none. */
  expectedActions?: readonly Action[];
  /** The time to judge expiry at. Default: the current time. */
  now?: Date;
  /** The longest token accepted, in bytes of UTF-8 text; longer ones are `token-too-large`. Default: 2 MiB. */
  maxTokenBytes?: number;
  /**
   * What judges the evidence frames. Default: one analyzer for the whole process, made on first use (see
   * `createAnalyzer`). `false` turns the analysis off: `analysis` is then null, and a success proves only that
   * the token is well-signed for a fresh challenge of yours, nothing about a live person.
   */
  analyzer?: Analyzer | false;
  /** A JPEG of the person's registered photo: the capture's frontal frame must match it (`faceMatch`). */
  registeredPhoto?: Uint8Array;
  /** How long the fingerprints of an accepted capture's frames are kept, so they cannot be replayed. Default: 30 days. */
  evidenceTtlSeconds?: number;
}

export interface VerifyResult {
  /** True only when every check passed and this call consumed the challenge's nonce. */
  success: boolean;
  /** Every failed check, in the order of `VERIFY_ERROR_CODES`; empty on success. */
  errorCodes: VerifyErrorCode[];
  /**
   * The claims, whenever the token is well-formed and its signature verifies, so that failures can be audited
   * too. Only `success: true` means they passed the checks.
   */
  claims?: CaptureClaims;
  /**
   * What the server's own analysis saw: per frame the faces, measures and similarity to the frontal frame; per
   * action whether its detector confirmed it. Null when the analysis was turned off, or not run because an
   * earlier check (signature, challenge, expiry, nonce) failed: garbage never costs an analysis.
   */
  analysis: EvidenceAnalysis | null;
  /** The 1:1 match of the frontal frame with `registeredPhoto`, when one was given and the analysis ran. */
  faceMatch?: FaceComparison;
}

const DEFAULT_MAX_TOKEN_BYTES = 2 * 1024 * 1024;
let processStore: MemoryNonceStore | undefined;

/**
 * Verifies a token from `<face-liveness>` (its `liveness-success` event or its form value), as Turnstile's
 * siteverify does: one call, a boolean, and every failure found as a {@link VerifyErrorCode}. The verdict comes
 * from the server's own analysis of the evidence, not from what the token says of itself. Never rejects because
 * of `token`, whatever it is, nor because of the store (it fails closed: `store-unavailable`, `store-full`);
 * rejects with a TypeError for invalid options, and when the analyzer fails, so a success always had one.
 *
 * A well-signed token with a genuine, unexpired challenge consumes the challenge's nonce even if a later check
 * fails: each challenge gets one attempt. Garbage cannot burn nonces, since it has no valid mac.
 */
export async function verifyToken(token: unknown, options: VerifyTokenOptions): Promise<VerifyResult> {
  const { secret, store, maxAgeSeconds, expectedActions, now, maxTokenBytes, analyzer, registeredPhoto, evidenceTtlSeconds } =
    validateVerifyOptions(options);
  if (typeof token !== 'string' || token === '') return failure('missing-token');
  // UTF-8 takes at least one byte per UTF-16 unit, so the cheap length test settles the huge ones.
  if (token.length > maxTokenBytes || Buffer.byteLength(token) > maxTokenBytes) return failure('token-too-large');
  const parsed = await parseToken(token);
  if (parsed === null) return failure('malformed-token');

  const { claims, key } = parsed;
  const errors: VerifyErrorCode[] = [];
  const signed = await signatureVerifies(token, key);
  if (!signed) errors.push('bad-signature');
  const genuine = hasValidMac(claims.challenge, secret);
  if (!genuine) errors.push('challenge-forged');
  const nowSeconds = now.getTime() / 1000;
  const expired = isExpired(claims, nowSeconds, maxAgeSeconds);
  if (expired) errors.push('challenge-expired');
  if (signed && genuine && !expired) {
    // Kept a second past expiry: by then the expiry check refuses the token anyway.
    const ttlSeconds = Math.ceil(claims.challenge.expiresAt - nowSeconds) + 1;
    const fresh = await storeAnswer(() => store.consume(claims.challenge.nonce, ttlSeconds));
    if (fresh !== true) errors.push(fresh === false ? 'nonce-replayed' : fresh);
  }
  if (!actionsMatch(claims, expectedActions)) errors.push('actions-mismatch');
  if (claims.result.passed !== true) errors.push('liveness-failed');
  errors.push(...evidenceErrors(claims));
  const result = { ...(signed ? { claims } : {}), analysis: null };
  // Analysis costs about a second: only a token that just consumed a genuine nonce, with well-formed evidence, gets one.
  if (errors.length > 0 || analyzer === false) return finish(errors, result);
  const judgement = await judgeEvidence(claims, await analyzer(), registeredPhoto);
  errors.push(...judgement.errors);
  const judged = { ...result, analysis: judgement.analysis, ...(judgement.faceMatch ? { faceMatch: judgement.faceMatch } : {}) };
  if (errors.length === 0) {
    const { fingerprints } = judgement;
    const minMatches = Math.max(1, Math.ceil(fingerprints.length * REPLAY_MIN_SHARE));
    const unseen = await storeAnswer(() => store.recordEvidence(fingerprints, evidenceTtlSeconds, REPLAY_MAX_DISTANCE, minMatches));
    if (unseen !== true) errors.push(unseen === false ? 'evidence-replayed' : unseen);
  }
  return finish(errors, judged);
}

/**
 * Fingerprints this close (in bits of 256) are one frame: on the fixtures, re-encoding a frame at usual JPEG
 * qualities moved its fingerprint by 1–3 bits (5 at the lowest quality). But a still person in a still scene gives
 * frames this close too: two blinks of one man a second apart in one recording came within 2–7 bits. A capture
 * is therefore a replay only when most of its frames are old ones ({@link REPLAY_MIN_SHARE}): a re-signed or
 * re-encoded capture reuses all its frames, a new capture of the same still person few.
 */
const REPLAY_MAX_DISTANCE = 3;
/** The share of a capture's frames that must each match a recorded frame for the capture to be a replay. */
const REPLAY_MIN_SHARE = 0.75;

/** The store's answer, or the code to fail closed with when it has none: it never throws into the host. */
async function storeAnswer(ask: () => Promise<boolean>): Promise<boolean | 'store-full' | 'store-unavailable'> {
  try {
    return await ask();
  } catch (error) {
    return error instanceof StoreFullError ? 'store-full' : 'store-unavailable';
  }
}

function finish(errors: VerifyErrorCode[], result: Omit<VerifyResult, 'success' | 'errorCodes'>): VerifyResult {
  const errorCodes = [...new Set(errors)].sort((a, b) => VERIFY_ERROR_CODES.indexOf(a) - VERIFY_ERROR_CODES.indexOf(b));
  return { success: errorCodes.length === 0, errorCodes, ...result };
}

function failure(code: VerifyErrorCode): VerifyResult {
  return { success: false, errorCodes: [code], analysis: null };
}

function validateVerifyOptions(options: VerifyTokenOptions) {
  checkSecret(options?.secret, 'verifyToken');
  const store = options.store ?? (processStore ??= new MemoryNonceStore());
  if (typeof store?.consume !== 'function' || typeof store.recordEvidence !== 'function') {
    throw new TypeError('verifyToken: store must be a NonceStore (consume and recordEvidence)');
  }
  const maxAgeSeconds = options.maxAgeSeconds ?? 600;
  if (typeof maxAgeSeconds !== 'number' || !(maxAgeSeconds > 0)) {
    throw new TypeError('verifyToken: maxAgeSeconds must be a positive number');
  }
  const { expectedActions } = options;
  if (expectedActions !== undefined && !(Array.isArray(expectedActions) && expectedActions.every(isAction))) {
    throw new TypeError('verifyToken: expectedActions must be an array of action names');
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('verifyToken: now must be a valid Date');
  }
  const maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
  if (!Number.isSafeInteger(maxTokenBytes) || maxTokenBytes < 1) {
    throw new TypeError('verifyToken: maxTokenBytes must be a positive integer');
  }
  const { analyzer, registeredPhoto } = options;
  if (analyzer !== undefined && analyzer !== false && typeof analyzer?.analyzeJpeg !== 'function') {
    throw new TypeError('verifyToken: analyzer must be an Analyzer (from createAnalyzer) or false');
  }
  if (registeredPhoto !== undefined && !(registeredPhoto instanceof Uint8Array)) {
    throw new TypeError('verifyToken: registeredPhoto must be a Uint8Array (or Buffer) of a JPEG file');
  }
  const evidenceTtlSeconds = options.evidenceTtlSeconds ?? 30 * 24 * 3600;
  if (!Number.isSafeInteger(evidenceTtlSeconds) || evidenceTtlSeconds < 1) {
    throw new TypeError('verifyToken: evidenceTtlSeconds must be a positive integer');
  }
  return {
    secret: options.secret,
    store,
    maxAgeSeconds,
    expectedActions,
    now,
    maxTokenBytes,
    analyzer: analyzer === false ? (false as const) : analyzer ? () => Promise.resolve(analyzer) : defaultAnalyzer,
    registeredPhoto,
    evidenceTtlSeconds,
  };
}

