/**
 * The examples of demo/examples/ as `npm start` serves them (the demo server, a real process), each in real
 * Chromium: the four with a camera get Chromium's fake camera playing a real clip of a man who blinks, and the
 * demo's challenges ask for one blink; the server verifies each token with its own analysis. The web-view page
 * runs where getUserMedia is missing and takes a real photo instead.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
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

/** The page's own display of the server's verdict. */
async function verdictOf(page: Page): Promise<{ success: string; text: string }> {
  const verdict = await page.waitForSelector('#verdict[data-success]', { timeout: CHECK_MS });
  return verdict!.evaluate((output) => ({ success: (output as HTMLElement).dataset.success!, text: output.textContent!.trim() }));
}

describe('examples served by npm start, in Chromium', () => {
  it('lists every example on /examples/', async () => {
    const page = await open('/examples/');
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['form/', 'classic/', 'react/', 'vue/', 'web-view/']);
    await page.close();
  });

  it('plain form: after the check the token is the form value under the element\'s name, and the server accepts it', { timeout: CHECK_MS + 60_000 }, async () => {
    const page = await open('/examples/form/');
    await page.type('input[name="name"]', '张三');
    await startCheck(page);
    await page.waitForFunction(() => document.querySelector('face-liveness')?.status === 'success', { timeout: CHECK_MS });
    const { value, token } = await page.evaluate(() => ({
      value: new FormData(document.querySelector('form')!).get('face-liveness-token'),
      token: document.querySelector('face-liveness')!.token,
    }));
    assert.equal(typeof token, 'string');
    assert.equal(value, token);
    await page.click('button[type="submit"]');
    assert.deepEqual(await verdictOf(page), { success: 'true', text: '认证通过' });
    await page.close();
  });

  it('classic script: face-liveness.iife.js registers the tag and exposes window.FaceLiveness; the server accepts the token', { timeout: CHECK_MS + 60_000 }, async () => {
    const page = await open('/examples/classic/');
    assert.equal(await page.$eval('#version', (small) => small.textContent), `face-liveness ${version}`);
    assert.equal(await page.evaluate(() => document.querySelector('face-liveness') instanceof (window as unknown as { FaceLiveness: { FaceLiveness: typeof FaceLiveness } }).FaceLiveness.FaceLiveness), true);
    await startCheck(page);
    assert.deepEqual(await verdictOf(page), { success: 'true', text: '认证通过' });
    await page.close();
  });

  for (const [name, path] of [['React 19 (esbuild)', '/examples/react/'], ['Vue 3 (Vite)', '/examples/vue/']]) {
    it(`${name}: the element rendered by the framework, its success event handled, the server accepts the token`, { timeout: CHECK_MS + 60_000 }, async () => {
      const page = await open(path!);
      await startCheck(page);
      assert.deepEqual(await verdictOf(page), { success: 'true', text: '认证通过' });
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
