import { ACTIONS, isAction, isChallenge, localChallenge, type Action, type Challenge } from '../core/challenge.js';
import { FaceLivenessError } from '../core/errors.js';

/** How long the host's challenge endpoint may take before `timeout`. */
export const CHALLENGE_TIMEOUT_MS = 15_000;

/**
 * Asks the host's server for a challenge: POST with a JSON body `{}`, same-origin credentials.
 * @throws FaceLivenessError `challenge-failed` (retryable) for a network error, a non-2xx answer or an
 * answer that is not a challenge; `timeout` (retryable) after {@link CHALLENGE_TIMEOUT_MS} without an
 * answer; `aborted` when `signal` aborts.
 */
export async function fetchChallenge(url: string, signal: AbortSignal): Promise<Challenge> {
  // The caller's signal or the time limit, whichever comes first (AbortSignal.any is too new for old web-views).
  const request = new AbortController();
  const abort = () => request.abort();
  let timedOut = false;
  signal.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, CHALLENGE_TIMEOUT_MS);
  const failed = (error: unknown) => {
    if (signal.aborted) return new FaceLivenessError('aborted', 'The check was stopped', { cause: error });
    if (timedOut) return new FaceLivenessError('timeout', `The challenge endpoint did not answer in ${CHALLENGE_TIMEOUT_MS / 1000} s`, { cause: error });
    return new FaceLivenessError('challenge-failed', `The challenge endpoint could not be reached: ${String(error)}`, { cause: error });
  };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{}',
      credentials: 'same-origin',
      signal: request.signal,
    }).catch((error: unknown) => Promise.reject(failed(error)));
    if (!response.ok) throw new FaceLivenessError('challenge-failed', `The challenge endpoint answered HTTP ${response.status}`);
    // The time limit covers the body too: an answer whose body never ends is no answer.
    const text = await response.text().catch((error: unknown) => Promise.reject(failed(error)));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isChallenge(body)) throw new FaceLivenessError('challenge-failed', 'The challenge endpoint did not answer a challenge');
    return body;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

function randomInt(below: number): number {
  // Rejection sampling: no modulo bias.
  const limit = Math.floor(0x1_0000_0000 / below) * below;
  const value = new Uint32Array(1);
  do crypto.getRandomValues(value);
  while (value[0]! >= limit);
  return value[0]! % below;
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Local mode: the element makes its own challenge (no server can accept it as its own). */
export function makeLocalChallenge(pool: readonly Action[], count: number): Challenge {
  return localChallenge({ pool, count, randomInt, id: randomId(), nonce: randomId(), nowSeconds: Math.floor(Date.now() / 1000) });
}

/**
 * The `performance.now()` by which a check on `challenge` must end. A challenge just issued (fetched now, or
 * made locally) is good for its own lifetime from now, whatever the device's clock says: a phone whose clock
 * is minutes off must not see every challenge as expired. One the host handed over may be old, so its
 * `expiresAt` is read against the device's clock.
 */
export function challengeDeadline(challenge: Challenge, age: 'fresh' | 'given'): number {
  const seconds = age === 'fresh' ? challenge.expiresAt - challenge.issuedAt : challenge.expiresAt - Date.now() / 1000;
  return performance.now() + seconds * 1000;
}

/** A challenge and the `performance.now()` by which its check must end. */
export interface IssuedChallenge {
  challenge: Challenge;
  deadline: number;
}

/**
 * The check's challenge: the one the host gave (`challenge`), else one from `challengeUrl`, else a local one
 * from the `actions` pool (all actions if it names none).
 */
export async function obtainChallenge(
  source: { challenge: Challenge | undefined; challengeUrl: string | undefined; actions: string; actionCount: number },
  signal: AbortSignal,
): Promise<IssuedChallenge> {
  if (source.challenge) return { challenge: source.challenge, deadline: challengeDeadline(source.challenge, 'given') };
  let challenge: Challenge;
  if (source.challengeUrl) challenge = await fetchChallenge(new URL(source.challengeUrl, document.baseURI).href, signal);
  else {
    const pool = source.actions.split(/\s+/).filter(isAction);
    challenge = makeLocalChallenge(pool.length ? pool : ACTIONS, source.actionCount);
  }
  return { challenge, deadline: challengeDeadline(challenge, 'fresh') };
}
