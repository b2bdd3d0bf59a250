import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryNonceStore, VERIFY_ERROR_CODES, verifyToken, type VerifyTokenOptions } from '../../src/server/index.js';
import { SECRET, edited, genuineToken, newSigner, fixturePhoto, sign } from './helpers.js';

/** The checks before the server's analysis: tests of the analysis itself are in forgeries.test.ts. */
const fresh = (options: Partial<VerifyTokenOptions> = {}): VerifyTokenOptions => ({
  secret: SECRET,
  analyzer: false,
  store: new MemoryNonceStore(),
  ...options,
});

describe('verifyToken with genuine tokens', () => {
  it('accepts a token built as the browser builds it, and returns its claims', async () => {
    const { token, claims } = await genuineToken();
    assert.deepEqual(await verifyToken(token, fresh()), { success: true, errorCodes: [], claims, analysis: null });
  });

  it('accepts every action the SDK knows, five in a row', async () => {
    const { token } = await genuineToken({ count: 5 });
    assert.deepEqual((await verifyToken(token, fresh())).errorCodes, []);
  });

  it('accepts a progressive JPEG as evidence, as some encoders write', async () => {
    const { claims } = await genuineToken();
    const progressive = edited(claims, (copy) => {
      const jpeg = fixturePhoto('man-frontal-portrait.jpg').toString('base64');
      Object.assign(copy.evidence.frontal, { jpeg, width: 820, height: 1024 });
    });
    assert.deepEqual((await verifyToken(await sign(progressive, await newSigner()), fresh())).errorCodes, []);
  });

  it('accepts a secret given as bytes', async () => {
    const { token } = await genuineToken();
    const result = await verifyToken(token, fresh({ secret: new TextEncoder().encode(SECRET) }));
    assert.equal(result.success, true);
  });

  it('uses one process-wide nonce store when none is given', async () => {
    const { token } = await genuineToken();
    assert.equal((await verifyToken(token, { secret: SECRET, analyzer: false })).success, true);
    assert.deepEqual((await verifyToken(token, { secret: SECRET, analyzer: false })).errorCodes, ['nonce-replayed']);
  });

  it('checks the actions against expectedActions when the server kept them', async () => {
    const { token, challenge } = await genuineToken({ actions: ['blink', 'nod'] });
    assert.equal((await verifyToken(token, fresh({ expectedActions: challenge.actions }))).success, true);
    const other = await genuineToken({ actions: ['blink', 'nod'] });
    const reversed = [...other.challenge.actions].reverse();
    const result = await verifyToken(other.token, fresh({ expectedActions: reversed }));
    assert.deepEqual(result.errorCodes, ['actions-mismatch']);
  });

  it('accepts a token until the challenge expires, and refuses it after', async () => {
    const { token, challenge } = await genuineToken();
    const at = (seconds: number) => new Date(seconds * 1000);
    const late = await verifyToken(token, fresh({ now: at(challenge.expiresAt + 1) }));
    assert.deepEqual(late.errorCodes, ['challenge-expired']);
    assert.equal((await verifyToken(token, fresh({ now: at(challenge.expiresAt) }))).success, true);
  });
});

describe('verifyToken reports every failure it finds', () => {
  it('lists them in the order of VERIFY_ERROR_CODES', async () => {
    const { claims } = await genuineToken();
    const bad = edited(claims, (copy) => {
      copy.challenge.nonce = 'guessed';
      copy.result.passed = false;
      copy.result.actions.reverse();
      copy.evidence.actions = copy.evidence.actions.slice(1);
    });
    const result = await verifyToken(await sign(bad, await newSigner()), fresh());
    const expected = ['challenge-forged', 'actions-mismatch', 'liveness-failed', 'evidence-missing'];
    assert.deepEqual(result.errorCodes, expected);
    assert.deepEqual(
      VERIFY_ERROR_CODES.filter((code) => expected.includes(code)),
      expected,
    );
    assert.equal(result.success, false);
  });

  it('returns the claims of a well-signed token that failed, for the audit trail', async () => {
    const { claims } = await genuineToken();
    const failed = edited(claims, (copy) => {
      copy.result.passed = false;
    });
    const result = await verifyToken(await sign(failed, await newSigner()), fresh());
    assert.deepEqual(result, { success: false, errorCodes: ['liveness-failed'], claims: failed, analysis: null });
  });
});

describe('verifyToken options', () => {
  it('throws a TypeError for options a programmer got wrong', async () => {
    const { token } = await genuineToken();
    const misuses: unknown[] = [
      undefined,
      {},
      { secret: 'too short' },
      { secret: new Uint8Array(31) },
      { secret: SECRET, store: {} },
      { secret: SECRET, maxAgeSeconds: 0 },
      { secret: SECRET, maxAgeSeconds: Number.NaN },
      { secret: SECRET, expectedActions: ['wink'] },
      { secret: SECRET, expectedActions: 'blink' },
      { secret: SECRET, now: Date.now() },
      { secret: SECRET, now: new Date(Number.NaN) },
      { secret: SECRET, maxTokenBytes: 0 },
      { secret: SECRET, maxTokenBytes: 1.5 },
      { secret: 'a'.repeat(32) },
      { secret: 'abcd'.repeat(16) },
      { secret: new Uint8Array(64) },
      { secret: SECRET, analyzer: {} },
      { secret: SECRET, analyzer: true },
      { secret: SECRET, registeredPhoto: 'photo.jpg' },
      { secret: SECRET, evidenceTtlSeconds: 0 },
      { secret: SECRET, store: { consume: async () => true } },
    ];
    for (const options of misuses) {
      await assert.rejects(verifyToken(token, options as VerifyTokenOptions), TypeError, JSON.stringify(options));
    }
  });

  it('fails closed with store-unavailable, never throwing, when the nonce store fails', async () => {
    const { token } = await genuineToken();
    const broken = { consume: () => Promise.reject(new Error('store unreachable')), recordEvidence: async () => true };
    assert.deepEqual((await verifyToken(token, fresh({ store: broken }))).errorCodes, ['store-unavailable']);
  });
});
