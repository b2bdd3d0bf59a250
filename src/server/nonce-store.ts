import { checkEvidenceArguments, EvidenceIndex } from './evidence-index.js';

/**
 * Remembers which challenge nonces were used, and the fingerprints of accepted evidence. `verifyToken` calls
 * `consume` once per genuine, unexpired token (a nonce seen before within `ttlSeconds` makes the token
 * `nonce-replayed`), and `recordEvidence` once per token that passed every other check.
 *
 * Both reject when the store cannot answer: with {@link StoreFullError} when it is full, with any other error
 * when it cannot be reached. `verifyToken` then fails closed (`store-full`, `store-unavailable`).
 */
export interface NonceStore {
  /**
   * Records `nonce` for `ttlSeconds`. Resolves `true` only the first time: atomically, so that of any number of
   * concurrent calls for one nonce, across every server instance that shares the store, exactly one wins.
   */
  consume(nonce: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Atomically: when at least `minMatches` of `fingerprints` each lie within `maxDistance` bits (Hamming
   * distance, at most 15) of a fingerprint recorded earlier and not yet expired, records nothing and resolves
   * false; otherwise records them all for `ttlSeconds` and resolves true. A fingerprint is 64 lowercase hex
   * characters (256 bits).
   */
  recordEvidence(fingerprints: readonly string[], ttlSeconds: number, maxDistance: number, minMatches: number): Promise<boolean>;
}

/** A store that is full of live records: it refuses to forget one, so the token cannot be checked. */
export class StoreFullError extends Error {
  readonly code = 'store-full';
  constructor(message: string) {
    super(message);
    this.name = 'StoreFullError';
  }
}

/** Throws a TypeError unless the arguments are what {@link NonceStore.consume} accepts. */
export function checkConsumeArguments(nonce: unknown, ttlSeconds: unknown): void {
  if (typeof nonce !== 'string' || nonce === '') throw new TypeError('consume: nonce must be a non-empty string');
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError('consume: ttlSeconds must be a positive number');
  }
}

export interface MemoryNonceStoreOptions {
  /** The most live nonces kept; a full store refuses new ones (`store-full`) rather than forget one. Default: 100 000. */
  maxEntries?: number;
  /** The most live evidence fingerprints kept (about 13 a capture), with the same rule. Default: 200 000. */
  maxFingerprints?: number;
}

/**
 * An in-process {@link NonceStore}: right for a single server process (and the default of `verifyToken`). Several
 * instances behind a load balancer need a shared store such as {@link RedisNonceStore}.
 *
 * Bounded, and failing closed: a nonce is held until its challenge expires, a fingerprint for its whole
 * time; when `maxEntries` live nonces (or `maxFingerprints` live fingerprints) are held, expired ones are swept,
 * and if none has expired the store rejects with {@link StoreFullError} and warns once (`FACE_LIVENESS_STORE_FULL`).
 * Size `maxEntries` above the challenges issued in a challenge lifetime (default 5 minutes), and rate-limit the
 * challenge endpoint; about 100 bytes a nonce, 1 KB a fingerprint.
 */
export class MemoryNonceStore implements NonceStore {
  /** Nonce → when its record expires (ms since the epoch). */
  readonly #expiries = new Map<string, number>();
  readonly #evidence = new EvidenceIndex();
  readonly #maxEntries: number;
  readonly #maxFingerprints: number;
  /** No nonce expires before this, so a full store need not sweep until then. */
  #nextExpiry = Infinity;
  #warned = false;

  constructor({ maxEntries = 100_000, maxFingerprints = 200_000 }: MemoryNonceStoreOptions = {}) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('MemoryNonceStore: maxEntries must be a positive integer');
    }
    if (!Number.isSafeInteger(maxFingerprints) || maxFingerprints < 1) {
      throw new TypeError('MemoryNonceStore: maxFingerprints must be a positive integer');
    }
    this.#maxEntries = maxEntries;
    this.#maxFingerprints = maxFingerprints;
  }

  /** How many nonces are held (expired ones included until they are swept). */
  get size(): number {
    return this.#expiries.size;
  }

  async consume(nonce: string, ttlSeconds: number): Promise<boolean> {
    checkConsumeArguments(nonce, ttlSeconds);
    // No await before the map is updated: the check and the write happen in one turn of the event loop.
    const now = Date.now();
    const expiry = this.#expiries.get(nonce);
    if (expiry !== undefined && expiry > now) return false;
    this.#expiries.delete(nonce);
    if (this.#expiries.size >= this.#maxEntries) this.#sweepNonces(now);
    if (this.#expiries.size >= this.#maxEntries) this.#full(`${this.#maxEntries} live nonces`);
    const newExpiry = now + ttlSeconds * 1000;
    this.#expiries.set(nonce, newExpiry);
    this.#nextExpiry = Math.min(this.#nextExpiry, newExpiry);
    return true;
  }

  async recordEvidence(fingerprints: readonly string[], ttlSeconds: number, maxDistance: number, minMatches: number): Promise<boolean> {
    checkEvidenceArguments(fingerprints, ttlSeconds, maxDistance, minMatches);
    const now = Date.now();
    const matches = fingerprints.filter((fingerprint) => this.#evidence.has(fingerprint, maxDistance, now)).length;
    if (matches >= minMatches) return false;
    if (this.#evidence.size + fingerprints.length > this.#maxFingerprints) this.#evidence.sweep(now);
    if (this.#evidence.size + fingerprints.length > this.#maxFingerprints) this.#full(`${this.#maxFingerprints} live fingerprints`);
    for (const fingerprint of fingerprints) this.#evidence.add(fingerprint, now + ttlSeconds * 1000);
    return true;
  }

  #sweepNonces(now: number): void {
    if (now < this.#nextExpiry) return;
    let nextExpiry = Infinity;
    for (const [nonce, expiry] of this.#expiries) {
      if (expiry <= now) this.#expiries.delete(nonce);
      else nextExpiry = Math.min(nextExpiry, expiry);
    }
    this.#nextExpiry = nextExpiry;
  }

  #full(what: string): never {
    const message = `MemoryNonceStore is full (${what}): tokens are refused until records expire; raise its limits or use RedisNonceStore`;
    if (!this.#warned) process.emitWarning(message, { code: 'FACE_LIVENESS_STORE_FULL' });
    this.#warned = true;
    throw new StoreFullError(message);
  }
}
