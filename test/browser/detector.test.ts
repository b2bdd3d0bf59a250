import { expect } from '@esm-bundle/chai';
import { transfer } from 'comlink';
import { landmark } from '../../src/core/geometry.js';
import type { FaceObservation } from '../../src/core/protocol.js';
import { VERSION } from '../../src/core/version.js';
import type { DetectorClient } from '../../src/element/detector-client.js';
import { DIST, openWorkerApi, startDetector } from '../helpers/detector.js';
import { frameAt, openVideo, photo } from '../helpers/fixtures.js';

const FRONTAL_PHOTOS = ['elderly-man-frontal.jpg', 'man-frontal-portrait.jpg', 'woman-selfie.jpg', 'man-glasses-frontal.jpg'];

/** Checks that the mesh sits on a plausible, upright, frontal face inside the image. */
function expectFrontalFace(face: FaceObservation, width: number, height: number) {
  const { box, landmarks } = face;
  expect(face.score).to.be.within(0.5, 1);
  expect(box.x).to.be.at.least(-0.05 * width);
  expect(box.y).to.be.at.least(-0.05 * height);
  expect(box.x + box.width).to.be.at.most(1.05 * width);
  expect(box.y + box.height).to.be.at.most(1.05 * height);
  expect(box.width).to.be.above(0.08 * Math.min(width, height));
  const [rightEyeX, rightEyeY] = landmark(landmarks, 33);
  const [leftEyeX] = landmark(landmarks, 263);
  const [, noseY] = landmark(landmarks, 1);
  const [, mouthY] = landmark(landmarks, 13);
  const [, chinY] = landmark(landmarks, 152);
  // Un-mirrored photo: the person's right eye is on the image's left.
  expect(rightEyeX).to.be.below(leftEyeX);
  expect(rightEyeY).to.be.below(noseY);
  expect(noseY).to.be.below(mouthY);
  expect(mouthY).to.be.below(chinY);
  expect(Math.abs(face.measures.yaw)).to.be.below(25);
  expect(Math.abs(face.measures.roll)).to.be.below(20);
}

describe('detector worker on real faces (WASM)', () => {
  let detector: DetectorClient;

  before(async () => {
    detector = await startDetector({ backend: 'wasm' });
  });

  after(async () => {
    await detector?.dispose();
  });

  it('reports its backend, version and load time', () => {
    expect(detector.info.backend).to.equal('wasm');
    expect(detector.info.reason).to.equal('requested');
    expect(detector.info.version).to.equal(VERSION);
    expect(detector.info.loadMs).to.be.above(0);
  });

  for (const name of FRONTAL_PHOTOS) {
    it(`finds exactly one frontal face in ${name}`, async () => {
      await detector.reset();
      const frame = await photo(name);
      const { width, height } = frame;
      const observation = await detector.detect(frame, 0);
      expect(observation.width).to.equal(width);
      expect(observation.height).to.equal(height);
      expect(observation.faces).to.have.length(1);
      expect(observation.otherFaces).to.deep.equal([]);
      const face = observation.faces[0]!;
      expect(face.landmarks).to.be.instanceOf(Float32Array);
      expect(face.landmarks.length).to.equal(468 * 3);
      expectFrontalFace(face, width, height);
      expect(face.measures.brightness).to.be.within(0.1, 0.95);
      expect(face.measures.sharpness).to.be.above(0);
    });
  }

  it('transfers the frame instead of copying it', async () => {
    await detector.reset();
    const frame = await photo('woman-selfie.jpg');
    const pending = detector.detect(frame, 0);
    // A transferred ImageBitmap is detached on this side at once.
    expect(frame.width).to.equal(0);
    await pending;
  });

  it('finds no face in a photo of a coffee cup', async () => {
    await detector.reset();
    const observation = await detector.detect(await photo('no-face-coffee.png'), 0);
    expect(observation.faces).to.have.length(0);
  });

  it('keeps the tensor count constant over 200 tracked frames', async () => {
    const video = await openVideo('blink-man-glasses.mp4');
    const frames: ImageBitmap[] = [];
    for (let i = 0; i < 10; i++) frames.push(await frameAt(video, i * 0.5));
    frames.push(await photo('no-face-coffee.png')); // losing the face exercises the detection path too
    await detector.reset();
    await detector.detect(await createImageBitmap(frames[0]!), 0);
    const before = (await detector.stats()).numTensors;
    let facesSeen = 0;
    for (let i = 1; i <= 200; i++) {
      const observation = await detector.detect(await createImageBitmap(frames[i % frames.length]!), i * 40);
      facesSeen += observation.faces.length;
    }
    const after = (await detector.stats()).numTensors;
    expect(facesSeen).to.be.above(150);
    expect(after).to.equal(before);
    for (const frame of frames) frame.close();
  });
});

describe('detector worker with several faces', () => {
  it('tracks one face and counts the two other people in three-faces.jpg by default', async () => {
    const detector = await startDetector({ backend: 'wasm' });
    try {
      const observation = await detector.detect(await photo('three-faces.jpg'), 0);
      expect(observation.faces).to.have.length(1);
      expect(observation.otherFaces).to.have.length(2);
      const main = observation.faces[0]!.box;
      for (const other of observation.otherFaces) {
        expect(other.x + other.width / 2 < main.x || other.x + other.width / 2 > main.x + main.width, 'another face, not the tracked one').to.equal(true);
      }
    } finally {
      await detector.dispose();
    }
  });

  it('finds the three people in three-faces.jpg when allowed three faces', async () => {
    const detector = await startDetector({ backend: 'wasm', maxFaces: 3 });
    try {
      const frame = await photo('three-faces.jpg');
      const observation = await detector.detect(frame, 0);
      expect(observation.faces).to.have.length(3);
      expect(observation.otherFaces).to.deep.equal([]);
      const areas = observation.faces.map((face) => face.box.width * face.box.height);
      expect(areas).to.deep.equal([...areas].sort((a, b) => b - a), 'largest face first');
    } finally {
      await detector.dispose();
    }
  });
});

describe('detector worker lifecycle', () => {
  it('frees every tensor on dispose()', async () => {
    const { api, worker } = openWorkerApi();
    try {
      await api.init({ assetsUrl: DIST, version: VERSION, backend: 'wasm' });
      const frame = await photo('elderly-man-frontal.jpg');
      await api.detect(transfer(frame, [frame]), 0);
      expect((await api.stats()).numTensors).to.be.above(0);
      await api.dispose();
      expect((await api.stats()).numTensors).to.equal(0);
    } finally {
      worker.terminate();
    }
  });
});
