/**
 * Help when an action does not come, for a person who has not understood (often old, with a helper): the
 * prompt is said again with one concrete tip halfway through the action's time, and a missed action's
 * failure names it with that tip. On a real clip of a man who does not blink.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, fixtureStream, nextEvent, shadow, until } from '../helpers/element.js';

describe('<face-liveness> help with a missed action', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  const stops: (() => void)[] = [];
  afterEach(() => {
    element?.remove();
    for (const stop of stops.splice(0)) stop();
  });

  for (const { lang, tip, failure } of [
    { lang: 'en', tip: 'Close your eyes fully, then open them.', failure: 'We did not see you blink. Close your eyes fully, then open them.' },
    { lang: 'zh-CN', tip: '眨眼要闭紧再睁开。', failure: '没有看到您眨眼。眨眼要闭紧再睁开。' },
  ]) {
    it(`${lang}: repeats the blink prompt with its tip halfway, then names the missed blink and the tip`, async () => {
      // still-man blinks only in the first 0.25 s; from 0.5 s on he holds still.
      const clip = await fixtureStream('still-man.mp4', 0.5, { rate: 0.5 });
      stops.push(clip.stop);
      element = createElement({ consented: true, actions: 'blink', 'action-count': '1', 'action-timeout': '6', lang });
      element.removeAttribute('no-voice');
      const spoken: string[] = [];
      element.voice = { speak: (text) => spoken.push(text), cancel: () => undefined };
      element.stream = clip.stream;
      const root = shadow(element);
      const failed = nextEvent(element, 'liveness-fail', 60_000);
      let askedAt = 0;
      element.addEventListener('liveness-progress', (e) => e.detail.phase === 'action' && (askedAt ||= performance.now()));
      await element.start();
      await until(() => root.querySelector('.detail')?.textContent === tip, 'the tip on screen', 30_000);
      const shownAfter = performance.now() - askedAt;
      expect(shownAfter, 'the tip comes about halfway through the 6 s').to.be.within(2500, 5900);
      const prompt = root.querySelector('[part="prompt"]')!.textContent!;
      expect(spoken.filter((text) => text.includes(tip)), 'said once, with the prompt').to.have.length(1);
      expect(spoken.find((text) => text.includes(tip))).to.contain(prompt);
      expect(root.querySelector('[part="prompt"]')!.textContent, 'no countdown').to.not.match(/\d/);
      expect((await failed).detail.reason).to.equal('action-timeout');
      expect(root.querySelector('[part="prompt"]')!.textContent).to.equal(failure);
    });
  }
});
