/**
 * The demo page as a tester opens it on a 390-px phone: the demo server as a real process, real Chromium with
 * its fake camera playing a real blinking face. Nothing runs off the screen, before or after a check whose
 * decoded token is shown, and the tester's choice of actions reaches the challenge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath, fakeCameraFile } from '../../scripts/lib/environment.mjs';
import { startDemo, type DemoProcess } from '../server/demo-process.js';

const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

describe('the demo page on a phone', () => {
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo({});
    browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        ...chromiumArgs(),
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeCameraFile('blink-man-glasses.mp4')}`,
      ],
    });
    page = await browser.newPage();
    await page.setViewport(PHONE);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /** Elements wider than the screen: the page's own and every overflowing box, named. */
  const overflow = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`);
      return { scrollWidth: document.documentElement.scrollWidth, width, wide };
    });

  it('fits 390 px when it opens', async () => {
    await page.goto(`${demo.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('face-liveness') !== undefined);
    const { scrollWidth, width, wide } = await overflow();
    assert.deepEqual(wide, []);
    assert.ok(scrollWidth <= width, `page ${scrollWidth} px wide on a ${width}-px screen`);
  });

  it('runs a check with the actions the tester chose, in server mode, and still fits with the decoded token and the verdict', async () => {
    const challenges: string[] = [];
    page.on('request', (request) => request.url().includes('/api/liveness/challenge') && challenges.push(request.url()));
    await page.select('select[name="mode"]', 'server');
    // Only the blink: the fake camera's man blinks but never turns or nods.
    for (const action of ['mouth-open', 'turn-left', 'turn-right', 'nod']) await page.click(`input[name="actions"][value="${action}"]`);
    await page.select('select[name="count"]', '1');
    await page.evaluate(() => {
      const check = document.getElementById('check')!;
      (window as unknown as { done: Promise<string> }).done = new Promise((resolve) => {
        check.addEventListener('liveness-success', () => resolve('success'), { once: true });
        check.addEventListener('liveness-fail', (e) => resolve(`fail ${JSON.stringify((e as CustomEvent).detail)}`), { once: true });
        check.addEventListener('liveness-error', (e) => resolve(`error ${JSON.stringify((e as CustomEvent).detail)}`), { once: true });
      });
      (check.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    });
    assert.equal(await page.evaluate(() => (window as unknown as { done: Promise<string> }).done), 'success');
    assert.ok(challenges.at(-1)?.endsWith('/api/liveness/challenge?actions=blink&count=1'), String(challenges.at(-1)));
    await page.waitForFunction(() => document.getElementById('verification')!.textContent!.includes('"success"'), { timeout: 60_000 });
    const verdict = JSON.parse((await page.$eval('#verification', (element) => element.textContent)) ?? '{}');
    assert.equal(verdict.success, true, JSON.stringify(verdict).slice(0, 400));
    const { scrollWidth, width, wide } = await overflow();
    assert.deepEqual(wide, []);
    assert.ok(scrollWidth <= width, `page ${scrollWidth} px wide on a ${width}-px screen`);
    const success = await page.$eval('#check', (element) => element.shadowRoot!.querySelector('[part="prompt"]')!.getBoundingClientRect().right);
    assert.ok(success <= width, 'the success message is whole');
  });
});
