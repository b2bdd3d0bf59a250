/**
 * The fault matrix, part 2: the host's challenge endpoint, the camera, and what a page or a person does
 * during a check (remove the element, start twice, change settings), with Chromium's fake camera.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, fixtureStream, nextEvent, shadow, until, verifyJws } from '../helpers/element.js';
import { spyOnPage, type Spies } from '../helpers/spies.js';

describe('fault matrix: challenge, camera and page', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  let spies: Spies;
  const stops: (() => void)[] = [];
  beforeEach(() => {
    spies = spyOnPage();
  });
  afterEach(() => {
    element?.remove();
    spies.restore();
    for (const stop of stops.splice(0)) stop();
  });

  function check(attributes: Record<string, string> = {}): FaceLiveness {
    element = createElement({ consented: true, actions: 'blink', 'action-count': '1', lang: 'en', ...attributes });
    return element;
  }

  const prompt = (el: FaceLiveness) => shadow(el).querySelector('[part="prompt"]')?.textContent ?? '';

  const endpointFaults = [
    { kind: 'status-500', code: 'challenge-failed', within: 10_000 },
    { kind: 'invalid-json', code: 'challenge-failed', within: 10_000 },
    { kind: 'hang', code: 'timeout', within: 20_000 },
    { kind: 'expired', code: 'challenge-expired', within: 10_000 },
  ];
  for (const { kind, code, within } of endpointFaults) {
    it(`challenge endpoint ${kind} → ${code} (retryable) within ${within / 1000} s, camera released`, async () => {
      const el = check({ 'challenge-url': `/challenge/${kind}` });
      const error = nextEvent(el, 'liveness-error', within);
      await el.start();
      expect((await error).detail).to.include({ code, retryable: true });
      expect(spies.camerasReleased()).to.equal(true);
      expect(shadow(el).querySelector('.buttons button'), 'a retry button').to.not.equal(null);
    });
  }

  it('a challenge that expires mid-check → challenge-expired; Retry fetches a new challenge and the check passes with it', async () => {
    const key = crypto.randomUUID();
    // The first challenge lives 4 s and asks for a turn the man never makes; the next asks for a blink.
    const el = check({ 'challenge-url': `/challenge/short-then-normal/${key}?actions=turn-left`, 'action-timeout': '60' });
    const expired = nextEvent(el, 'liveness-error', 20_000);
    await el.start();
    expect((await expired).detail).to.include({ code: 'challenge-expired', retryable: true });
    expect(spies.camerasReleased()).to.equal(true);
    el.challengeUrl = `/challenge/short-then-normal/${key}?actions=blink`;
    const success = nextEvent(el, 'liveness-success', 90_000);
    shadow(el).querySelector<HTMLButtonElement>('.buttons button')!.click();
    const { claims } = await verifyJws((await success).detail.token);
    const issued: string[] = await (await fetch(`/challenge/issued/${key}`, { method: 'POST' })).json();
    expect(issued).to.have.length(2);
    expect(claims.challenge.id).to.equal(issued[1]);
    expect(claims.mode).to.equal('server');
  });

  it('camera in use (the browser refuses with NotReadableError) → camera-in-use, retryable', async () => {
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));
    stops.push(() => (navigator.mediaDevices.getUserMedia = original));
    const el = check();
    const error = nextEvent(el, 'liveness-error', 10_000);
    await el.start();
    expect((await error).detail).to.include({ code: 'camera-in-use', retryable: true });
  });

  it('the camera track ending mid-action (unplugged, taken over) → camera-ended; the retry reopens it and passes', async () => {
    const el = check({ actions: 'turn-left', 'action-timeout': '60' });
    const error = nextEvent(el, 'liveness-error', 30_000);
    await el.start();
    await until(() => el.status === 'checking' && prompt(el).includes('turn your head'), 'the turn being asked for');
    const [track] = spies.streams[0]!.getVideoTracks();
    // What the browser does when the device goes away: the track ends and says so.
    track!.stop();
    track!.dispatchEvent(new Event('ended'));
    expect((await error).detail).to.include({ code: 'camera-ended', retryable: true });
    expect(spies.camerasReleased()).to.equal(true);
    el.actions = 'blink';
    const success = nextEvent(el, 'liveness-success', 90_000);
    shadow(el).querySelector<HTMLButtonElement>('.buttons button')!.click();
    await success;
    expect(spies.streams).to.have.length(2);
  });

  it('the element removed while signing → no success, camera released, worker terminated', async () => {
    const el = check();
    let succeeded = false;
    el.addEventListener('liveness-success', () => (succeeded = true));
    // `passed` is announced just before signing starts.
    el.addEventListener('liveness-progress', (e) => e.detail.phase === 'passed' && el.remove());
    await el.start();
    await until(() => !el.isConnected, 'the element removed at signing', 60_000);
    expect(spies.camerasReleased()).to.equal(true);
    await until(() => spies.liveWorkers().length === 0, 'the worker terminated', 3000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(succeeded).to.equal(false);
  });

  it('start() twice opens one camera and runs one check', async () => {
    const el = check();
    const success = nextEvent(el, 'liveness-success', 90_000);
    await Promise.all([el.start(), el.start()]);
    await success;
    expect(spies.streams).to.have.length(1);
  });

  it('actions changed mid-check apply to the next check; lang changed mid-check switches the words at once', async () => {
    const el = check({ actions: 'turn-left', 'action-timeout': '4', 'max-attempts': '2' });
    // Generous: on a loaded machine frames come slowly, and the action's clock runs only while a face is seen.
    const failed = nextEvent(el, 'liveness-fail', 120_000);
    await el.start();
    await until(() => prompt(el).includes('turn your head'), 'the English prompt');
    el.actions = 'blink';
    el.lang = 'zh-CN';
    await until(() => prompt(el).includes('转向'), 'the Chinese prompt of the same action');
    const { detail } = await failed;
    expect(detail.reason).to.equal('action-timeout');
    expect(prompt(el)).to.contain('左');
    const success = Promise.race([
      nextEvent(el, 'liveness-success', 90_000),
      nextEvent(el, 'liveness-fail', 90_000).then(({ detail }) => Promise.reject(new Error(`the blink check failed: ${detail.reason}`))),
    ]);
    shadow(el).querySelector<HTMLButtonElement>('.buttons button')!.click();
    const { claims } = await verifyJws((await success).detail.token);
    expect(claims.challenge.actions).to.deep.equal(['blink']);
  });

  it('a device giving 3 frames a second still proves a held mouth opening', async () => {
    const clip = await fixtureStream('mouth-open-man.mp4', 9);
    stops.push(clip.stop);
    // The clip drawn into a canvas captured at 3 frames a second, as a cheap phone's camera delivers.
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = clip.stream;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 300;
    const context = canvas.getContext('2d')!;
    const draw = setInterval(() => context.drawImage(video, 0, 0, canvas.width, canvas.height), 50);
    stops.push(() => clearInterval(draw));
    const slow = canvas.captureStream(3);
    stops.push(() => slow.getTracks().forEach((track) => track.stop()));
    const el = check({ actions: 'mouth-open' });
    el.stream = slow;
    const success = nextEvent(el, 'liveness-success', 90_000);
    await el.start();
    const { claims } = await verifyJws((await success).detail.token);
    expect(claims.result.actions.map((a) => a.action)).to.deep.equal(['mouth-open']);
  });
});
