// The test server's faulty routes, for the fault matrix (test/camera/faults.test.ts): the real built
// assets served with one thing broken, and challenge endpoints that fail in each way a host's can.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream' };

/** What each asset fault does to a file of dist/: a replacement body, a status, or nothing. */
const ASSET_FAULTS = {
  'model-json-404': (path) => (/^models\/.*\.json$/.test(path) ? { status: 404 } : null),
  // Cut mid-way, as a proxy or a dropped connection leaves it.
  'model-json-corrupt': (path, bytes) => (/^models\/.*\.json$/.test(path) ? { body: bytes.subarray(0, bytes.length >> 1) } : null),
  'weights-truncated': (path, bytes) => (/^models\/.*\.bin$/.test(path) ? { body: bytes.subarray(0, bytes.length >> 1) } : null),
  'wasm-404': (path) => (/^wasm\/.*\.wasm$/.test(path) ? { status: 404 } : null),
  'worker-404': (path) => (path === 'face-liveness.worker.js' ? { status: 404 } : null),
};

/** Challenge lifetimes handed out by `/challenge/short-then-normal/<key>`: a few seconds first, then a normal one. */
const SHORT_TTL_S = 4;
const issuedByKey = new Map();

function challenge(actions, ttlSeconds, issuedAt = Math.floor(Date.now() / 1000)) {
  return { id: randomUUID(), nonce: randomUUID(), actions, issuedAt, expiresAt: issuedAt + ttlSeconds, mac: 'test-server' };
}

/** Per key of `/counted/<key>/…`: how many times each file was fetched. */
const fetchCounts = new Map();

/**
 * Koa middleware: `/faulty/<fault>/<file of dist>`, `/counted/<key>/<file of dist>` (served without cache headers,
 * each fetch counted; `GET /counted/<key>` answers the counts as JSON) and `POST /challenge/<kind>[/<key>]?actions=a,b`.
 */
export function faultMiddleware(distDir) {
  return async (context, next) => {
    const counted = /^\/counted\/([\w-]+)(?:\/(.+))?$/.exec(context.path);
    if (counted) {
      const counts = fetchCounts.get(counted[1]) ?? {};
      fetchCounts.set(counted[1], counts);
      context.set('Cache-Control', 'no-store');
      if (!counted[2]) {
        context.body = counts;
        return;
      }
      const path = normalize(counted[2]);
      const file = join(distDir, path);
      if (path.startsWith('..') || !existsSync(file)) return next();
      counts[path] = (counts[path] ?? 0) + 1;
      context.type = TYPES[extname(file)] || 'application/octet-stream';
      context.body = readFileSync(file);
      return;
    }
    const asset = /^\/faulty\/([\w-]+)\/(.+)$/.exec(context.path);
    if (asset && ASSET_FAULTS[asset[1]]) {
      const path = normalize(asset[2]);
      const file = join(distDir, path);
      if (path.startsWith('..') || !existsSync(file)) return next();
      const bytes = readFileSync(file);
      const fault = ASSET_FAULTS[asset[1]](path, bytes);
      context.set('Cache-Control', 'no-store');
      if (fault?.status) {
        context.status = fault.status;
        return;
      }
      context.type = TYPES[extname(file)] || 'application/octet-stream';
      context.body = fault?.body ?? bytes;
      return;
    }
    const endpoint = /^\/challenge\/([\w-]+)(?:\/([\w-]+))?$/.exec(context.path);
    if (!endpoint || context.method !== 'POST') return next();
    const actions = (context.query.actions || 'blink').split(',');
    switch (endpoint[1]) {
      case 'normal':
        context.body = challenge(actions, 300);
        return;
      case 'status-500':
        context.status = 500;
        context.body = 'Internal Server Error';
        return;
      case 'invalid-json':
        context.type = 'application/json';
        context.body = '{"id": "cut off';
        return;
      case 'hang':
        // Answers only after the element's 15 s limit, as an overloaded server does.
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        context.body = challenge(actions, 300);
        return;
      case 'expired':
        context.body = challenge(actions, 60, Math.floor(Date.now() / 1000) - 120);
        context.body.expiresAt = context.body.issuedAt;
        return;
      case 'short-then-normal': {
        const key = endpoint[2] ?? '';
        const issued = issuedByKey.get(key) ?? [];
        const next = challenge(actions, issued.length === 0 ? SHORT_TTL_S : 300);
        issuedByKey.set(key, [...issued, next.id]);
        context.body = next;
        return;
      }
      case 'issued':
        // The ids handed out under a key, so a test can tell which challenge a token carries.
        context.body = issuedByKey.get(endpoint[2] ?? '') ?? [];
        return;
      default:
        return next();
    }
  };
}
