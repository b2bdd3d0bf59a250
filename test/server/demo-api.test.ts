/** The demo's endpoints (demo/api.mjs) over a real HTTP server on 127.0.0.1. */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Challenge } from '../../src/core/challenge.js';
import { SECRET, newSigner, passedClaims, sign } from './helpers.js';

interface DemoApi {
  demoSecret(): string;
  createLivenessApi(options: { secret: string; analyzer?: false }): (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}
// A JavaScript module: imported by URL so that the type checker leaves it to this interface.
const DEMO_API = new URL('../../demo/api.mjs', import.meta.url).href;
const { createLivenessApi, demoSecret } = (await import(DEMO_API)) as DemoApi;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

describe('demo liveness API', () => {
  let origin: string;
  const server = createServer(async (request, response) => {
    if (!(await handle(request, response))) response.writeHead(404).end();
  });
  // The API's own behaviour, with fixture crops that are no real movement: the analysis is tested in forgeries.test.ts.
  const handle = createLivenessApi({ secret: SECRET, analyzer: false });

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /**
   * Sends a request with `node:http`, which, unlike fetch, lets a body be streamed in chunks of our choosing
   * (`declared`: with a Content-Length header instead of chunked encoding).
   */
  function send(path: string, { method = 'POST', type = 'application/json', chunks = ['{}'], declared = false } = {}): Promise<Reply> {
    const headers = { 'Content-Type': type, ...(declared && { 'Content-Length': Buffer.byteLength(chunks.join('')) }) };
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${origin}${path}`, { method, headers }, (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          const text = Buffer.concat(parts).toString();
          resolve({ status: response.statusCode!, headers: response.headers, body: text && JSON.parse(text) });
        });
      });
      request.on('error', reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });
  }

  const verify = (token: unknown) => send('/api/liveness/verify', { chunks: [JSON.stringify({ token })] });

  it('issues a challenge as JSON, without CORS headers', async () => {
    const reply = await send('/api/liveness/challenge');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
    assert.deepEqual(Object.keys(reply.body).sort(), ['actions', 'expiresAt', 'id', 'issuedAt', 'mac', 'nonce']);
  });

  it('verifies a token made for its challenge once, and answers without the evidence images', async () => {
    const challenge: Challenge = (await send('/api/liveness/challenge')).body;
    const claims = passedClaims(challenge);
    const token = await sign(claims, await newSigner());
    const first = await verify(token);
    assert.equal(first.status, 200);
    const { evidence, ...withoutEvidence } = claims;
    assert.deepEqual(first.body, { success: true, errorCodes: [], claims: withoutEvidence, analysis: null, evidenceCount: 1 + evidence.actions.reduce((sum, burst) => sum + burst.frames.length, 0) });
    assert.deepEqual((await verify(token)).body.errorCodes, ['nonce-replayed']);
  });

  it('answers a failed verification with its codes', async () => {
    assert.deepEqual((await verify('a.b.c')).body, { success: false, errorCodes: ['malformed-token'], analysis: null, evidenceCount: 0 });
    const missing = await send('/api/liveness/verify');
    assert.deepEqual(missing.body, { success: false, errorCodes: ['missing-token'], analysis: null, evidenceCount: 0 });
  });

  it('refuses other methods, other media types and bodies that are not a JSON object', async () => {
    const get = await send('/api/liveness/challenge', { method: 'GET', chunks: [] });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    assert.equal((await send('/api/liveness/verify', { type: 'text/plain' })).status, 415);
    for (const body of ['not json', '[]', '"token"', '']) {
      const reply = await send('/api/liveness/verify', { chunks: [body] });
      assert.deepEqual([reply.status, reply.body], [400, { error: 'invalid-json' }], body);
    }
  });

  it('refuses bodies over 1 KiB for a challenge and 3 MiB for a token, declared or streamed', async () => {
    const padded = `{"pad":"${'x'.repeat(1100)}"}`;
    const declared = await send('/api/liveness/challenge', { chunks: [padded], declared: true });
    assert.deepEqual([declared.status, declared.body], [413, { error: 'payload-too-large' }]);
    assert.equal((await send('/api/liveness/challenge', { chunks: [padded] })).status, 413);
    const streamed = await send('/api/liveness/verify', { chunks: ['{"token":"', ...Array(4).fill('x'.repeat(1024 * 1024)), '"}'] });
    assert.equal(streamed.status, 413);
    const withinLimit = await send('/api/liveness/verify', { chunks: [JSON.stringify({ token: 'x'.repeat(2.5 * 1024 * 1024) })] });
    assert.deepEqual(withinLimit.body.errorCodes, ['token-too-large']);
  });

  it('leaves other paths to the rest of the server', async () => {
    assert.equal((await send('/api/liveness')).status, 404);
    assert.equal((await send('/index.html', { method: 'GET', chunks: [] })).status, 404);
  });
});

describe('demoSecret', () => {
  it('takes FACE_LIVENESS_SECRET from the environment, else makes a random one and says so', (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const configured = process.env.FACE_LIVENESS_SECRET;
    try {
      process.env.FACE_LIVENESS_SECRET = SECRET;
      assert.equal(demoSecret(), SECRET);
      assert.equal(warn.mock.callCount(), 0);
      delete process.env.FACE_LIVENESS_SECRET;
      const generated = demoSecret();
      assert.ok(generated.length >= 32 && generated !== demoSecret());
      assert.match(String(warn.mock.calls[0]!.arguments[0]), /FACE_LIVENESS_SECRET is not set/);
    } finally {
      if (configured === undefined) delete process.env.FACE_LIVENESS_SECRET;
      else process.env.FACE_LIVENESS_SECRET = configured;
    }
  });
});
