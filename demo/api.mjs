// The demo's liveness endpoints: what a portal's own server does with face-liveness/server, in plain Node.
//   POST /api/liveness/challenge  {}          → a Challenge for <face-liveness challenge-url="/api/liveness/challenge">
//   POST /api/liveness/verify     { token }   → { success, errorCodes, claims (without the images), evidenceCount }
// Same origin only: no CORS headers, and JSON bodies only, so other sites' pages cannot post here unnoticed.
import { randomBytes } from 'node:crypto';
import { ACTIONS, createChallenge, verifyToken } from '../dist/server.js';

const CHALLENGE_PATH = '/api/liveness/challenge';
const VERIFY_PATH = '/api/liveness/verify';
/** Largest request body per endpoint, in bytes: a challenge request is `{}`; a token is at most 2 MiB. */
const BODY_LIMITS = new Map([
  [CHALLENGE_PATH, 1024],
  [VERIFY_PATH, 3 * 1024 * 1024],
]);
const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The HMAC secret for the demo: `FACE_LIVENESS_SECRET` from the environment, else a random one made now, with a
 * notice, since challenges then stop verifying when the process restarts and each instance has its own.
 * @returns {string}
 */
export function demoSecret() {
  const configured = process.env.FACE_LIVENESS_SECRET;
  if (configured) return configured;
  console.warn(
    'face-liveness demo: FACE_LIVENESS_SECRET is not set; using a random development secret for this process only.',
  );
  return randomBytes(32).toString('base64url');
}

/**
 * A request handler for Node's http server that serves the two liveness endpoints.
 * @param {{ secret: string | Uint8Array, store?: import('face-liveness/server').NonceStore, actions?: string[], count?: number, analyzer?: import('face-liveness/server').Analyzer | false }} options
 *   `actions`, `count`: the pool and number of actions each challenge asks for (createChallenge's defaults: all five, 2).
 *   `secret`: the challenges' HMAC key (at least 32 characters or bytes); `store`: where used nonces are kept
 *   (default: verifyToken's process-wide memory store); `analyzer`: what judges the evidence (default:
 *   verifyToken's process-wide analyzer; `false` only for load tests: a success then proves nothing about a face).
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<boolean>}
 *   resolves true when it answered the request, false when the path is not one of its own.
 */
export function createLivenessApi({ secret, store, actions, count, analyzer }) {
  const challengeOptions = { secret, ...(actions ? { actions } : {}), ...(count ? { count } : {}) };
  createChallenge(challengeOptions); // fails now, with a TypeError, if the secret or the actions are unusable
  return async function handleLiveness(request, response) {
    const pathname = pathOf(request);
    const limit = BODY_LIMITS.get(pathname);
    if (limit === undefined) return false;
    try {
      if (request.method !== 'POST') return send(response, 405, { error: 'method-not-allowed' }, { Allow: 'POST' });
      if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
        return send(response, 415, { error: 'unsupported-media-type' });
      }
      const body = await readBody(request, limit);
      if (body === null) return send(response, 413, { error: 'payload-too-large' }, { Connection: 'close' });
      const fields = parseObject(body);
      if (fields === null) return send(response, 400, { error: 'invalid-json' });
      if (pathname === CHALLENGE_PATH) return send(response, 200, createChallenge(testerChoice(request, challengeOptions)));
      const options = { secret, ...(store ? { store } : {}), ...(analyzer !== undefined ? { analyzer } : {}) };
      return send(response, 200, withoutImages(await verifyToken(fields.token, options)));
    } catch (error) {
      console.error('face-liveness demo:', error);
      return send(response, 500, { error: 'internal-error' });
    }
  };
}

/**
 * The demo lets its tester narrow the actions (`?actions=blink,nod&count=1`), so a clip that only blinks
 * can be used; only actions of the server's own pool are taken. A portal's server decides alone.
 */
function testerChoice(request, options) {
  const query = new URLSearchParams((request.url ?? '').split('?')[1]?.split('#')[0] ?? '');
  const pool = options.actions ?? ACTIONS;
  const chosen = (query.get('actions') ?? '').split(',').filter((action) => pool.includes(action));
  if (chosen.length === 0) return options;
  const count = Math.min(chosen.length, Math.max(1, Number.parseInt(query.get('count') ?? '', 10) || options.count || 2));
  return { ...options, actions: chosen, count };
}

/** The path of a request's target, without its query: never throws, whatever the target (`//`, `%`, ...). */
export function pathOf(request) {
  return (request.url ?? '/').split(/[?#]/, 1)[0];
}

/** The body, or null once it exceeds `limit` bytes (the rest is discarded unread). */
function readBody(request, limit) {
  if (Number(request.headers['content-length']) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Stop buffering but keep the socket: the 413 still has to reach the client.
      request.removeAllListeners('data');
      request.resume();
      resolve(null);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A JSON object from the body, or null. */
function parseObject(body) {
  try {
    const value = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The verification result for the page, without the evidence JPEGs: they need not travel back. */
function withoutImages({ claims, ...result }) {
  if (claims === undefined) return { ...result, evidenceCount: 0 };
  const { evidence, ...rest } = claims;
  return { ...result, claims: rest, evidenceCount: 1 + evidence.actions.reduce((sum, burst) => sum + burst.frames.length, 0) };
}

/**
 * Answers once: the body is serialised before anything is written, so a body that cannot be serialised becomes
 * a 500 rather than a second answer, and a response already under way is cut rather than written twice.
 */
export function send(response, status, body, headers = {}) {
  if (response.headersSent) {
    response.destroy();
    return true;
  }
  let text;
  try {
    text = JSON.stringify(body);
  } catch {
    [status, text, headers] = [500, JSON.stringify({ error: 'internal-error' }), {}];
  }
  response.writeHead(status, { ...HEADERS, ...headers }).end(text);
  return true;
}
