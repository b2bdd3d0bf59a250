/**
 * The server examples of docs/server.md (demo/examples/server/), each run as written: a real process on
 * 127.0.0.1 with the package resolved as an installed one would be, driven through a challenge and
 * verifications of real tokens, with the JSON errors and the host's own records.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, type Analyzer } from '../../src/server/index.js';
import { rawAnswer, rawRequest, startServerScript, type DemoProcess } from './demo-process.js';
import { captureClaims, challengeFor, realPictures, signedCapture } from './real-capture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKENS = new URL('../data/tokens/', import.meta.url);
/** The secret the recorded browser tokens' challenges were issued with. */
const { secret } = JSON.parse(readFileSync(new URL('secret.json', TOKENS), 'utf8')) as { secret: string };
const [recorded] = JSON.parse(readFileSync(new URL('index.json', TOKENS), 'utf8')) as { name: string }[];
const recordedToken = readFileSync(new URL(`${recorded!.name}.jws`, TOKENS), 'utf8').trim();

const EXAMPLES = ['express', 'fastify', 'node-http'];

let analyzer: Analyzer;
before(async () => {
  analyzer = await createAnalyzer();
});
after(() => analyzer.dispose());

function post(origin: string, path: string, body: string, headers: Record<string, string> = {}) {
  return rawRequest(origin, { method: 'POST', path, headers: { 'Content-Type': 'application/json', ...headers }, body });
}

/**
 * A POST of a JSON body of `bytes` bytes. Express reads a body over its limit off before it answers, so all of it
 * is sent; Fastify and the node:http example answer from the declared length at once and then drop the
 * connection, so only the headers are (the rest would race the reset that loses the answer).
 */
function postTooLarge(origin: string, path: string, bytes: number, readsBodyOff: boolean) {
  const headers = { 'Content-Type': 'application/json' };
  if (readsBodyOff) return rawAnswer(origin, { method: 'POST', path, headers, body: JSON.stringify({ token: 'x'.repeat(bytes) }) });
  return rawAnswer(origin, { method: 'POST', path, headers, declaredLength: bytes });
}

/** Runs a script that is expected to stop by itself; resolves with its exit code and what it printed. */
async function runToExit(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [script], { cwd: ROOT, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

for (const example of EXAMPLES) {
  const script = `demo/examples/server/${example}.mjs`;

  describe(`${script}`, () => {
    let server: DemoProcess;
    before(async () => {
      server = await startServerScript(script, { FACE_LIVENESS_SECRET: secret });
    });
    after(() => server?.stop());

    it('serves the package\'s dist/ from the installed package, and nothing beside it', async () => {
      const element = await rawRequest(server.origin, { method: 'GET', path: '/face-liveness/face-liveness.js' });
      assert.equal(element.status, 200);
      assert.equal(element.body, readFileSync(new URL('../../dist/face-liveness.js', import.meta.url), 'utf8'));
      const wasm = await rawRequest(server.origin, { method: 'GET', path: '/face-liveness/wasm/tfjs-backend-wasm-simd.wasm' });
      assert.equal(wasm.status, 200);
      for (const path of ['/face-liveness/../package.json', '/face-liveness/%2e%2e/package.json', '/package.json']) {
        const outside = await rawRequest(server.origin, { method: 'GET', path });
        assert.ok(outside.status >= 400 && outside.status < 500, `${path}: ${outside.status}`);
        assert.doesNotMatch(outside.body, /"name": "face-liveness"/);
      }
    });

    it('issues challenges made with its secret', async () => {
      const reply = await post(server.origin, '/api/liveness/challenge', '{}');
      assert.equal(reply.status, 200);
      const challenge = JSON.parse(reply.body) as { actions: string[]; nonce: string; mac: string };
      assert.equal(challenge.actions.length, 2);
      assert.ok(challenge.nonce.length >= 32 && challenge.mac.length > 0);
    });

    it('accepts a capture of a real face for a challenge of its secret, once', async () => {
      const challenge = challengeFor(['blink'], secret);
      const token = await signedCapture(captureClaims(challenge, await realPictures(analyzer, ['blink'])));
      const first = await post(server.origin, '/api/liveness/verify', JSON.stringify({ token }), { 'X-Account-Id': 'pensioner-accepted' });
      assert.deepEqual([first.status, JSON.parse(first.body)], [200, { success: true, errorCodes: [], manualReview: false }]);
      const again = await post(server.origin, '/api/liveness/verify', JSON.stringify({ token }), { 'X-Account-Id': 'pensioner-accepted' });
      assert.deepEqual([again.status, JSON.parse(again.body).errorCodes], [422, ['nonce-replayed']]);
    });

    it('gives a recorded browser token its verdict: signed for this secret, but its challenge has expired', async () => {
      const reply = await post(server.origin, '/api/liveness/verify', JSON.stringify({ token: recordedToken }));
      assert.deepEqual([reply.status, JSON.parse(reply.body).errorCodes], [422, ['challenge-expired']]);
    });

    it('takes the token as a form value too', async () => {
      const body = new URLSearchParams({ 'face-liveness-token': 'not.a.token' }).toString();
      const reply = await post(server.origin, '/api/liveness/verify', body, { 'Content-Type': 'application/x-www-form-urlencoded' });
      assert.deepEqual([reply.status, JSON.parse(reply.body).errorCodes], [422, ['malformed-token']]);
    });

    it('sends the person to manual review after three failed checks in a row', async () => {
      const verdicts = [];
      for (let i = 0; i < 3; i++) {
        const reply = await post(server.origin, '/api/liveness/verify', JSON.stringify({ token: 'forged.token.here' }), { 'X-Account-Id': 'pensioner-3' });
        verdicts.push(JSON.parse(reply.body));
      }
      assert.deepEqual(verdicts.map((verdict) => verdict.errorCodes), [['malformed-token'], ['malformed-token'], ['malformed-token']]);
      assert.deepEqual(verdicts.map((verdict) => verdict.manualReview), [false, false, true]);
    });

    it('answers bad requests with JSON error codes, never an HTML page or a stack trace', async () => {
      const cases = [
        { reply: await post(server.origin, '/api/liveness/verify', '{"token":'), status: 400, error: 'invalid-json' },
        { reply: await postTooLarge(server.origin, '/api/liveness/verify', 4 * 1024 * 1024, example === 'express'), status: 413, error: 'payload-too-large' },
        { reply: await postTooLarge(server.origin, '/api/liveness/challenge', 4096, example === 'express'), status: 413, error: 'payload-too-large' },
        { reply: await rawRequest(server.origin, { method: 'GET', path: '/api/nothing' }), status: 404, error: 'not-found' },
      ];
      for (const { reply, status, error } of cases) {
        assert.equal(reply.status, status);
        assert.deepEqual(JSON.parse(reply.body), { error });
      }
    });
  });

  describe(`${script} without a usable secret`, () => {
    it('says FACE_LIVENESS_SECRET is missing, and exits', async () => {
      const { code, stderr } = await runToExit(script, { FACE_LIVENESS_SECRET: '' });
      assert.equal(code, 1);
      assert.match(stderr, /FACE_LIVENESS_SECRET is not set/);
      assert.match(stderr, /randomBytes\(32\)/);
    });

    it('says a weak secret is unusable, and exits', async () => {
      const { code, stderr } = await runToExit(script, { FACE_LIVENESS_SECRET: 'password'.repeat(5) });
      assert.equal(code, 1);
      assert.match(stderr, /FACE_LIVENESS_SECRET is unusable: .*fewer than 16 distinct bytes/);
    });
  });
}
