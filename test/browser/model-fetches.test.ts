/**
 * Every model file is fetched once, even from a server that sends no cache headers (`/counted/<key>/`, see
 * fault-middleware.mjs): the mesh's face detector and the counter of other faces share one fetch.
 */
import { expect } from '@esm-bundle/chai';
import { MODEL_FILES } from '../../src/core/models.js';
import { startDetector } from '../helpers/detector.js';
import { photo } from '../helpers/fixtures.js';

describe('model downloads', () => {
  it('fetches each model file the browser uses exactly once, without cache headers, and none other', async () => {
    const key = `once-${Date.now()}`;
    const detector = await startDetector({ backend: 'wasm', assetsUrl: new URL(`/counted/${key}/`, location.href).href });
    try {
      const observation = await detector.detect(await photo('elderly-man-frontal.jpg'), 0);
      expect(observation.faces).to.have.length(1);
    } finally {
      await detector.dispose();
    }
    const counts = (await (await fetch(`/counted/${key}`)).json()) as Record<string, number>;
    const models = Object.entries(counts).filter(([path]) => path.startsWith('models/'));
    for (const file of [MODEL_FILES.detector, MODEL_FILES.mesh]) expect(counts[`models/${file}`], `${file} in ${JSON.stringify(counts)}`).to.equal(1);
    expect(counts[`models/${MODEL_FILES.embedding}`], 'the server-only model').to.equal(undefined);
    expect(models.every(([, n]) => n === 1), JSON.stringify(counts)).to.equal(true);
    expect(models.filter(([path]) => path.endsWith('.bin')).length, 'weights files').to.be.at.least(2);
  });
});
