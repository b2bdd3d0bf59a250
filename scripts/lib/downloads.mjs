// What a page really fetched from the project's dist/ (the page's and its dedicated workers' requests), with each
// file's size raw and gzipped at level 9, as a portal would serve it. For `npm run bench`'s download table.
import { gzipSync } from 'node:zlib';

/** Starts recording `page`'s responses for dist/ files; the returned function stops and resolves the files, in fetch order. */
export function recordDownloads(page) {
  const pending = [];
  const onResponse = (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith('/dist/') || response.status() !== 200) return;
    const path = pathname.slice('/dist/'.length);
    pending.push(response.buffer().then((body) => ({ path, kind: downloadKind(path), raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
  };
  page.on('response', onResponse);
  return async () => {
    page.off('response', onResponse);
    return Promise.all(pending);
  };
}

/** The kind of a dist/ file: model weights, model graph, WASM binary, worker code or element code. */
export function downloadKind(path) {
  if (path.startsWith('models/')) return path.endsWith('.bin') ? 'model weights' : 'model graph';
  if (path.endsWith('.wasm')) return 'WASM';
  return path.startsWith('worker/') || path.includes('.worker.') ? 'worker code' : 'element code';
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Markdown: one row per fetch, then the totals by kind and overall (a file fetched twice counts twice). */
export function downloadTable(files) {
  const rows = ['| file | kind | raw | gzip -9 |', '|---|---|---|---|', ...files.map((f) => `| ${f.path} | ${f.kind} | ${kb(f.raw)} | ${kb(f.gzip)} |`)];
  const sum = (list, key) => list.reduce((total, f) => total + f[key], 0);
  for (const kind of [...new Set(files.map((f) => f.kind))]) {
    const ofKind = files.filter((f) => f.kind === kind);
    rows.push(`| **${kind}** (${ofKind.length}) | | ${kb(sum(ofKind, 'raw'))} | ${kb(sum(ofKind, 'gzip'))} |`);
  }
  rows.push(`| **all** (${files.length} fetches) | | ${kb(sum(files, 'raw'))} | **${(sum(files, 'gzip') / 1024 / 1024).toFixed(2)} MB** |`);
  return rows.join('\n');
}
