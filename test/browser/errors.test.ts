import { expect } from '@esm-bundle/chai';
import { VERSION } from '../../src/core/version.js';
import { DetectorClient } from '../../src/element/detector-client.js';
import { DIST, expectCode, openWorkerApi, startDetector } from '../helpers/detector.js';

describe('detector errors keep their code across the worker boundary', () => {
  it('missing model files → model-load-failed', async () => {
    // The CPU backend needs no asset, so only the models are missing here.
    const error = await expectCode(() => startDetector({ backend: 'cpu', assetsUrl: new URL('/no-such-assets/', location.href).href }), 'model-load-failed');
    expect(error.message).to.contain('/no-such-assets/models/');
  });

  it('missing WASM binaries → backend-unavailable', async () => {
    await expectCode(() => startDetector({ backend: 'wasm', assetsUrl: new URL('/no-such-assets/', location.href).href }), 'backend-unavailable');
  });

  it('a worker script that does not load → worker-failed, not a hang', async () => {
    await expectCode(
      () => DetectorClient.create({ workerUrl: new URL('/no-such-worker.js', location.href), assetsUrl: DIST }),
      'worker-failed',
    );
  });

  it('a worker of another SDK version → worker-failed naming both versions', async () => {
    const { api, worker } = openWorkerApi();
    try {
      const error = await expectCode(() => api.init({ assetsUrl: DIST, version: '0.0.0-other' }), 'worker-failed');
      expect(error.message).to.contain(VERSION).and.to.contain('0.0.0-other');
      expect(error).to.be.instanceOf(Error);
    } finally {
      worker.terminate();
    }
  });

  it('detect() before init() → worker-failed', async () => {
    const { api, worker } = openWorkerApi();
    try {
      const frame = await createImageBitmap(new ImageData(8, 8));
      await expectCode(() => api.detect(frame, 0), 'worker-failed');
    } finally {
      worker.terminate();
    }
  });
});
