// npm run bench:server: verifyToken with the server's own analysis, on tokens made from real fixture clips
// (a 1-action blink and a 2-action blink + mouth-open by one man, 4-frame and 7-frame bursts), on the built package
// (dist/server.js). Per token: median and p95 on one thread; then tokens per second with a pool of analyzer
// threads. Prints a markdown table and writes bench/results/server-<date>.json. Timings are reported, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createAnalyzer as createSourceAnalyzer } from '../src/server/analysis/analyzer.js';
import { SECRET } from '../test/server/helpers.js';
import { BLINK_MOUTH_OPEN, captureClaims, challengeFor, picturesOf, realPictures, signedCapture, type CapturePictures } from '../test/server/real-capture.js';

const server = await import(new URL('../dist/server.js', import.meta.url).href);
const RUNS = Number(process.env.BENCH_RUNS || 12);

/** Four frames of each burst, spread over it: before, onset, peak and return, as the SDK's smallest burst. */
function fourFrames(pictures: CapturePictures): CapturePictures {
  return { ...pictures, bursts: pictures.bursts.map((b) => [0, 0.4, 0.6, 1].map((at) => b[Math.round(at * (b.length - 1))]!)) };
}

const cropper = await createSourceAnalyzer();
const blink = await realPictures(cropper, ['blink']);
const blinkMouth = await picturesOf(cropper, BLINK_MOUTH_OPEN.frontal, BLINK_MOUTH_OPEN.bursts);
cropper.dispose();
const CASES: { name: string; actions: ('blink' | 'mouth-open')[]; pictures: CapturePictures }[] = [
  { name: 'blink, 8-frame burst', actions: ['blink'], pictures: blink },
  { name: 'blink + mouth-open, 4-frame bursts', actions: ['blink', 'mouth-open'], pictures: fourFrames(blinkMouth) },
  { name: 'blink + mouth-open, 7-frame bursts', actions: ['blink', 'mouth-open'], pictures: blinkMouth },
];

const tokenFor = async (actions: ('blink' | 'mouth-open')[], pictures: CapturePictures) =>
  signedCapture(captureClaims(challengeFor(actions, SECRET), pictures));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const rows: Record<string, unknown>[] = [];
for (const threads of [0, cpus().length]) {
  const analyzer = await server.createAnalyzer({ threads });
  for (const { name, actions, pictures } of CASES) {
    const tokens = await Promise.all(Array.from({ length: RUNS + 2 }, () => tokenFor(actions, pictures)));
    const verify = (token: string) => server.verifyToken(token, { secret: SECRET, analyzer, store: new server.MemoryNonceStore() });
    for (const token of tokens.splice(0, 2)) await verify(token); // warm-up
    const times: number[] = [];
    for (const token of tokens.slice(0, RUNS >> 1)) {
      const start = performance.now();
      const result = await verify(token);
      times.push(performance.now() - start);
      // Four frames picked blindly may miss a movement; the analysis costs the same, so only other refusals stop the bench.
      if (!result.success && !result.errorCodes.includes('action-not-confirmed')) throw new Error(`bench token refused: ${result.errorCodes}`);
    }
    times.sort((a, b) => a - b);
    const start = performance.now();
    const concurrent = tokens.slice(RUNS >> 1);
    await Promise.all(concurrent.map(verify));
    const perSecond = concurrent.length / ((performance.now() - start) / 1000);
    const frames = 1 + pictures.bursts.reduce((sum, burst) => sum + burst.length, 0);
    rows.push({ case: name, frames, threads, 'median (ms)': Math.round(quantile(times, 0.5)), 'p95 (ms)': Math.round(quantile(times, 0.95)), 'tokens/s (concurrent)': Math.round(perSecond * 100) / 100 });
  }
  analyzer.dispose();
}

const header = Object.keys(rows[0]!);
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${header.map((key) => row[key]).join(' | ')} |`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/server-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url), JSON.stringify({ cpus: cpus().length, rows }, null, 2));
process.exit(0);
