// npm run screenshots: every screen of <face-liveness> as a person sees it on a phone, in headless
// Chromium with the fake camera playing a real fixture clip. Writes screenshots/<screen>-<lang>.png.
import { mkdirSync } from 'node:fs';
import { fakeCameraFile } from './lib/environment.mjs';
import { withHarnessPage } from './lib/harness.mjs';

const OUT = 'screenshots';
mkdirSync(OUT, { recursive: true });

const args = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${fakeCameraFile('blink-man-glasses.mp4')}`,
];

/** Puts a fresh element on the page with these attributes and waits until `ready(element)` holds. */
async function screen(page, name, lang, { attributes = {}, setup = '', until = 'true', timeout = 60_000 } = {}) {
  await page.evaluate(
    async (attrs, language, setupCode) => {
      await import('/dist/face-liveness.js');
      document.body.replaceChildren();
      document.body.style.margin = '0';
      document.documentElement.lang = language;
      const element = document.createElement('face-liveness');
      element.id = 'check';
      element.setAttribute('no-voice', '');
      for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
      element.innerHTML = language === 'en'
        ? '<p slot="alternative">Prefer not to? Visit a service counter, or call 12333.</p>'
        : '<p slot="alternative">不方便刷脸？请到社保服务窗口办理，或拨打 12333。</p>';
      document.body.append(element);
      await element.updateComplete;
      await new Function('element', `return (async () => { ${setupCode} })()`)(element);
    },
    attributes,
    lang,
    setup,
  );
  await page.waitForFunction(`(() => { const element = document.getElementById('check'); return ${until}; })()`, { timeout, polling: 100 });
  await new Promise((resolve) => setTimeout(resolve, 400));
  const element = await page.$('#check');
  await element.screenshot({ path: `${OUT}/${name}-${lang}.png` });
  console.log(`${OUT}/${name}-${lang}.png`);
}

await withHarnessPage(
  async (page) => {
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
    for (const lang of ['zh-CN', 'en']) {
      await screen(page, 'consent', lang);
      await screen(page, 'ready', lang, { attributes: { consented: '' } });
      await screen(page, 'declined', lang, { setup: "element.shadowRoot.querySelectorAll('button')[1].click();" });
      await screen(page, 'checking', lang, {
        attributes: { consented: '', actions: 'turn-left', 'action-count': '1' },
        setup: 'await element.start();',
        until: "element.status === 'checking' && element.shadowRoot.querySelector('.icon')",
      });
      await screen(page, 'checking-help', lang, {
        attributes: { consented: '', actions: 'turn-left', 'action-count': '1', 'action-timeout': '6' },
        setup: 'await element.start();',
        until: "element.status === 'checking' && element.shadowRoot.querySelector('.detail')?.textContent.length > 12",
      });
      await screen(page, 'failed', lang, {
        attributes: { consented: '', actions: 'nod', 'action-count': '1', 'action-timeout': '2' },
        setup: 'await element.start();',
        until: "element.status === 'failed'",
      });
      await screen(page, 'error', lang, {
        attributes: { consented: '', 'challenge-url': '/no-such-endpoint' },
        setup: 'await element.start();',
        until: "element.status === 'error'",
      });
      await screen(page, 'success', lang, {
        attributes: { consented: '', actions: 'blink', 'action-count': '1' },
        setup: 'await element.start();',
        until: "element.status === 'success'",
        timeout: 120_000,
      });
    }
  },
  { args },
);
