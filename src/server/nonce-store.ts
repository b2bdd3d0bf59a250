/**
 * Remembers which challenge nonces were used. `verifyToken` calls `consume` once per genuine, unexpired token;
 * a nonce it has seen before within `ttlSeconds` makes the token `nonce-replayed`.
 */
export interface NonceStore {
  /**
   * Records `nonce` for `ttlSeconds`. Resolves `true` only the first time: atomically, so that of any number of
   * concurrent calls for one nonce, across every server instance that shares the store, exactly one wins.
   */
  consume(nonce: string, ttlSeconds: number): Promise<boolean>;
}

/** Throws a TypeError unless the arguments are what {@link NonceStore.consume} accepts. */
export function checkConsumeArguments(nonce: unknown, ttlSeconds: unknown): void {
  if (typeof nonce !== 'string' || nonce === '') throw new TypeError('consume: nonce must be a non-empty string');
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError('consume: ttlSeconds must be a positive number');
  }
}

export interface MemoryNonceStoreOptions {
  /** The most nonces kept; when full, expired ones go first, then the oldest. Default: 100 000. */
  maxEntries?: number;
}

/**
 * An in-process {@link NonceStore}: right for a single server process (and the default of `verifyToken`). Several
 * instances behind a load balancer need a shared store such as {@link RedisNonceStore}.
 *
 * Bounded: once `maxEntries` nonces are held, a new one evicts the expired ones, else the oldest, so a flood of
 * genuine challenges can push out a used nonce before it expires; rate-limit the challenge endpoint.
 */
export class MemoryNonceStore implements NonceStore {
  /** Nonce → when its record expires (ms since the epoch), in insertion order: oldest first. */
  readonly #expiries = new Map<string, number>();
  readonly #maxEntries: number;
  /** No record expires before this, so a full store need not sweep until then. */
  #nextExpiry = Infinity;

  constructor({ maxEntries = 100_000 }: MemoryNonceStoreOptions = {}) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('MemoryNonceStore: maxEntries must be a positive integer');
    }
    this.#maxEntries = maxEntries;
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
    this.#expiries.delete(nonce); // an expired record comes back as the newest
    if (this.#expiries.size >= this.#maxEntries) this.#makeRoom(now);
    const newExpiry = now + ttlSeconds * 1000;
    this.#expiries.set(nonce, newExpiry);
    this.#nextExpiry = Math.min(this.#nextExpiry, newExpiry);
    return true;
  }

  #makeRoom(now: number): void {
    if (now >= this.#nextExpiry) {
      let nextExpiry = Infinity;
      for (const [nonce, expiry] of this.#expiries) {
        if (expiry <= now) this.#expiries.delete(nonce);
        else nextExpiry = Math.min(nextExpiry, expiry);
      }
      this.#nextExpiry = nextExpiry;
    }
    if (this.#expiries.size >= this.#maxEntries) {
      const oldest = this.#expiries.keys().next().value!;
      this.#expiries.delete(oldest);
    }
  }
}
