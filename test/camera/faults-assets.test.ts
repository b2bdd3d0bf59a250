/**
 * The fault matrix, part 1: broken assets and a dying worker, through the element with Chromium's fake
 * camera. Each fault ends in its typed outcome, the camera is released, no worker is left behind, and the
 * next attempt works once the fault is gone.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, nextEvent, shadow, until } from '../helpers/element.js';
import { spyOnPage, type Spies } from '../helpers/spies.js';

const faulty = (fault: string) => new URL(`/faulty/${fault}/`, location.href).href;
const DIST = new URL('/dist/', location.href).href;

function retryButton(element: FaceLiveness): HTMLButtonElement | null {
  return shadow(element).querySelector<HTMLButtonElement>('.buttons button');
}

describe('fault matrix: assets and worker', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  let spies: Spies;
  beforeEach(() => {
    spies = spyOnPage();
  });
  afterEach(() => {
    element?.remove();
    spies.restore();
  });

  /** Starts a one-blink check; the fake camera's man blinks about once a second. */
  function blinkCheck(assetsUrl: string): FaceLiveness {
    element = createElement({ consented: true, actions: 'blink', 'action-count': '1', 'assets-url': assetsUrl, lang: 'en' });
    return element;
  }

  async function expectRetrySucceeds(el: FaceLiveness) {
    const success = nextEvent(el, 'liveness-success', 90_000);
    retryButton(el)!.click();
    await success;
    expect(el.status).to.equal('success');
    await until(() => spies.camerasReleased(), 'the camera released after success', 5000);
  }

  for (const fault of ['model-json-404', 'model-json-corrupt', 'weights-truncated']) {
    it(`${fault} → model-load-failed; camera released, worker gone; retry works once the models are served`, async () => {
      const el = blinkCheck(faulty(fault));
      const error = nextEvent(el, 'liveness-error', 60_000);
      await el.start();
      const { detail } = await error;
      expect(detail).to.include({ code: 'model-load-failed', retryable: true });
      expect(el.status).to.equal('error');
      expect(spies.camerasReleased(), 'camera released').to.equal(true);
      await until(() => spies.liveWorkers().length === 0, 'the failed worker terminated', 5000);
      el.assetsUrl = DIST;
      await expectRetrySucceeds(el);
    });
  }

  it('wasm-404 on a software GPU → falls back to another backend, says so, and the check passes', async () => {
    const el = blinkCheck(faulty('wasm-404'));
    const ready = nextEvent(el, 'liveness-ready', 60_000);
    const success = nextEvent(el, 'liveness-success', 90_000);
    const { detail } = await ready;
    expect(detail.backend).to.not.equal('wasm');
    expect(detail.reason).to.equal('fallback');
    await el.start();
    await success;
  });

  it('worker script 404 → worker-failed, not retryable, camera released', async () => {
    const el = blinkCheck(faulty('worker-404'));
    const error = nextEvent(el, 'liveness-error', 60_000);
    await el.start();
    expect((await error).detail).to.include({ code: 'worker-failed', retryable: false });
    expect(retryButton(el), 'no retry button for a fault that stays').to.equal(null);
    expect(spies.camerasReleased()).to.equal(true);
    expect(spies.liveWorkers()).to.have.length(0);
  });

  it('the worker killed mid-check → worker-failed (retryable) within the call limit; Retry starts a new worker and passes', async () => {
    const el = blinkCheck(DIST);
    await nextEvent(el, 'liveness-ready', 60_000);
    const error = nextEvent(el, 'liveness-error', 40_000);
    await el.start();
    await until(() => el.status === 'checking', 'the check');
    const [first] = spies.liveWorkers();
    first!.terminate();
    const { detail } = await error;
    expect(detail).to.include({ code: 'worker-failed', retryable: true });
    expect(spies.camerasReleased()).to.equal(true);
    await expectRetrySucceeds(el);
    const live = spies.liveWorkers();
    expect(live).to.have.length(1);
    expect(live[0]).to.not.equal(first);
  });

  it('a finished check leaves the worker with no more tensors than it had when ready', async () => {
    const el = blinkCheck(DIST);
    await nextEvent(el, 'liveness-ready', 60_000);
    const [worker] = spies.liveWorkers();
    const before = await spies.tensors(worker!);
    const success = nextEvent(el, 'liveness-success', 90_000);
    await el.start();
    await success;
    expect(await spies.tensors(worker!)).to.equal(before);
    el.remove();
    await until(() => spies.liveWorkers().length === 0, 'the worker terminated on removal', 5000);
  });
});
