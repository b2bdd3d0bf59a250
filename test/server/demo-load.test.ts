/**
 * Two demo server processes sharing one real redis-server, as two instances behind a load balancer: 1,000
 * concurrent verification requests carrying 100 distinct genuine tokens, each sent 10 times across both, give
 * exactly 100 successes. The analysis is off here (the tokens carry fixture crops, not movements): this is the
 * nonce's atomicity across processes, which the analysis does not change. Throughput is printed, not asserted.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createChallenge } from '../../src/server/index.js';
import { rawRequest, startDemo, type DemoProcess } from './demo-process.js';
import { newSigner, passedClaims, SECRET, sign } from './helpers.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let redis: RedisServer;
let demos: DemoProcess[] = [];
before(async () => {
  redis = await startRedisServer();
  const env = { FACE_LIVENESS_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${redis.port}`, FACE_LIVENESS_ANALYZER: 'off' };
  demos = await Promise.all([startDemo(env), startDemo(env)]);
});
after(async () => {
  await Promise.all(demos.map((demo) => demo.stop()));
  await redis.stop();
});

it('1,000 concurrent verifications of 100 tokens, 10 times each, over two processes: exactly 100 successes', { timeout: 120_000 }, async (t) => {
  const tokens = await Promise.all(
    Array.from({ length: 100 }, async () => sign(passedClaims(createChallenge({ secret: SECRET, count: 1 })), await newSigner())),
  );
  const requests = Array.from({ length: 1000 }, (_, i) => ({ token: tokens[i % 100]!, demo: demos[Math.floor(i / 100) % 2]! }));
  const start = performance.now();
  const replies = await Promise.all(
    requests.map(({ token, demo }) =>
      rawRequest(demo.origin, { method: 'POST', path: '/api/liveness/verify', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const results = replies.map((reply) => JSON.parse(reply.body) as { success: boolean; errorCodes: string[] });
  assert.ok(replies.every((reply) => reply.status === 200));
  assert.equal(results.filter((result) => result.success).length, 100);
  const perToken = new Map<string, number>();
  results.forEach((result, i) => result.success && perToken.set(requests[i]!.token, (perToken.get(requests[i]!.token) ?? 0) + 1));
  assert.equal(perToken.size, 100, 'each token succeeded once');
  assert.ok(results.every((result) => result.success || result.errorCodes.join() === 'nonce-replayed'));
  t.diagnostic(`1000 requests in ${seconds.toFixed(2)} s: ${Math.round(1000 / seconds)} verifications per second over 2 processes`);
});
