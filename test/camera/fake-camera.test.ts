/**
 * With Chromium's fake camera playing a real fixture video (see web-test-runner.config.mjs), the
 * built bundles run as a portal would serve them: module worker and models next to the script.
 */
import { expect } from '@esm-bundle/chai';
import type { Observation } from '../../src/core/protocol.js';
import { DEFAULT_LIVENESS_CONFIG } from '../../src/core/liveness/config.js';
import { FramePump } from '../../src/element/frame-pump.js';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { startDetector } from '../helpers/detector.js';
import { createElement, defineElement, nextEvent, shadow, until, verifyJws } from '../helpers/element.js';
import { expectEvidence, expectFrontalEyesOpen, measure } from '../helpers/evidence.js';

async function cameraVideo(): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  return { video, stream };
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

describe('<face-liveness> with the fake camera (blink-man-glasses.mp4)', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  afterEach(() => element?.remove());

  it('proves a blink and emits a token whose signature, claims and evidence hold', async () => {
    element = createElement({ actions: 'blink', 'action-count': '1', lang: 'en' });
    const ready = nextEvent(element, 'liveness-ready');
    const success = nextEvent(element, 'liveness-success', 90_000);
    // Consent first: the camera opens only once the person agrees.
    await element.updateComplete;
    expect(element.status).to.equal('consent');
    shadow(element).querySelector<HTMLButtonElement>('button')!.click();
    expect(['webgl', 'wasm', 'cpu']).to.include((await ready).detail.backend);
    const { detail } = await success;
    const { claims } = await verifyJws(detail.token);
    expect(claims.result.actions.map((a) => a.action)).to.deep.equal(['blink']);
    // The closure the engine accepts: from blinkQuickClosure for a quick blink, seen on one frame or two.
    expect(claims.result.actions[0]!.metric).to.be.at.least(DEFAULT_LIVENESS_CONFIG.blinkQuickClosure);
    await expectEvidence(detail.token, claims, ['blink']);
    await expectFrontalEyesOpen(claims);
    // The burst shows the blink itself: measured on its JPEGs, the eyes close at the peak and open again after.
    const burst = await measure(claims.evidence.actions[0]!.frames);
    const opening = burst.map((m) => Math.min(m.leftEyeOpening, m.rightEyeOpening));
    const closest = opening.indexOf(Math.min(...opening));
    // Re-measured on the JPEG crops, at least half the closure the engine needs for a quick blink.
    expect(opening[closest]! / Math.max(...opening), `eye openings ${opening.join(', ')}`).to.be.below(1 - DEFAULT_LIVENESS_CONFIG.blinkQuickClosure / 2);
    expect(closest, 'closed between the first and last frames').to.be.within(1, opening.length - 2);
    // After success the camera is released.
    expect(shadow(element).querySelector('video')!.srcObject).to.equal(null);
  });

  it('stops the camera and terminates the worker when removed mid-check', async () => {
    const terminated: Worker[] = [];
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function (this: Worker) {
      terminated.push(this);
      terminate.call(this);
    };
    try {
      element = createElement({ consented: true, actions: 'turn-left', 'action-count': '1' });
      await element.start();
      await until(() => element!.status === 'checking', 'the check');
      const tracks = (shadow(element).querySelector('video')!.srcObject as MediaStream).getTracks();
      expect(tracks.every((track) => track.readyState === 'live')).to.equal(true);
      element.remove();
      expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
      await until(() => terminated.length === 1, 'the worker terminated', 10_000);
    } finally {
      Worker.prototype.terminate = terminate;
    }
  });

  it('pauses when the tab is hidden: camera released, aborted error that can be retried', async () => {
    element = createElement({ consented: true, actions: 'nod', 'action-count': '1' });
    await element.start();
    await until(() => element!.status === 'checking', 'the check');
    const tracks = (shadow(element).querySelector('video')!.srcObject as MediaStream).getTracks();
    const error = nextEvent(element, 'liveness-error', 5000);
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect((await error).detail).to.include({ code: 'aborted', retryable: true });
      expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
      expect(shadow(element).querySelector('button')!.textContent!.trim()).to.equal('再试一次');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    }
  });

  it('releases the camera on stop() and returns to the first screen', async () => {
    element = createElement({ consented: true, actions: 'nod', 'action-count': '1' });
    await element.start();
    await until(() => element!.status === 'checking', 'the check');
    const tracks = (shadow(element).querySelector('video')!.srcObject as MediaStream).getTracks();
    element.stop();
    expect(tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(element.status).to.equal('ready');
  });
});
