// The demo: `npm start` builds, then serves the demo page at /, the SDK (dist/) at /face-liveness/, the
// framework examples (demo/examples/) at /examples/ and the liveness API (POST /api/liveness/challenge,
// /api/liveness/verify) from face-liveness/server, on 127.0.0.1 only unless HOST says otherwise. No request
// leaves this machine.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative, isAbsolute, resolve } from 'node:path';

const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT || 8000);
const ROUTES = [
  ['/face-liveness/', resolve('dist')],
  ['/examples/', resolve('demo/examples')],
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

/** Whether `file` lies inside `dir`, judged by whole path segments (so /dist-old is not inside /dist). */
function isInside(dir, file) {
  const path = relative(dir, file);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** The file a path names, null when none, or undefined when the path is malformed (bad percent-encoding, NUL). */
function resolveFile(pathname) {
  for (const [prefix, dir] of ROUTES) {
    if (!pathname.startsWith(prefix)) continue;
    let name;
    try {
      name = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return undefined;
    }
    if (name.includes('\0')) return undefined;
    let file = resolve(dir, `.${name.startsWith('/') ? '' : '/'}${name}`);
    if (!isInside(dir, file)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }
  return null;
}

if (!existsSync('dist/face-liveness.js') || !existsSync('dist/server.js')) {
  console.error('dist/ is missing: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
// Imported once dist/ is known to exist: the API uses the built face-liveness/server.
const { createLivenessApi, demoSecret, pathOf, send } = await import('./api.mjs');
const { createAnalyzer, RedisNonceStore } = await import('../dist/server.js');

/**
 * REDIS_URL: share used nonces and evidence fingerprints through Redis (several demo processes behind one port).
 * FACE_LIVENESS_ANALYZER=off: no analysis of the frames (load tests only: a success then proves nothing).
 */
async function storeFromEnvironment() {
  if (!process.env.REDIS_URL) return undefined;
  const { createClient } = await import('redis');
  const client = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
  client.on('error', (error) => console.error('face-liveness demo: redis:', error.message));
  await client.connect();
  return new RedisNonceStore(client);
}

async function analyzerFromEnvironment() {
  if (process.env.FACE_LIVENESS_ANALYZER === 'off') {
    console.warn('face-liveness demo: FACE_LIVENESS_ANALYZER=off: evidence is NOT analysed; a success proves nothing about a face.');
    return false;
  }
  // Loaded now, so that missing models stop the demo at start-up instead of failing the first check.
  return createAnalyzer({ threads: Number(process.env.FACE_LIVENESS_ANALYZER_THREADS) || 0 });
}

// FACE_LIVENESS_ACTIONS (e.g. "blink mouth-open") and FACE_LIVENESS_ACTION_COUNT choose what challenges ask for.
const liveness = createLivenessApi({
  secret: demoSecret(),
  actions: process.env.FACE_LIVENESS_ACTIONS?.split(/\s+/).filter(Boolean),
  count: Number(process.env.FACE_LIVENESS_ACTION_COUNT) || undefined,
  store: await storeFromEnvironment(),
  analyzer: await analyzerFromEnvironment(),
});

const HEADERS = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

async function handle(request, response) {
  if (await liveness(request, response)) return;
  request.resume(); // the static files take no body
  const pathname = pathOf(request);
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { error: 'method-not-allowed' }, { Allow: 'GET, HEAD' });
  const file = resolveFile(pathname);
  if (file === undefined) return send(response, 400, { error: 'bad-path' });
  if (!file) return send(response, 404, { error: 'not-found' });
  response.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

// Every request is answered once, whatever goes wrong: nothing escapes into the process.
const server = createServer((request, response) => {
  request.on('error', () => response.destroy());
  handle(request, response).catch((error) => {
    console.error('face-liveness demo:', error);
    send(response, 500, { error: 'internal-error' });
  });
});
server.on('clientError', (_error, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  console.log(`face-liveness demo: http://${HOST}:${port}/  (Ctrl+C to stop)`);
});
