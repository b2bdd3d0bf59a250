/**
 * Geometry measures on real video frames, at the times labelled in test/labels/ (checked by eye).
 * Each frame is analysed from scratch (reset), as an independent image.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceMeasures } from '../../src/core/protocol.js';
import type { DetectorClient } from '../../src/element/detector-client.js';
import { startDetector } from '../helpers/detector.js';
import { frameAt, openVideo } from '../helpers/fixtures.js';

describe('geometry on real video frames', () => {
  let detector: DetectorClient;

  before(async () => {
    detector = await startDetector({ backend: 'wasm' });
  });

  after(async () => {
    await detector?.dispose();
  });

  async function measuresAt(video: string, times: number[]): Promise<FaceMeasures[]> {
    const element = await openVideo(video);
    const measures: FaceMeasures[] = [];
    for (const t of times) {
      await detector.reset();
      const observation = await detector.detect(await frameAt(element, t), t * 1000);
      expect(observation.faces, `${video} at ${t}s`).to.have.length(1);
      measures.push(observation.faces[0]!.measures);
    }
    return measures;
  }

  it('eye aspect ratio drops on the closed-eye frames of blink-man-glasses.mp4', async () => {
    // Blinks at 0.33–0.63 and 1.17–1.57 s; eyes open at 0.9 and 1.9 s.
    const closed = await measuresAt('blink-man-glasses.mp4', [0.45, 1.3]);
    const open = await measuresAt('blink-man-glasses.mp4', [0.9, 1.9]);
    for (const eye of ['leftEye', 'rightEye'] as const) {
      const openest = Math.min(...open.map((m) => m[eye]));
      for (const m of closed) expect(m[eye], eye).to.be.below(0.8 * openest);
    }
  });

  it('mouth aspect ratio rises on the open-mouth frames of mouth-open-man.mp4', async () => {
    // Mouth closed at 1.0 and 2.0 s; wide "O" at 11.8 and 14.0 s.
    const closed = await measuresAt('mouth-open-man.mp4', [1.0, 2.0]);
    const open = await measuresAt('mouth-open-man.mp4', [11.8, 14.0]);
    const widestClosed = Math.max(...closed.map((m) => m.mouth));
    for (const m of open) expect(m.mouth).to.be.above(4 * widestClosed);
  });

  it('yaw has opposite signs on the left- and right-turned frames of head-turn-woman.mp4', async () => {
    // 0.2–0.3 s: nose toward the image's left (the woman's own right); 1.1 s: toward the image's right.
    const towardImageLeft = await measuresAt('head-turn-woman.mp4', [0.2, 0.3]);
    const towardImageRight = await measuresAt('head-turn-woman.mp4', [1.1]);
    for (const m of towardImageLeft) expect(m.yaw).to.be.below(-20);
    for (const m of towardImageRight) expect(m.yaw).to.be.above(20);
  });
});
