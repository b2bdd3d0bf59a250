import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { ACTIONS, isAction, type Action, type Challenge } from '../core/challenge.js';
import { decodeCanonical } from './encoding.js';

/** The server's HMAC key: a string of at least 32 characters or at least 32 bytes, the same for every instance. */
export type Secret = string | Uint8Array;

const MIN_SECRET_LENGTH = 32;
const NONCE_BYTES = 32;
/** Names what the mac is for, so a mac made with the same secret for anything else never matches a challenge. */
const MAC_CONTEXT = 'face-liveness/challenge/v1';

export interface CreateChallengeOptions {
  /** HMAC key; `verifyToken` needs the same one. E.g. `randomBytes(32).toString('base64url')`, kept in config. */
  secret: Secret;
  /** Pool the actions are drawn from, without repeats. Default: all of `ACTIONS`. */
  actions?: readonly Action[];
  /** How many actions the person performs, 1 to the pool's size. Default: 2. */
  count?: number;
  /** Seconds the challenge stays valid, a positive integer. Default: 300. */
  ttlSeconds?: number;
}

/** A real random secret of 32 bytes has about 28 distinct byte values; a pattern or a word repeated has few. */
const MIN_DISTINCT_BYTES = 16;
const HOW_TO_MAKE_ONE = `make one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`;

/**
 * Throws a TypeError unless `secret` is a {@link Secret} long enough to key an HMAC and not an obvious pattern
 * (fewer than 16 distinct byte values, such as 32 × "a" or a word repeated), saying how to make a good one.
 */
export function checkSecret(secret: unknown, caller: string): asserts secret is Secret {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret instanceof Uint8Array ? secret : null;
  const long = bytes !== null && (secret as Secret).length >= MIN_SECRET_LENGTH;
  if (!long) {
    throw new TypeError(
      `${caller}: secret must be a string of at least ${MIN_SECRET_LENGTH} characters or ${MIN_SECRET_LENGTH} bytes; ${HOW_TO_MAKE_ONE}`,
    );
  }
  if (new Set(bytes).size < MIN_DISTINCT_BYTES) {
    throw new TypeError(`${caller}: secret has fewer than ${MIN_DISTINCT_BYTES} distinct bytes, too easy to guess; ${HOW_TO_MAKE_ONE}`);
  }
}

/**
 * A new challenge: `count` actions drawn from the pool in random order (node:crypto's unbiased `randomInt`), a
 * 256-bit nonce, and a mac over the other fields so that `verifyToken` recognises it without storing it.
 * Throws a TypeError for invalid options.
 */
export function createChallenge(options: CreateChallengeOptions): Challenge {
  const { secret, pool, count, ttlSeconds } = validateChallengeOptions(options);
  const issuedAt = Math.floor(Date.now() / 1000);
  const challenge = {
    id: randomUUID(),
    nonce: randomBytes(NONCE_BYTES).toString('base64url'),
    actions: drawWithoutRepeats(pool, count),
    issuedAt,
    expiresAt: issuedAt + ttlSeconds,
  };
  return { ...challenge, mac: challengeMac(challenge, secret) };
}

function validateChallengeOptions(options: CreateChallengeOptions) {
  checkSecret(options?.secret, 'createChallenge');
  const pool = options.actions ?? ACTIONS;
  if (!Array.isArray(pool) || pool.length === 0 || !pool.every(isAction) || new Set(pool).size !== pool.length) {
    throw new TypeError(`createChallenge: actions must be distinct names from ${ACTIONS.join(', ')}`);
  }
  const count = options.count ?? 2;
  if (!Number.isInteger(count) || count < 1 || count > pool.length) {
    throw new TypeError(`createChallenge: count must be an integer from 1 to ${pool.length} (the pool's size)`);
  }
  const ttlSeconds = options.ttlSeconds ?? 300;
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new TypeError('createChallenge: ttlSeconds must be a positive integer');
  }
  return { secret: options.secret, pool: pool as readonly Action[], count, ttlSeconds };
}

/** A partial Fisher–Yates shuffle: `count` distinct items, every order equally likely. */
function drawWithoutRepeats<T>(pool: readonly T[], count: number): T[] {
  const items = [...pool];
  for (let i = 0; i < count; i++) {
    const j = randomInt(i, items.length);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items.slice(0, count);
}

/**
 * HMAC-SHA256 (base64url) over the challenge's fields as a JSON array: quoting and fixed positions make the
 * serialisation unambiguous, so no two different challenges share an input.
 */
export function challengeMac(challenge: Omit<Challenge, 'mac'>, secret: Secret): string {
  return macBytes(challenge, secret).toString('base64url');
}

function macBytes({ id, nonce, actions, issuedAt, expiresAt }: Omit<Challenge, 'mac'>, secret: Secret): Buffer {
  const input = JSON.stringify([MAC_CONTEXT, id, nonce, actions, issuedAt, expiresAt]);
  return createHmac('sha256', secret).update(input).digest();
}

/** Whether `challenge.mac` is this server's mac of it, compared in constant time. */
export function hasValidMac(challenge: Challenge, secret: Secret): boolean {
  const given = typeof challenge.mac === 'string' ? decodeCanonical(challenge.mac, 'base64url') : null;
  const expected = macBytes(challenge, secret);
  return given !== null && given.length === expected.length && timingSafeEqual(given, expected);
}
