/**
 * A slow page: the page's CPU slowed ×4 with the DevTools protocol (test/helpers/cpu-throttle.mjs), as the main
 * thread of a cheap phone. Chromium applies that throttle to the page only, not to the detector's worker
 * (measured: 8–12 frames a second throttled against 10–14 without), so this proves that a slow main thread
 * (grabbing frames, drawing the guide, signing) does not break a check; a slow detector is what the 3-frames-a-
 * second tests (faults-check.test.ts, test/liveness) cover. A genuine blink (the fake camera's
 * blink-man-glasses.mp4) and a held mouth opening (mouth-open-man.mp4 from 9 s, played into the element's
 * `stream`) must pass; the frame rate is logged, not asserted.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, fixtureStream, nextEvent, verifyJws } from '../helpers/element.js';

/** The slow-down of a cheap phone's CPU against this machine's. */
const THROTTLE = 4;

describe('<face-liveness> with the page\'s CPU slowed ×4', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  const stops: (() => void)[] = [];
  afterEach(async () => {
    await executeServerCommand('throttle-cpu', { rate: 1 });
    element?.remove();
    for (const stop of stops.splice(0)) stop();
  });

  async function passesThrottled(action: 'blink' | 'mouth-open', stream?: MediaStream): Promise<void> {
    element = createElement({ consented: true, actions: action, 'action-count': '1', lang: 'en', 'max-attempts': '1' });
    if (stream) element.stream = stream;
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    const outcome = Promise.race([
      nextEvent(element, 'liveness-success', 120_000),
      nextEvent(element, 'liveness-fail', 120_000).then(({ detail }) => Promise.reject(new Error(`failed: ${detail.reason}, ${element!.stats.fps.toFixed(1)} fps`))),
    ]);
    await element.start();
    await ready;
    expect(await executeServerCommand('throttle-cpu', { rate: THROTTLE })).to.equal(true);
    const { detail } = await outcome;
    const { claims } = await verifyJws(detail.token);
    expect(claims.result.actions.map((a) => a.action)).to.deep.equal([action]);
    const { fps, frameMs } = element.stats;
    console.log(`${action} ×${THROTTLE}: ${fps.toFixed(1)} fps, ${frameMs.median.toFixed(0)} ms a frame (p95 ${frameMs.p95.toFixed(0)})`);
  }

  it(`proves a genuine blink with the page slowed ×${THROTTLE}`, () => passesThrottled('blink'));

  it(`proves a held mouth opening with the page slowed ×${THROTTLE}`, async () => {
    const clip = await fixtureStream('mouth-open-man.mp4', 9);
    stops.push(clip.stop);
    await passesThrottled('mouth-open', clip.stream);
  });
});
