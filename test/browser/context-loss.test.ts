/**
 * A lost WebGL context (a GPU reset) during a check, on the WebGL path: the next frame fails with a typed,
 * retryable `backend-unavailable` instead of returning frames of zeros, and a new worker works again.
 */
import { expect } from '@esm-bundle/chai';
import { DetectorClient } from '../../src/element/detector-client.js';
import { DIST, expectCode } from '../helpers/detector.js';
import { photo } from '../helpers/fixtures.js';
import { spyOnPage } from '../helpers/spies.js';

describe('WebGL context lost mid-check', () => {
  it('fails the next frame with backend-unavailable (retryable), and a new worker detects again', async () => {
    const spies = spyOnPage();
    const start = () => DetectorClient.create({ workerUrl: new URL('/test/workers/lossy-webgl.worker.js', location.href), assetsUrl: DIST, backend: 'webgl' });
    try {
      const client = await start();
      expect(client.info.backend).to.equal('webgl');
      const before = await client.detect(await photo('man-glasses-frontal.jpg'), 0);
      expect(before.faces).to.have.length(1);
      spies.liveWorkers()[0]!.postMessage({ loseWebGLContext: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const frame = await photo('man-glasses-frontal.jpg');
      const error = await expectCode(() => client.detect(frame, 1), 'backend-unavailable');
      expect((error as unknown as { retryable: boolean }).retryable).to.equal(true);
      await client.dispose();
      const fresh = await start();
      expect((await fresh.detect(await photo('man-glasses-frontal.jpg'), 2)).faces).to.have.length(1);
      await fresh.dispose();
    } finally {
      spies.restore();
    }
  });
});
