/**
 * The demo server as a real process, attacked from outside: malformed paths, escapes from its folders, a token
 * built to break the answer, and a property-based fuzz of methods, paths, headers and bodies (fast-check).
 * After all of it the process must still be alive and answering.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createChallenge } from '../../src/server/index.js';
import { newSigner, passedClaims, SECRET, signText } from './helpers.js';
import { rawRequest, rawStatus, startDemo, type DemoProcess } from './demo-process.js';

let demo: DemoProcess;
before(async () => {
  demo = await startDemo({ FACE_LIVENESS_SECRET: SECRET });
});
after(async () => demo.stop());

const get = (path: string) => rawRequest(demo.origin, { method: 'GET', path });
const verify = (body: string, type = 'application/json') =>
  rawRequest(demo.origin, { method: 'POST', path: '/api/liveness/verify', headers: { 'content-type': type }, body });

async function stillAnswers(): Promise<void> {
  assert.equal(demo.process.exitCode, null, 'the demo server is still running');
  assert.equal((await get('/')).status, 200);
}

describe('demo server', () => {
  it('answers malformed percent-encoding and NUL bytes with 400', async () => {
    for (const path of ['/%E0%A4%A', '/face-liveness/%E0%A4%A', '/%', '/face-liveness/a%00b']) {
      const reply = await get(path);
      assert.equal(reply.status, 400, path);
      assert.deepEqual(JSON.parse(reply.body), { error: 'bad-path' });
    }
    await stillAnswers();
  });

  it('serves nothing outside its folders, judged by whole path segments', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/face-liveness/../../package.json', '/face-liveness/%2e%2e/package.json', '/face-liveness/..%2fpackage.json', '/face-liveness/%2e%2e%2fsrc/server/verify.ts']) {
      const reply = await get(path);
      assert.ok(reply.status === 404 || reply.status === 400, `${path}: ${reply.status}`);
      assert.doesNotMatch(reply.body, /"name": "face-liveness"|verifyToken/);
    }
    assert.equal((await get('/face-liveness/face-liveness.js')).status, 200);
    await stillAnswers();
  });

  it('answers a signed token carrying a 6,000-deep array once, as malformed', async () => {
    const challenge = createChallenge({ secret: SECRET, count: 1 });
    const text = JSON.stringify(passedClaims(challenge)).replace(/}$/, `,"extra":${'['.repeat(6000)}${']'.repeat(6000)}}`);
    const token = await signText(text, await newSigner());
    const reply = await verify(JSON.stringify({ token }));
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.body).errorCodes, ['malformed-token']);
    await stillAnswers();
  });

  it('survives random methods, paths, headers and bodies (fast-check), answering each once', { timeout: 120_000 }, async () => {
    const deepJson = fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"token":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const body = fc.oneof(fc.string(), fc.json(), deepJson, fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)));
    const path = fc.oneof(
      fc.constantFrom('/api/liveness/challenge', '/api/liveness/verify', '/', '/face-liveness/face-liveness.js'),
      fc.webPath(),
      fc.array(fc.constantFrom('%', '%E0', '%A4', '%2e', '%2f', '..', '/', 'a', '%00', '?', '#', '%ZZ'), { maxLength: 12 }).map((parts) => `/${parts.join('')}`),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
      path,
      type: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '', 'application/jsonx'),
      body,
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, type, body }) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const status = await rawStatus(demo.origin, { method, path: path.replace(/[\s#]/g, '') || '/', headers, body });
        assert.ok(status >= 200 && status < 500 && status !== 0, `${method} ${path}: ${status}`);
      }),
      { numRuns: 300 },
    );
    await stillAnswers();
  });
});
