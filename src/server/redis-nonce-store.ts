import { fingerprintBands, checkEvidenceArguments } from './evidence-index.js';
import { checkConsumeArguments, type NonceStore } from './nonce-store.js';

/**
 * The one method {@link RedisNonceStore} needs: node-redis v4 and later (`createClient()`) have it as it is. For
 * ioredis: `{ sendCommand: ([command, ...args]) => redis.call(command, ...args) }`.
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisNonceStoreOptions {
  /** Prefix of the keys the nonces and fingerprints are kept under. Default: `'face-liveness:nonce:'`. */
  prefix?: string;
  /**
   * A command not answered within this many milliseconds rejects, so that `verifyToken` fails closed with
   * `store-unavailable` instead of waiting (node-redis queues commands while it reconnects). Default: 2000.
   */
  timeoutMs?: number;
}

/**
 * Looks up every band of every fingerprint (`KEYS`, 16 per fingerprint, sorted sets of fingerprints scored by
 * expiry), dropping expired members on the way; records them all only when fewer than the minimum match.
 * ARGV: now (ms), expiry (ms), max distance, min matches, then the fingerprints.
 */
const RECORD_EVIDENCE = `
local now, expiry, maxDistance, minMatches = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local bits = {[0]=0,1,1,2,1,2,2,3,1,2,2,3,2,3,3,4}
local function near(a, b)
  local d = 0
  for i = 1, #a do
    d = d + bits[bit.bxor(tonumber(a:sub(i, i), 16), tonumber(b:sub(i, i), 16))]
    if d > maxDistance then return false end
  end
  return true
end
local count = #ARGV - 4
local function seen(fingerprint, first)
  for band = 1, 16 do
    local key = KEYS[first + band]
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    for _, other in ipairs(redis.call('ZRANGE', key, 0, -1)) do
      if near(fingerprint, other) then return true end
    end
  end
  return false
end
local matches = 0
for i = 1, count do
  if seen(ARGV[4 + i], (i - 1) * 16) then matches = matches + 1 end
end
if matches >= minMatches then return 0 end
for i = 1, count do
  for band = 1, 16 do
    local key = KEYS[(i - 1) * 16 + band]
    redis.call('ZADD', key, expiry, ARGV[4 + i])
    redis.call('PEXPIREAT', key, expiry)
  end
end
return 1`;

/**
 * A {@link NonceStore} in Redis, shared by every server instance: `SET key 1 NX EX ttl` makes the first consume
 * of a nonce win atomically, and Redis drops the key when it expires; evidence fingerprints are checked and
 * recorded by one Lua script, atomically too. The client is yours: connect it before use and close it at
 * shutdown. A Redis error or a command unanswered within `timeoutMs` rejects, and `verifyToken` fails closed.
 */
export class RedisNonceStore implements NonceStore {
  readonly #client: RedisCommandClient;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(client: RedisCommandClient, { prefix = 'face-liveness:nonce:', timeoutMs = 2000 }: RedisNonceStoreOptions = {}) {
    if (typeof client?.sendCommand !== 'function') {
      throw new TypeError('RedisNonceStore: client must have sendCommand(args), as node-redis clients do');
    }
    if (typeof prefix !== 'string') throw new TypeError('RedisNonceStore: prefix must be a string');
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new TypeError('RedisNonceStore: timeoutMs must be a positive integer');
    this.#client = client;
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
  }

  async consume(nonce: string, ttlSeconds: number): Promise<boolean> {
    checkConsumeArguments(nonce, ttlSeconds);
    const key = this.#prefix + nonce;
    // EX takes whole seconds: round up so that a record never expires early.
    const reply = await this.#send(['SET', key, '1', 'NX', 'EX', String(Math.ceil(ttlSeconds))]);
    if (reply === 'OK') return true;
    if (reply === null) return false;
    throw new Error(`RedisNonceStore: unexpected reply to SET NX: ${String(reply)}`);
  }

  async recordEvidence(fingerprints: readonly string[], ttlSeconds: number, maxDistance: number, minMatches: number): Promise<boolean> {
    checkEvidenceArguments(fingerprints, ttlSeconds, maxDistance, minMatches);
    if (fingerprints.length === 0) return true;
    const keys = fingerprints.flatMap((fingerprint) => fingerprintBands(fingerprint).map((band) => `${this.#prefix}evidence:${band}`));
    const now = Date.now();
    const args = [String(now), String(now + Math.ceil(ttlSeconds * 1000)), String(maxDistance), String(minMatches), ...fingerprints];
    const reply = await this.#send(['EVAL', RECORD_EVIDENCE, String(keys.length), ...keys, ...args]);
    if (reply === 1 || reply === 0) return reply === 1;
    throw new Error(`RedisNonceStore: unexpected reply to the evidence script: ${String(reply)}`);
  }

  #send(args: string[]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // setImmediate: after a busy stretch of the event loop, timers run before sockets are read, so a reply
      // that has arrived would lose to the timer; the check phase comes after the poll that reads it.
      const expire = () => reject(new Error(`RedisNonceStore: no answer from Redis within ${this.#timeoutMs} ms`));
      timer = setTimeout(() => setImmediate(expire), this.#timeoutMs);
    });
    return Promise.race([this.#client.sendCommand(args), timeout]).finally(() => clearTimeout(timer));
  }
}
