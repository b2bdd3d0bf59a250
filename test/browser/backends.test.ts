import { expect } from '@esm-bundle/chai';
import type { Observation } from '../../src/core/protocol.js';
import { startDetector } from '../helpers/detector.js';
import { photo } from '../helpers/fixtures.js';

async function landmarksOn(backend: 'webgl' | 'wasm' | 'cpu', name: string): Promise<Observation> {
  const detector = await startDetector({ backend });
  try {
    expect(detector.info.backend).to.equal(backend);
    return await detector.detect(await photo(name), 0);
  } finally {
    await detector.dispose();
  }
}

describe('backends', () => {
  it('chooses by what the device really has: WASM on a software GPU, WebGL on a hardware one', async () => {
    const detector = await startDetector();
    try {
      const { backend, reason, renderer } = detector.info;
      const software = /swiftshader|llvmpipe|softpipe|lavapipe|software/i.test(renderer ?? '');
      if (renderer === undefined) expect([backend, reason]).to.deep.equal(['wasm', 'no-webgl']);
      else if (software) expect([backend, reason]).to.deep.equal(['wasm', 'software-gpu']);
      else expect([backend, reason]).to.deep.equal(['webgl', 'hardware-gpu']);
    } finally {
      await detector.dispose();
    }
  });

  it('WebGL and WASM put the landmarks within a few pixels of each other', async () => {
    const name = 'man-frontal-portrait.jpg';
    const wasm = await landmarksOn('wasm', name);
    const webgl = await landmarksOn('webgl', name);
    expect(wasm.faces).to.have.length(1);
    expect(webgl.faces).to.have.length(1);
    const a = wasm.faces[0]!.landmarks;
    const b = webgl.faces[0]!.landmarks;
    let worst = 0;
    let total = 0;
    for (let i = 0; i < a.length; i += 3) {
      const d = Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!);
      worst = Math.max(worst, d);
      total += d;
    }
    const faceWidth = wasm.faces[0]!.box.width;
    // The face is about 400 px wide here: a few pixels is under 1 % of it.
    expect(total / (a.length / 3), 'mean distance (px)').to.be.below(2);
    expect(worst, 'worst distance (px)').to.be.below(Math.max(4, 0.01 * faceWidth));
  });
});
