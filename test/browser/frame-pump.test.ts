import { expect } from '@esm-bundle/chai';
import type { Observation } from '../../src/core/protocol.js';
import { FramePump } from '../../src/element/frame-pump.js';
import { startDetector } from '../helpers/detector.js';
import { openVideo } from '../helpers/fixtures.js';

describe('frame pump', () => {
  it('keeps one frame in flight and drops the rest while the worker is busy', async () => {
    // The CPU backend takes several hundred ms a frame: far slower than the 25 fps video.
    const detector = await startDetector({ backend: 'cpu' });
    const video = await openVideo('talking-no-action-man.mp4');
    const observations: Observation[] = [];
    const errors: unknown[] = [];
    const pump = new FramePump(video, detector, {
      onObservation: (observation) => observations.push(observation),
      onError: (error) => errors.push(error),
    });
    try {
      await video.play();
      pump.start();
      while (observations.length < 4) await new Promise((resolve) => setTimeout(resolve, 100));
      pump.stop();
      video.pause();
      expect(errors).to.deep.equal([]);
      expect(pump.stats.maxInFlight).to.equal(1);
      expect(pump.stats.dropped).to.be.above(observations.length);
      expect(pump.stats.offered).to.equal(pump.stats.sent + pump.stats.dropped);
      expect(observations.every((o) => o.faces.length === 1)).to.equal(true);
      const times = observations.map((o) => o.t);
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    } finally {
      pump.stop();
      await detector.dispose();
    }
  });

  it('stops asking for frames once stopped', async () => {
    const detector = await startDetector({ backend: 'wasm' });
    const video = await openVideo('still-man.mp4');
    const pump = new FramePump(video, detector, { onObservation: () => undefined, onError: () => undefined });
    try {
      await video.play();
      pump.start();
      await new Promise((resolve) => setTimeout(resolve, 500));
      pump.stop();
      const offered = pump.stats.offered;
      expect(offered).to.be.above(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(pump.stats.offered).to.equal(offered);
    } finally {
      video.pause();
      await detector.dispose();
    }
  });
});
