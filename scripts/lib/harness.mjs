// Runs code in headless Chromium against the built dist/ and the fixtures, for the benchmark and
// the trace recorder: a static server on 127.0.0.1 (nothing else is contacted) and one page.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath, fixturesDir } from './environment.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.mp4': 'video/mp4', '.jpg': 'image/jpeg', '.png': 'image/png',
};

/** Serves the repository and, under /fixtures/, the shared fixtures. Byte ranges are honoured for <video>. */
export function startStaticServer({ root = resolve('.'), fixtures = fixturesDir() } = {}) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const [base, rest] = path.startsWith('/fixtures/') ? [fixtures, path.slice('/fixtures/'.length)] : [root, path.slice(1)];
    const file = normalize(join(base, rest));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range || '');
    if (range) {
      const start = range[1] ? Number(range[1]) : size - Number(range[2]);
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      response.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      createReadStream(file, { start, end }).pipe(response);
    } else {
      response.writeHead(200, { ...headers, 'Content-Length': size });
      createReadStream(file).pipe(response);
    }
  });
  return new Promise((resolveServer) =>
    server.listen(0, '127.0.0.1', () => resolveServer({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })),
  );
}

/**
 * Opens scripts/harness/index.html in headless Chromium and calls `body(page)`; the page exposes
 * `window.harness` (see scripts/harness/harness.js). Closes everything afterwards.
 */
export async function withHarnessPage(body, { args = [] } = {}) {
  if (!existsSync('dist/face-liveness.worker.js')) {
    console.error('dist/ is missing: run `npm run build` first.');
    process.exit(1);
  }
  const server = await startStaticServer();
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...chromiumArgs(), ...args],
    protocolTimeout: 600_000,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${server.url}/scripts/harness/index.html`);
    await page.waitForFunction('window.harness !== undefined');
    return await body(page);
  } finally {
    await browser.close();
    server.close();
  }
}
