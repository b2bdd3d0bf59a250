// The portal's own side of a face check, shared by the three server examples (express.mjs, fastify.mjs,
// node-http.mjs), which do only the HTTP wiring: where the package's files are, the secret, the body limits,
// who is being checked, and the records the portal keeps of each attempt.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createChallenge } from 'face-liveness/server';

/** The installed package's dist/: serve it as it is (the element, its worker, the models and WASM binaries). */
export const DIST_DIR = join(dirname(createRequire(import.meta.url).resolve('face-liveness/package.json')), 'dist');

/** A challenge request is `{}`. */
export const CHALLENGE_BODY_LIMIT = 1024;
/** A token carries a few JPEG frames: verifyToken refuses one over 2 MiB, so the body stays under 3 MB. */
export const VERIFY_BODY_LIMIT = 3 * 1024 * 1024;

const HOW_TO_MAKE_ONE = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))"`;

/**
 * FACE_LIVENESS_SECRET, checked at start-up: when it is missing or too weak for createChallenge, the process
 * says why and exits, instead of answering every check with an error. Use the same secret on every instance.
 */
export function secretFromEnvironment() {
  const secret = process.env.FACE_LIVENESS_SECRET;
  if (!secret) {
    console.error(`FACE_LIVENESS_SECRET is not set: give every instance the same random secret, made with\n  ${HOW_TO_MAKE_ONE}`);
    process.exit(1);
  }
  try {
    createChallenge({ secret }); // a TypeError that says what is wrong with the secret
  } catch (error) {
    console.error(`FACE_LIVENESS_SECRET is unusable: ${error.message}`);
    process.exit(1);
  }
  return secret;
}

/** The token from a JSON body `{ token }`, or from a form posted with the element's default name. */
export function tokenOf(body) {
  return body?.token ?? body?.['face-liveness-token'];
}

const ERRORS = { 400: 'invalid-json', 404: 'not-found', 405: 'method-not-allowed', 413: 'payload-too-large', 415: 'unsupported-media-type' };

/** The JSON body of an error answer: a stable code, never a stack trace or an HTML page. */
export function errorBody(status) {
  return { error: ERRORS[status] ?? (status >= 500 ? 'internal-error' : 'bad-request') };
}

/**
 * Who is being checked. A portal takes this from its login session; these examples have none, so they take
 * the `X-Account-Id` header. Never trust a client's word for it in production.
 */
export function accountOf(headers) {
  const account = headers['x-account-id'];
  return typeof account === 'string' && account !== '' ? account : 'anonymous';
}

/** Failed checks in a row after which the person is sent to manual review, as the pension offices do. */
export const FAILURES_BEFORE_REVIEW = 3;
/** Each account's attempts. A portal keeps them in its database, under its retention rules. */
const attempts = new Map();

/**
 * The portal's record of one verification: when, the outcome and its codes, and what the claims say (the
 * challenge, the mode, the actions with their times and metrics, the SDK version), but not the evidence frames,
 * which are biometric data. Returns how many checks in a row have failed, and whether the person now goes to
 * manual review.
 */
export async function recordAttempt(account, { success, errorCodes, claims }) {
  const history = attempts.get(account) ?? [];
  history.push({
    at: new Date().toISOString(),
    success,
    errorCodes,
    challengeId: claims?.challenge.id ?? null,
    mode: claims?.mode ?? null,
    actions: claims?.result.actions ?? [],
    sdk: claims?.sdk ?? null,
  });
  attempts.set(account, history);
  const lastSuccess = history.findLastIndex((attempt) => attempt.success);
  const failuresInARow = history.length - 1 - lastSuccess;
  return { failuresInARow, manualReview: failuresInARow >= FAILURES_BEFORE_REVIEW };
}
