// face-liveness with Node's own http server: FACE_LIVENESS_SECRET=… node node-http.mjs (PORT, HOST: where it
// listens). serve-static and raw-body (both from the Express project) serve dist/ and read bounded bodies.
//   GET  /face-liveness/…            the package's dist/ (<script type="module" src="/face-liveness/face-liveness.js">)
//   POST /api/liveness/challenge {}  a challenge for <face-liveness challenge-url="/api/liveness/challenge">
//   POST /api/liveness/verify        { token } (or the form value) → { success, errorCodes, manualReview }
import { createServer } from 'node:http';
import getRawBody from 'raw-body';
import serveStatic from 'serve-static';
import { createAnalyzer, createChallenge, verifyToken } from 'face-liveness/server';
import { accountOf, CHALLENGE_BODY_LIMIT, DIST_DIR, errorBody, recordAttempt, secretFromEnvironment, tokenOf, VERIFY_BODY_LIMIT } from './host.mjs';

const secret = secretFromEnvironment();
// Loaded now, so that a missing model fails the start, not the first check.
const analyzer = await createAnalyzer();
const serveDist = serveStatic(DIST_DIR, { index: false });
const LIMITS = { '/api/liveness/challenge': CHALLENGE_BODY_LIMIT, '/api/liveness/verify': VERIFY_BODY_LIMIT };

function sendJson(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

/** The body as an object: JSON, or a form's fields. Throws with `status` 400, 413 or 415 when it is neither. */
async function readBody(request, limit) {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') throw Object.assign(new Error(type), { status: 415 });
  // 413 past the limit, at once when the declared length is over it.
  const text = await getRawBody(request, { limit, length: request.headers['content-length'], encoding: 'utf8' });
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('not JSON'), { status: 400 });
  }
}

async function handle(request, response) {
  const { pathname } = new URL(request.url, 'http://host');
  const limit = LIMITS[pathname];
  if (limit === undefined) {
    // serve-static answers GET and HEAD under /face-liveness/ and calls back for anything it does not serve.
    if (!pathname.startsWith('/face-liveness/')) return sendJson(response, 404, errorBody(404));
    request.url = request.url.slice('/face-liveness'.length);
    return serveDist(request, response, (error) => sendJson(response, error?.status ?? 404, errorBody(error?.status ?? 404)));
  }
  if (request.method !== 'POST') return sendJson(response, 405, errorBody(405));
  const body = await readBody(request, limit);
  if (pathname === '/api/liveness/challenge') return sendJson(response, 200, createChallenge({ secret }));
  const result = await verifyToken(tokenOf(body), { secret, analyzer });
  const { manualReview } = await recordAttempt(accountOf(request.headers), result);
  sendJson(response, result.success ? 200 : 422, { success: result.success, errorCodes: result.errorCodes, manualReview });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error) => {
    const status = error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) console.error(error);
    if (response.headersSent) return response.destroy();
    // After a refused body, close the connection rather than read the rest of it.
    if (status === 413) response.setHeader('Connection', 'close');
    sendJson(response, status, errorBody(status));
  });
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`face-liveness with node:http: http://${address}:${port}/`);
});
