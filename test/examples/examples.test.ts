/**
 * The examples of demo/examples/ as `npm start` serves them (the demo server, a real process), each in real
 * Chromium: the four with a camera get Chromium's fake camera playing a real clip of a man who blinks, and the
 * demo's challenges ask for one blink; the server verifies each token with its own analysis. The web-view page
 * runs where getUserMedia is missing and takes a real photo instead.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { FaceLiveness } from '../../src/index.js';
import type {} from '../../src/define.js';
import { chromiumArgs, chromiumPath, fakeCameraFile } from '../../scripts/lib/environment.mjs';
import { startDemo, type DemoProcess } from '../server/demo-process.js';

const PHOTO = fileURLToPath(new URL('../fixtures/photos/man-glasses-frontal.jpg', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
/** A check with the fake camera: worker and models load, the person is placed, blinks, the server analyses. */
const CHECK_MS = 150_000;

let demo: DemoProcess;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  demo = await startDemo({ FACE_LIVENESS_SECRET: 'examples-test-secret-0123456789-abcdefghij', FACE_LIVENESS_ACTIONS: 'blink', FACE_LIVENESS_ACTION_COUNT: '1' });
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...chromiumArgs(), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile('blink-man-glasses.mp4')}`],
    protocolTimeout: 300_000,
  });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${(error as Error).message}`));
  await page.goto(`${demo.origin}${path}`);
  return page;
}

/** Starts the check as the consent button does, once the element is on its first screen. */
async function startCheck(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('face-liveness')?.status === 'consent', { timeout: 30_000 });
  await page.evaluate(() => document.querySelector('face-liveness')!.start());
}

/**
 * What the server may say of a genuine capture it judges for itself (the browser saw the action, the server's
 * sparser look at the burst may not, on a machine starved of frames): no other code is a fault of the capture.
 */
// `evidence-replayed` too: the fake camera loops one clip, so a later example's capture can hold the very frames an
// earlier one sent to the same server, which is what the replay check exists to refuse.
const CAPTURE_JUDGEMENTS = new Set(['action-not-confirmed', 'face-not-found', 'multiple-faces', 'identity-mismatch', 'spoof-suspected', 'evidence-replayed']);

/**
 * Runs a check on the page (started by `start`) and follows the wiring end to end: the element's challenge is
 * the demo server's, the token the page posts is the element's own, signed for that challenge in server mode, and
 * the page shows what the server answered. The server's own analysis accepts the capture, or refuses it only
 * with a judgement of the capture itself (reported as a diagnostic).
 */
async function checkThroughServer(t: TestContext, page: Page, start: () => Promise<void>): Promise<void> {
  const challengeAnswer = page.waitForResponse((response) => response.url().endsWith('/api/liveness/challenge'), { timeout: CHECK_MS });
  const verifyAnswer = page.waitForResponse((response) => response.url().endsWith('/api/liveness/verify'), { timeout: CHECK_MS });
  await start();
  const challenge = await (await challengeAnswer).json();
  const verify = await verifyAnswer;
  const { token } = JSON.parse(verify.request().postData()!) as { token: string };
  assert.equal(token, await page.evaluate(() => document.querySelector('face-liveness')!.token));
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { mode: string; challenge: unknown };
  assert.deepEqual([claims.mode, claims.challenge], ['server', challenge]);
  const { success, errorCodes } = (await verify.json()) as { success: boolean; errorCodes: string[] };
  const shown = await page.waitForSelector('#verdict[data-success]', { timeout: 30_000 });
  const verdict = await shown!.evaluate((output) => ({ success: (output as HTMLElement).dataset.success!, text: output.textContent!.trim() }));
  assert.deepEqual(verdict, { success: String(success), text: success ? '认证通过' : `未通过：${errorCodes.join(', ')}` });
  if (!success) {
    t.diagnostic(`the server refused this capture: ${errorCodes.join(', ')}`);
    for (const code of errorCodes) assert.ok(CAPTURE_JUDGEMENTS.has(code), `${code} is a judgement of the capture, not of the wiring`);
  }
}

describe('examples served by npm start, in Chromium', () => {
  it('lists every example on /examples/', async () => {
    const page = await open('/examples/');
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['form/', 'classic/', 'react/', 'vue/', 'web-view/']);
    await page.close();
  });

  it('plain form: after the check the token is the form value under the element\'s name, and the form sends it to the server', { timeout: CHECK_MS + 60_000 }, async (t) => {
    const page = await open('/examples/form/');
    await page.type('input[name="name"]', '张三');
    await checkThroughServer(t, page, async () => {
      await startCheck(page);
      await page.waitForFunction(() => document.querySelector('face-liveness')?.status === 'success', { timeout: CHECK_MS });
      const { value, token } = await page.evaluate(() => ({
        value: new FormData(document.querySelector('form')!).get('face-liveness-token'),
        token: document.querySelector('face-liveness')!.token,
      }));
      assert.equal(typeof token, 'string');
      assert.equal(value, token);
      await page.click('button[type="submit"]');
    });
    await page.close();
  });

  it('classic script: face-liveness.iife.js registers the tag and exposes window.FaceLiveness; the token goes to the server', { timeout: CHECK_MS + 60_000 }, async (t) => {
    const page = await open('/examples/classic/');
    assert.equal(await page.$eval('#version', (small) => small.textContent), `face-liveness ${version}`);
    assert.equal(await page.evaluate(() => document.querySelector('face-liveness') instanceof (window as unknown as { FaceLiveness: { FaceLiveness: typeof FaceLiveness } }).FaceLiveness.FaceLiveness), true);
    await checkThroughServer(t, page, () => startCheck(page));
    await page.close();
  });

  for (const [name, path] of [['React 19 (esbuild)', '/examples/react/'], ['Vue 3 (Vite)', '/examples/vue/']]) {
    it(`${name}: the element rendered by the framework, its success event handled, the token sent to the server`, { timeout: CHECK_MS + 60_000 }, async (t) => {
      const page = await open(path!);
      await checkThroughServer(t, page, () => startCheck(page));
      await page.close();
    });
  }

  it('mini-program web-view: without getUserMedia a photo is taken, and the token is handed back to the page that frames it', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(`web-view: ${(error as Error).message}`));
    // What an older web-view lacks, in every frame of this page (a string: the test's transpiler would add helpers).
    await page.evaluateOnNewDocument("Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: () => undefined })");
    await page.goto(`${demo.origin}/examples/`);
    await page.evaluate(() => {
      const handedBack = new Promise((resolve) =>
        addEventListener('message', (event) => event.data?.type === 'face-liveness-token' && resolve({ origin: event.origin, token: event.data.token })),
      );
      Object.assign(window, { handedBack });
      const frame = document.createElement('iframe');
      frame.src = '/examples/web-view/';
      document.body.append(frame);
    });
    const frame = await page.waitForFrame((candidate) => candidate.url().endsWith('/examples/web-view/'));
    await frame.waitForFunction(() => document.querySelector('face-liveness')?.status === 'photo', { timeout: 30_000 });
    const input = (await frame.waitForSelector('pierce/input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(PHOTO);
    const { origin, token } = (await page.evaluate(() => (window as unknown as { handedBack: Promise<unknown> }).handedBack)) as { origin: string; token: string };
    assert.equal(origin, demo.origin);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { mode: string; result: { actions: unknown[] } };
    assert.equal(claims.mode, 'photo');
    assert.deepEqual(claims.result.actions, []);
    assert.equal(await frame.$eval('#handed-back', (output) => output.textContent), '照片已提交，请返回小程序');
    await page.close();
  });

  it('raised no error in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
