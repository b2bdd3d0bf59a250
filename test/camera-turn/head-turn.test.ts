/**
 * Head turns end to end, with Chromium's fake camera playing head-turn-woman.mp4 (see web-test-runner.config.mjs):
 * a woman who keeps turning her head left and right and never holds still facing the camera. Her face is
 * about 160 px high in the camera's 640×480 frames (90 px in the 480×270 source). The check must still take a
 * baseline and see the turn it asks for, and the token's burst must show that turn.
 */
import { expect } from '@esm-bundle/chai';
import type { Action } from '../../src/core/challenge.js';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, nextEvent, verifyJws } from '../helpers/element.js';
import { expectEvidence, measure } from '../helpers/evidence.js';

describe('<face-liveness> with the fake camera (head-turn-woman.mp4)', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  afterEach(() => element?.remove());

  for (const action of ['turn-right', 'turn-left'] as Action[]) {
    it(`passes a check asking for ${action}, with a burst that shows the head turning to that side and back`, async () => {
      element = createElement({ consented: true, actions: action, 'action-count': '1', lang: 'en', 'max-attempts': '1' });
      const outcome = Promise.race([
        nextEvent(element, 'liveness-success', 90_000),
        nextEvent(element, 'liveness-fail', 90_000).then(({ detail }) => Promise.reject(new Error(`failed: ${detail.reason}`))),
      ]);
      await element.start();
      const { detail } = await outcome;
      const { claims } = await verifyJws(detail.token);
      expect(claims.result.actions.map((a) => a.action)).to.deep.equal([action]);
      expect(claims.result.actions[0]!.metric, 'degrees turned').to.be.at.least(15);
      await expectEvidence(detail.token, claims, [action]);
      // Measured on the JPEGs: before the claimed completion her yaw moves toward the asked side (her own left is
      // positive yaw) from the burst's first frame, and at the completion it is back at least half-way. (The last
      // frame may already show her next movement: she never holds still.)
      const { frames } = claims.evidence.actions[0]!;
      const side = action === 'turn-left' ? 1 : -1;
      const yaw = (await measure(frames)).map((m) => side * m.yaw);
      const completion = frames.findIndex((f) => f.t === claims.result.actions[0]!.completedAt);
      const during = yaw.slice(0, completion);
      const turned = Math.max(...during) - yaw[0]!;
      const shown = `yaw ${yaw.map((y) => y.toFixed(1)).join(', ')}, completed at frame ${completion}`;
      expect(during.indexOf(Math.max(...during)), shown).to.be.above(0);
      expect(turned, shown).to.be.above(12);
      expect(yaw[completion]! - yaw[0]!, shown).to.be.below(turned / 2);
    });
  }
});
