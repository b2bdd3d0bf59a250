/**
 * Every story of the built Storybook (storybook-static/, `npm run build-storybook`), in real headless
 * Chromium: each one in every language and theme of the toolbar, checked by axe (WCAG 2 A to AAA, so
 * contrast is held to 7:1). Nothing may be fetched from anywhere but the local server.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ACTIONS } from '../../src/core/challenge.js';
import { ERROR_CODES } from '../../src/core/errors.js';
import { en } from '../../src/element/i18n/en.js';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/environment.mjs';
import { startStaticServer } from '../../scripts/lib/harness.mjs';

const STATIC = 'storybook-static';
if (!existsSync(`${STATIC}/index.json`)) {
  console.error('storybook-static/ is missing: run `npm run build-storybook` first (`npm test` does).');
  process.exit(1);
}

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}
const entries = Object.values((JSON.parse(readFileSync(`${STATIC}/index.json`, 'utf8')) as { entries: Record<string, IndexEntry> }).entries);
const stories = entries.filter((entry) => entry.type === 'story');
const LOCALES = ['zh-CN', 'en', 'ug'];
const THEMES = ['default', 'high-contrast', 'large-text'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** `TooDark` and `too-dark` alike: Storybook's ids are the export names in kebab case. */
const storyId = (title: string, key: string) => `${title.toLowerCase().replace(/\//g, '-')}--${key}`;

describe('Storybook', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startStaticServer>>;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    server = await startStaticServer({ root: STATIC });
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs() });
    page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) foreignRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
    page.on('console', (message) => {
      // Failed loads are reported with their URL below.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      // The browser asks for /favicon.ico on its own; Storybook has an SVG icon instead.
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') pageErrors.push(`HTTP ${response.status()} ${response.url()}`);
    });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('has a story for every screen: each advice, action, fail reason and error code', () => {
    const ids = new Set(stories.map((story) => story.id));
    const expected = [
      ...['consent', 'declined', 'ready', 'starting', 'photo'].map((key) => storyId('Screens/Start', key)),
      ...Object.keys(en.advice).map((issue) => storyId('Screens/Positioning', issue)),
      ...ACTIONS.map((action) => storyId('Screens/Check', action)),
      ...['signing', 'success'].map((key) => storyId('Screens/Check', key)),
      ...Object.keys(en.failures).map((reason) => storyId('Screens/Failed', reason)),
      storyId('Screens/Failed', 'final'),
      ...ERROR_CODES.map((code) => storyId('Screens/Errors', code)),
    ];
    assert.deepEqual(expected.filter((id) => !ids.has(id)), []);
  });

  it('renders every story in every language and theme with no axe violation', async () => {
    const failures: string[] = [];
    for (const story of stories) {
      await page.goto(`${server.url}/iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('#storybook-root face-liveness-view')?.shadowRoot?.querySelector('.base'), { timeout: 30_000 });
      await page.evaluate(AXE);
      for (const locale of LOCALES) {
        for (const theme of THEMES) {
          const shown = await page.evaluate(renderWithGlobals, { locale, theme });
          const where = `${story.id} (${locale}, ${theme})`;
          if (shown.lang !== locale) failures.push(`${where}: rendered in ${shown.lang}`);
          if (shown.dir !== (locale === 'ug' ? 'rtl' : 'ltr')) failures.push(`${where}: dir is ${shown.dir}`);
          for (const violation of shown.violations) failures.push(`${where}: ${violation}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(pageErrors, []);
  });

  it('shows the element’s API from custom-elements.json in its docs', async () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: { declarations: { attributes: { name: string }[]; events: { name: string }[]; slots: { name: string }[]; cssProperties: { name: string }[] }[] }[];
    };
    const element = manifest.modules[0]!.declarations[0]!;
    const docs = entries.find((entry) => entry.type === 'docs');
    assert.ok(docs, 'a docs page');
    await page.goto(`${server.url}/iframe.html?id=${docs.id}&viewMode=docs`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#storybook-docs table'), { timeout: 30_000 });
    const table = await page.$eval('#storybook-docs', (root) => root.textContent ?? '');
    const names = [element.attributes, element.events, element.slots, element.cssProperties].flat().map((item) => item.name);
    assert.deepEqual(names.filter((name) => !table.includes(name)), []);
    assert.deepEqual(pageErrors, []);
  });

  it('fetched nothing from outside the local server', () => {
    assert.deepEqual(foreignRequests, []);
  });
});

/**
 * In the story's page: sets the toolbar's language and theme through Storybook's channel, waits for the
 * story to render again, and runs axe on it.
 */
async function renderWithGlobals(globals: { locale: string; theme: string }) {
  type Channel = { emit(event: string, data: unknown): void; once(event: string, listener: () => void): void };
  type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> };
  const { __STORYBOOK_ADDONS_CHANNEL__: channel, axe } = window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel; axe: Axe };
  await new Promise<void>((resolve) => {
    channel.once('storyRendered', resolve);
    channel.emit('updateGlobals', { globals });
  });
  const host = document.querySelector('#storybook-root face-liveness-view') as HTMLElement & { updateComplete: Promise<boolean> };
  await host.updateComplete;
  const results = await axe.run(document.querySelector('#storybook-root'), {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag2aaa'] },
    resultTypes: ['violations'],
  });
  return {
    lang: host.lang,
    dir: host.shadowRoot!.querySelector<HTMLElement>('.base')!.dir,
    violations: results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`),
  };
}
