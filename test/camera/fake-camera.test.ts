/**
 * With Chromium's fake camera playing a real fixture video (see web-test-runner.config.mjs), the
 * built bundles run as a portal would serve them: module worker and models next to the script.
 */
import { expect } from '@esm-bundle/chai';
import type { Observation } from '../../src/core/protocol.js';
import { FramePump } from '../../src/element/frame-pump.js';
import { startDetector } from '../helpers/detector.js';
// Types only: the tag map for document.createElement('face-liveness'); the element itself comes from dist/.
import type {} from '../../src/define.js';

async function cameraVideo(): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  return { video, stream };
}

function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (performance.now() - start > ms) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

describe('fake camera → worker', () => {
  it('returns observations of the face in the camera frames', async () => {
    const { video, stream } = await cameraVideo();
    const detector = await startDetector();
    const observations: Observation[] = [];
    const pump = new FramePump(video, detector, { onObservation: (o) => observations.push(o), onError: (e) => { throw e; } });
    try {
      pump.start();
      await until(() => observations.length >= 10, '10 observations');
      expect(observations[0]!.width).to.equal(640);
      expect(observations[0]!.height).to.equal(480);
      const withOneFace = observations.filter((o) => o.faces.length === 1);
      expect(withOneFace.length).to.be.at.least(9);
      for (const { faces } of withOneFace) {
        expect(faces[0]!.box.width).to.be.above(150);
        expect(Math.abs(faces[0]!.measures.yaw)).to.be.below(30);
      }
    } finally {
      pump.stop();
      for (const track of stream.getTracks()) track.stop();
      await detector.dispose();
    }
  });
});

describe('<face-liveness> from dist/face-liveness.js', () => {
  before(async () => {
    await import(/* @vite-ignore */ new URL('/dist/face-liveness.js', location.href).href);
  });

  it('opens the camera, reports ready and draws the landmarks over the video', async () => {
    const element = document.createElement('face-liveness');
    document.body.append(element);
    const ready = new Promise<CustomEvent>((resolve) => element.addEventListener('liveness-ready', resolve as EventListener, { once: true }));
    try {
      await element.start();
      const { detail } = await ready;
      expect(['webgl', 'wasm', 'cpu']).to.include(detail.backend);
      expect(element.status).to.equal('running');
      const root = element.shadowRoot!;
      const video = root.querySelector('video')!;
      expect(video.srcObject).to.be.instanceOf(MediaStream);
      const canvas = root.querySelector('canvas')!;
      const drawn = () => {
        if (!canvas.width) return 0;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) count++;
        return count;
      };
      await until(() => drawn() > 500, 'landmarks drawn on the overlay');
      const tracks = (video.srcObject as MediaStream).getTracks();
      element.stop();
      expect(element.status).to.equal('idle');
      expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
      expect(video.srcObject).to.equal(null);
    } finally {
      element.remove();
    }
  });
});
