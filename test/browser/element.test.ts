/**
 * <face-liveness> as a portal uses it (the built dist/face-liveness.js). Each screen is checked for
 * accessibility first; the check itself runs on real fixture clips supplied as the element's `stream`.
 * This browser has no camera, which the camera-less tests rely on.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { axeViolations, createElement, defineElement, fixtureStream, nextEvent, shadow, until, verifyJws } from '../helpers/element.js';
import { expectEvidence, expectFrontalEyesOpen } from '../helpers/evidence.js';

async function expectAccessible(element: FaceLiveness) {
  await element.updateComplete;
  expect(await axeViolations(element), `${element.status} screen`).to.deep.equal([]);
  const root = shadow(element);
  for (const button of root.querySelectorAll<HTMLElement>('[part~="button"]')) {
    const { width, height } = button.getBoundingClientRect();
    expect(Math.min(width, height), `button "${button.textContent?.trim()}"`).to.be.at.least(60);
  }
  const prompt = root.querySelector<HTMLElement>('[part="prompt"]');
  if (prompt?.textContent) expect(parseFloat(getComputedStyle(prompt).fontSize)).to.be.at.least(24);
  expect(parseFloat(getComputedStyle(root.querySelector('.base')!).fontSize)).to.be.at.least(18);
}

describe('<face-liveness>', () => {
  before(defineElement);
  let element: FaceLiveness;
  const stops: (() => void)[] = [];

  afterEach(() => {
    element?.remove();
    for (const stop of stops.splice(0)) stop();
  });

  describe('consent', () => {
    it('comes first, is accessible, and says what is captured, why and where it goes', async () => {
      element = createElement();
      await expectAccessible(element);
      expect(element.status).to.equal('consent');
      const points = shadow(element).querySelectorAll('.points li');
      expect(points).to.have.length(3);
      expect(shadow(element).querySelector('video')!.srcObject).to.equal(null);
    });

    it('can be declined, leaving the host’s alternative', async () => {
      element = createElement();
      element.innerHTML = '<a slot="alternative" href="#counter">Visit a service counter</a>';
      await element.updateComplete;
      const [, decline] = shadow(element).querySelectorAll<HTMLButtonElement>('button');
      decline!.click();
      await element.updateComplete;
      expect(element.status).to.equal('declined');
      expect(shadow(element).querySelector<HTMLSlotElement>('slot[name="alternative"]')!.assignedElements()).to.have.length(1);
      await expectAccessible(element);
    });

    it('is operated by keyboard: Tab to the button, Enter starts; focus follows to Retry, Enter retries', async () => {
      // An unreachable challenge endpoint gives a retryable error after the consent.
      const clip = await fixtureStream('still-man.mp4');
      stops.push(clip.stop);
      element = createElement({ 'challenge-url': '/no-such-endpoint' });
      element.stream = clip.stream;
      await element.updateComplete;
      const errors: string[] = [];
      element.addEventListener('liveness-error', (e) => errors.push(e.detail.code));
      await sendKeys({ press: 'Tab' });
      expect(shadow(element).activeElement?.textContent?.trim()).to.equal('同意并开始');
      await sendKeys({ press: 'Enter' });
      await until(() => element.status === 'error', 'the challenge error');
      expect(errors).to.deep.equal(['challenge-failed']);
      await element.updateComplete;
      expect(shadow(element).activeElement?.textContent?.trim()).to.equal('再试一次');
      await sendKeys({ press: 'Enter' });
      await until(() => errors.length === 2, 'a second attempt');
    });

    it('without a camera, reports it and explains, with no button to retry in vain', async () => {
      element = createElement({ consented: true });
      const error = nextEvent(element, 'liveness-error', 30_000);
      await element.start();
      const { detail } = await error;
      expect(detail.code).to.equal('camera-not-found');
      expect(shadow(element).querySelector('[part="prompt"]')!.textContent).to.equal('没有找到摄像头。');
      expect(shadow(element).querySelector('button')).to.equal(null);
      await expectAccessible(element);
    });

    it('is skipped with `consented`, which shows a start button instead', async () => {
      element = createElement({ consented: true, lang: 'en' });
      await expectAccessible(element);
      expect(element.status).to.equal('ready');
      expect(shadow(element).querySelector('button')!.textContent!.trim()).to.equal('Start the check');
    });
  });

  describe('server mode', () => {
    it('turns a failing challenge endpoint into a retryable challenge-failed error, not a hang', async () => {
      const clip = await fixtureStream('still-man.mp4');
      stops.push(clip.stop);
      element = createElement({ consented: true, 'challenge-url': '/no-such-endpoint' });
      element.stream = clip.stream;
      const error = nextEvent(element, 'liveness-error', 20_000);
      await element.start();
      const { detail } = await error;
      expect(detail).to.include({ code: 'challenge-failed', retryable: true });
      expect(element.status).to.equal('error');
      expect(shadow(element).querySelector('[part="prompt"]')!.textContent).to.contain('无法连接服务器');
      await expectAccessible(element);
    });
  });

  describe('a check on real video', () => {
    it('proves a wide-open mouth and emits a token whose signature, claims and evidence hold', async () => {
      // The clip's wide "O" is at 11.24–14.8 s: start early enough that the still hold before the action (about
      // 1–2 s) ends before it, and after the talking that ends at 8.8 s.
      const clip = await fixtureStream('mouth-open-man.mp4', 9);
      stops.push(clip.stop);
      element = createElement({ consented: true, actions: 'mouth-open', 'action-count': '1', lang: 'en', required: true });
      element.stream = clip.stream;
      // In a form, the token is the field's value, and the form is invalid until the check succeeded.
      const form = document.createElement('form');
      form.append(element);
      document.body.append(form);
      stops.push(() => form.remove());
      expect(form.checkValidity()).to.equal(false);
      const progress: string[] = [];
      element.addEventListener('liveness-progress', (e) => progress.push(`${e.detail.phase}${e.detail.action ? `:${e.detail.action}` : ''}`));
      const success = nextEvent(element, 'liveness-success', 90_000);
      await element.start();
      await until(() => element.status === 'checking', 'the check');
      await expectAccessible(element);
      const { detail } = await success;
      expect(progress).to.include('action:mouth-open');
      expect(element.token).to.equal(detail.token);
      const { header, claims } = await verifyJws(detail.token);
      expect(header).to.include({ alg: 'ES256', typ: 'face-liveness+jws' });
      expect(header.jwk).to.not.have.property('d');
      expect(claims.mode).to.equal('local');
      expect(claims.result.passed).to.equal(true);
      expect(claims.result.actions.map((a) => a.action)).to.deep.equal(['mouth-open']);
      expect(claims.result.actions[0]!.metric).to.be.above(0.35);
      expect(claims.challenge.actions).to.deep.equal(['mouth-open']);
      await expectEvidence(detail.token, claims, ['mouth-open']);
      expect(claims.evidence.frontal.t).to.be.closeTo(Date.now(), 120_000);
      await expectFrontalEyesOpen(claims);
      expect(detail.result).to.deep.equal(claims.result);
      expect(element.status).to.equal('success');
      // How the check ran, kept after it ended.
      const stats = element.stats;
      expect(stats.backend).to.equal('wasm');
      expect(stats.frames).to.be.above(10);
      expect(stats.fps).to.be.above(1);
      expect(stats.frameMs.median).to.be.above(0);
      expect(stats.frameMs.p95).to.be.at.least(stats.frameMs.median);
      expect(stats.dropped).to.be.at.least(0);
      expect(form.checkValidity()).to.equal(true);
      expect(new FormData(form).get('face-liveness-token')).to.equal(detail.token);
      element.reset();
      expect(element.token).to.equal(null);
      expect(new FormData(form).get('face-liveness-token')).to.equal(null);
      expect(form.checkValidity()).to.equal(false);
      await expectAccessible(element);
    });

    it('fails with action-timeout on a still face asked to blink, counting attempts down', async () => {
      // still-man blinks only in the first 0.25 s: play the rest once, at half speed so both attempts fit.
      const clip = await fixtureStream('still-man.mp4', 0.5, { once: true, rate: 0.5 });
      stops.push(clip.stop);
      element = createElement({ consented: true, actions: 'blink', 'action-count': '1', 'action-timeout': '2', 'max-attempts': '2', lang: 'en' });
      element.stream = clip.stream;
      const first = nextEvent(element, 'liveness-fail', 60_000);
      await element.start();
      expect((await first).detail).to.deep.equal({ reason: 'action-timeout', attemptsLeft: 1 });
      expect(element.status).to.equal('failed');
      expect(shadow(element).querySelector('.detail')!.textContent).to.contain('1 more time');
      await expectAccessible(element);
      const second = nextEvent(element, 'liveness-fail', 60_000);
      shadow(element).querySelector<HTMLButtonElement>('button')!.click();
      expect((await second).detail).to.deep.equal({ reason: 'action-timeout', attemptsLeft: 0 });
      expect(shadow(element).querySelector('button')).to.equal(null);
      expect(element.token).to.equal(null);
    });
  });

  describe('positioning clock', () => {
    it('ends a check where the person never gets placed with positioning-timeout and the advice that was showing', async () => {
      // Faces of 25–50 px, never large enough to start.
      const clip = await fixtureStream('spoof-phone-and-print-tiny.mp4');
      stops.push(clip.stop);
      element = createElement({ consented: true, actions: 'blink', 'action-count': '1', 'positioning-timeout': '2', 'max-attempts': '2', lang: 'en' });
      element.stream = clip.stream;
      const failed = nextEvent(element, 'liveness-fail', 60_000);
      await element.start();
      expect((await failed).detail).to.deep.equal({ reason: 'positioning-timeout', attemptsLeft: 1 });
      const prompt = shadow(element).querySelector('.prompt')?.textContent ?? '';
      expect(prompt).to.contain('could not see the face');
      expect(prompt.length).to.be.greaterThan('We could not see the face well enough to start.'.length, 'the advice follows');
      await expectAccessible(element);
    });
  });

  describe('without a camera API (older web-views)', () => {
    let mediaDevices: PropertyDescriptor | undefined;
    before(() => {
      mediaDevices = Object.getOwnPropertyDescriptor(Navigator.prototype, 'mediaDevices');
      Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: () => undefined });
    });
    after(() => Object.defineProperty(Navigator.prototype, 'mediaDevices', mediaDevices!));

    it('offers to take a photo instead', async () => {
      element = createElement();
      await expectAccessible(element);
      expect(element.status).to.equal('photo');
      const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
      expect(input.accept).to.equal('image/*');
      expect(input.getAttribute('capture')).to.equal('user');
    });

    /** Picks a fixture photo in the element's file input, as the person would after taking it. */
    async function choosePhoto(name: string) {
      const blob = await (await fetch(`/fixtures/photos/${name}`)).blob();
      const files = new DataTransfer();
      files.items.add(new File([blob], name, { type: blob.type }));
      const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    }

    it('signs a photo mode payload from a real frontal photo, with the frontal evidence only', async () => {
      element = createElement({ lang: 'en' });
      await element.updateComplete;
      const success = nextEvent(element, 'liveness-success', 60_000);
      await choosePhoto('man-glasses-frontal.jpg');
      const { claims } = await verifyJws((await success).detail.token);
      expect(claims.mode).to.equal('photo');
      expect(claims.result.actions).to.deep.equal([]);
      await expectEvidence((await success).detail.token, claims, []);
    });

    it('asks for another photo when there is no face in it', async () => {
      element = createElement({ lang: 'en' });
      await element.updateComplete;
      await choosePhoto('no-face-coffee.png');
      await until(() => shadow(element).querySelector('[part="prompt"]')?.textContent === 'No face seen. Please look at the screen', 'the no-face advice');
      expect(element.status).to.equal('photo');
      expect(element.token).to.equal(null);
    });
  });
});
