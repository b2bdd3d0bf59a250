// npm run bench: per backend, load time, first call, per-frame median and p95 (end to end, frame
// transferred), and tensor counts, over a fixture video in headless Chromium. Prints a table and
// writes bench/results/<date>.json. Timings are reported, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { downloadTable, recordDownloads } from '../scripts/lib/downloads.mjs';
import { checkInPage, withFakeCamera } from '../scripts/lib/element-run.mjs';
import { withHarnessPage } from '../scripts/lib/harness.mjs';

const VIDEO = process.env.BENCH_VIDEO || 'elderly-man-talking.mp4';
const PLAN = [
  { backend: 'wasm', frames: 120 },
  { backend: 'webgl', frames: 40 },
  { backend: 'cpu', frames: 20 },
];

const results = await withHarnessPage(async (page) => {
  const rows = [];
  for (const { backend, frames } of PLAN) {
    process.stderr.write(`bench: ${backend} over ${frames} frames of ${VIDEO}…\n`);
    rows.push(await page.evaluate((options) => window.harness.bench(options), { backend, frames, video: VIDEO, fps: 15 }));
  }
  return rows;
});

const round = (value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value);
console.table(
  results.map((r) => ({
    backend: r.backend, 'init (ms)': round(r.initWallMs), 'warm-up (ms)': round(r.warmUpMs), 'first frame (ms)': round(r.firstCallMs),
    'median (ms)': round(r.medianMs), 'p95 (ms)': round(r.p95Ms), 'in worker (ms)': round(r.workerMedianMs),
    faces: `${r.framesWithFace}/${r.frames}`, tensors: `${r.tensorsAfterFirst} → ${r.tensorsAtEnd}`,
  })),
);
const wasm = results.find((r) => r.backend === 'wasm');
for (const r of results) {
  if (r !== wasm) console.log(`${r.backend} per frame = ${(r.medianMs / wasm.medianMs).toFixed(1)} × wasm`);
}
// A first check as a portal serves it: everything the element, its worker and the backend it picks fetch.
process.stderr.write('bench: the downloads of a first check (blink, fake camera)…\n');
const downloads = await withFakeCamera('blink-man-glasses.mp4', async (page) => {
  const stop = recordDownloads(page);
  await page.evaluate(checkInPage, { attributes: { actions: 'blink', 'action-count': '1' }, seconds: 30 });
  return stop();
});
console.log(`\nDownloads of a first check (headless Chromium, no real GPU, so WASM):\n\n${downloadTable(downloads)}\n`);
const report = { date: new Date().toISOString(), video: VIDEO, cpus: cpus().length, cpuModel: cpus()[0]?.model, results, downloads };
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${report.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written ${file}`);
