/**
 * End to end: a challenge from createChallenge, the built element in headless Chromium with its fake
 * camera playing a real fixture clip, a person who really blinks, and verifyToken on the token the
 * element emits, judged by the server's own analysis of its frames.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeCameraFile } from '../../scripts/lib/environment.mjs';
import { withHarnessPage } from '../../scripts/lib/harness.mjs';
import { createChallenge, MemoryNonceStore, verifyToken } from '../../src/server/index.js';

const secret = 'a-test-secret-that-is-long-enough-0123456789';

describe('a genuine token from a real check', () => {
  it('verifies once, then is refused as a replay', { timeout: 240_000 }, async () => {
    const challenge = createChallenge({ secret, actions: ['blink'], count: 1 });
    const args = [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${fakeCameraFile('blink-man-glasses.mp4')}`,
    ];
    const token = await withHarnessPage((page) => page.evaluate(`window.harness.elementCheck(${JSON.stringify(challenge)})`), { args });
    assert.equal(typeof token, 'string');
    const store = new MemoryNonceStore();
    const first = await verifyToken(token as string, { secret, store });
    assert.deepEqual(first.errorCodes, []);
    assert.equal(first.success, true);
    assert.equal(first.analysis?.actions[0]?.confirmed, true, 'the server saw the blink itself');
    assert.ok(first.analysis.frames.every((frame) => frame.faces === 1));
    assert.equal(first.claims?.mode, 'server');
    assert.deepEqual(first.claims?.result.actions.map((a) => a.action), ['blink']);
    const again = await verifyToken(token as string, { secret, store });
    assert.deepEqual([again.success, again.errorCodes], [false, ['nonce-replayed']]);
  });
});
