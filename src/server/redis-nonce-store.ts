import { checkConsumeArguments, type NonceStore } from './nonce-store.js';

/**
 * The one method {@link RedisNonceStore} needs: node-redis v4 and later (`createClient()`) have it as it is. For
 * ioredis: `{ sendCommand: ([command, ...args]) => redis.call(command, ...args) }`.
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisNonceStoreOptions {
  /** Prefix of the keys the nonces are kept under. Default: `'face-liveness:nonce:'`. */
  prefix?: string;
}

/**
 * A {@link NonceStore} in Redis, shared by every server instance: `SET key 1 NX EX ttl` makes the first consume
 * of a nonce win atomically, and Redis drops the key when it expires. The client is yours: connect it before use
 * and close it at shutdown. A Redis error rejects `consume` (and so `verifyToken`): no token passes unchecked.
 */
export class RedisNonceStore implements NonceStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;

  constructor(client: RedisCommandClient, { prefix = 'face-liveness:nonce:' }: RedisNonceStoreOptions = {}) {
    if (typeof client?.sendCommand !== 'function') {
      throw new TypeError('RedisNonceStore: client must have sendCommand(args), as node-redis clients do');
    }
    if (typeof prefix !== 'string') throw new TypeError('RedisNonceStore: prefix must be a string');
    this.#client = client;
    this.#prefix = prefix;
  }

  async consume(nonce: string, ttlSeconds: number): Promise<boolean> {
    checkConsumeArguments(nonce, ttlSeconds);
    const key = this.#prefix + nonce;
    // EX takes whole seconds: round up so that a record never expires early.
    const reply = await this.#client.sendCommand(['SET', key, '1', 'NX', 'EX', String(Math.ceil(ttlSeconds))]);
    if (reply === 'OK') return true;
    if (reply === null) return false;
    throw new Error(`RedisNonceStore: unexpected reply to SET NX: ${String(reply)}`);
  }
}
