/**
 * Head turns end to end, with Chromium's fake camera playing head-turn-woman.mp4 (see web-test-runner.config.mjs):
 * a woman who keeps turning her head left and right and never holds still facing the camera. Her face is
 * about 160 px high in the camera's 640×480 frames (90 px in the 480×270 source). The check takes its challenge
 * from the built `face-liveness/server` (test/helpers/verifier.mjs), must take a baseline and see the turn it asks
 * for within the attempts a portal allows, and the server's own analysis of the token must confirm that turn.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Action } from '../../src/core/challenge.js';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import type { LivenessSuccessDetail } from '../../src/element/events.js';
import { createElement, defineElement, nextEvent, verifyJws } from '../helpers/element.js';
import { expectEvidence, measure } from '../helpers/evidence.js';

/** The attempts a portal allows before manual review. */
const ATTEMPTS = 3;

interface Verdict {
  success: boolean;
  errorCodes: string[];
  actions: { action: Action; confirmed: boolean }[];
  identity: { minLink: number | null } | null;
}

/** Runs attempts until one succeeds (resolves its detail) or none is left (rejects with every failure's reason). */
async function passWithin(element: FaceLiveness): Promise<LivenessSuccessDetail> {
  const failures: string[] = [];
  for (;;) {
    const outcome = Promise.race([
      nextEvent(element, 'liveness-success', 90_000).then(({ detail }) => ({ detail })),
      nextEvent(element, 'liveness-fail', 90_000).then(({ detail }) => ({ failure: detail })),
      nextEvent(element, 'liveness-error', 90_000).then(({ detail }) => Promise.reject(new Error(`${detail.code}: ${detail.message}`))),
    ]);
    await element.start();
    const result = await outcome;
    const { backend, fps, frameMs, dropped } = element.stats;
    console.log(`attempt ${failures.length + 1}: ${'detail' in result ? 'passed' : result.failure.reason}, ${backend} ${fps.toFixed(1)} fps, ${frameMs.median.toFixed(0)} ms a frame (p95 ${frameMs.p95.toFixed(0)}), ${dropped} dropped`);
    if ('detail' in result) return result.detail;
    failures.push(result.failure.reason);
    if (result.failure.attemptsLeft === 0) throw new Error(`every attempt failed: ${failures.join(', ')}`);
  }
}

describe('<face-liveness> with the fake camera (head-turn-woman.mp4), verified by face-liveness/server', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  afterEach(() => element?.remove());

  for (const action of ['turn-right', 'turn-left'] as Action[]) {
    it(`passes a check asking for ${action} within ${ATTEMPTS} attempts, with a burst that shows the turn and that the server confirms`, async () => {
      element = createElement({ consented: true, 'challenge-url': `/verifier/challenge?actions=${action}`, lang: 'en', 'max-attempts': String(ATTEMPTS) });
      const detail = await passWithin(element);
      const { claims } = await verifyJws(detail.token);
      expect(claims.result.actions.map((a) => a.action)).to.deep.equal([action]);
      expect(claims.result.actions[0]!.metric, 'degrees turned').to.be.at.least(15);
      await expectEvidence(detail.token, claims, [action]);
      // Measured on the JPEGs: before the claimed completion her yaw moves toward the asked side (her own left is
      // positive yaw) from the burst's first frame. (The last frame may already show her next movement.)
      const { frames } = claims.evidence.actions[0]!;
      const side = action === 'turn-left' ? 1 : -1;
      const yaw = (await measure(frames)).map((m) => side * m.yaw);
      const completion = frames.findIndex((f) => f.t === claims.result.actions[0]!.completedAt);
      const shown = `yaw ${yaw.map((y) => y.toFixed(1)).join(', ')}, completed at frame ${completion}`;
      expect(Math.max(...yaw.slice(0, completion + 1)) - yaw[0]!, shown).to.be.above(12);
      // The server decides: its own analysis of the evidence confirms the turn and one person throughout.
      const verdict = (await executeServerCommand('verify-token', { token: detail.token })) as Verdict;
      expect(verdict.errorCodes, JSON.stringify(verdict)).to.deep.equal([]);
      expect(verdict.success).to.equal(true);
      expect(verdict.actions).to.deep.equal([{ action, confirmed: true }]);
    });
  }
});
