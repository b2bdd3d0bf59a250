// Runs code in headless Chromium against the built dist/ and the fixtures, for the benchmark and
// the trace recorder: a static server on 127.0.0.1 (nothing else is contacted) and one page.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { byteRange, chromiumArgs, chromiumPath, fixturesDir } from './environment.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.mp4': 'video/mp4', '.jpg': 'image/jpeg', '.png': 'image/png',
};

/**
 * Serves the repository, the shared fixtures under /fixtures/ and derived clips under /generated/
 * (node_modules/.cache/face-liveness). Byte ranges are honoured for <video>.
 */
export function startStaticServer({ root = resolve('.'), fixtures = fixturesDir() } = {}) {
  const mounts = [['/fixtures/', fixtures], ['/generated/', resolve('node_modules/.cache/face-liveness')], ['/', root]];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const [prefix, base] = mounts.find(([mount]) => path.startsWith(mount));
    const rest = path.slice(prefix.length);
    const file = normalize(join(base, rest));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    const headers = { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Accept-Ranges': 'bytes' };
    const range = byteRange(request.headers.range, size);
    if (range) {
      const { start, end } = range;
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
 * `window.harness` (see scripts/harness/harness.js). `root` is the checkout whose dist/ is served (another
 * worktree, to compare a build of an earlier commit). Closes everything afterwards.
 */
export async function withHarnessPage(body, { args = [], root = resolve('.') } = {}) {
  if (!existsSync(join(root, 'dist/face-liveness.worker.js'))) {
    console.error(`${join(root, 'dist')} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = await startStaticServer({ root });
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
