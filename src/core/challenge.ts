/** Actions a person can be asked to perform. "Left" and "right" are the person's own. */
export const ACTIONS = ['blink', 'mouth-open', 'turn-left', 'turn-right', 'nod'] as const;

export type Action = (typeof ACTIONS)[number];

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** What the host's server issues for one check (or the element makes itself in local mode). */
export interface Challenge {
  id: string;
  /** Single-use random value; the server consumes it when it verifies the token. */
  nonce: string;
  /** Actions to perform, in this order. */
  actions: Action[];
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Seconds since the epoch; the check must finish before. */
  expiresAt: number;
  /** The server's HMAC over the other fields, so it can recognise its own challenge without storing it. */
  mac?: string;
}

/**
 * A challenge made in the browser when the host gave no `challenge-url` (local mode): `count` actions
 * from `pool` in random order, without repeats. `randomInt(n)` must return a uniform integer in
 * [0, n) from a cryptographic source; `nonce` and `id` come from the caller for the same reason.
 * It has no `mac`, so a server recognises it as local and cannot accept it as its own.
 */
export function localChallenge(options: {
  pool: readonly Action[];
  count: number;
  randomInt: (below: number) => number;
  id: string;
  nonce: string;
  nowSeconds: number;
  ttlSeconds?: number;
}): Challenge {
  const pool = [...new Set(options.pool)];
  if (pool.length === 0 || !pool.every(isAction)) throw new TypeError('the action pool must hold known actions');
  const count = Math.min(Math.max(1, Math.floor(options.count)), pool.length);
  // Fisher–Yates on the pool; the first `count` are the challenge.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = options.randomInt(i + 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return {
    id: options.id,
    nonce: options.nonce,
    actions: pool.slice(0, count),
    issuedAt: options.nowSeconds,
    expiresAt: options.nowSeconds + (options.ttlSeconds ?? 600),
  };
}

/** Whether `value` has the shape of a {@link Challenge} (as a host's endpoint must answer). */
export function isChallenge(value: unknown): value is Challenge {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.nonce === 'string' &&
    c.nonce.length >= 16 &&
    Array.isArray(c.actions) &&
    c.actions.length > 0 &&
    c.actions.every(isAction) &&
    Number.isFinite(c.issuedAt) &&
    Number.isFinite(c.expiresAt) &&
    (c.mac === undefined || typeof c.mac === 'string')
  );
}
