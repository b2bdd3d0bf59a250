// The demo: `npm start` builds, then serves the demo page at /, the SDK (dist/) at /face-liveness/ and
// the liveness API (POST /api/liveness/challenge, /api/liveness/verify) from face-liveness/server, on
// 127.0.0.1 only unless HOST says otherwise. No request leaves this machine.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT || 8000);
const ROUTES = [
  ['/face-liveness/', resolve('dist')],
  ['/', resolve('demo/public')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
};

/**
 * The policy a portal needs for the SDK: workers from its own origin, and 'wasm-unsafe-eval' for the
 * WASM backend (without it tfjs silently cannot start WASM and the worker falls back to WebGL or CPU).
 * It is sent with every response, the worker script's included, because a worker runs under the
 * policy of its own script's response.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
].join('; ');

function resolveFile(pathname) {
  for (const [prefix, dir] of ROUTES) {
    if (!pathname.startsWith(prefix)) continue;
    let file = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
    if (!file.startsWith(dir)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    return existsSync(file) ? file : null;
  }
  return null;
}

if (!existsSync('dist/face-liveness.js') || !existsSync('dist/server.js')) {
  console.error('dist/ is missing: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
// Imported once dist/ is known to exist: the API uses the built face-liveness/server.
const { createLivenessApi, demoSecret } = await import('./api.mjs');
// FACE_LIVENESS_ACTIONS (e.g. "blink mouth-open") and FACE_LIVENESS_ACTION_COUNT choose what challenges ask for.
const liveness = createLivenessApi({
  secret: demoSecret(),
  actions: process.env.FACE_LIVENESS_ACTIONS?.split(/\s+/).filter(Boolean),
  count: Number(process.env.FACE_LIVENESS_ACTION_COUNT) || undefined,
});

const server = createServer(async (request, response) => {
  if (await liveness(request, response)) return;
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, headers).end();
    return;
  }
  const file = resolveFile(pathname);
  if (!file) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
});

server.listen(PORT, HOST, () => {
  console.log(`face-liveness demo: http://${HOST}:${PORT}/  (Ctrl+C to stop)`);
});
