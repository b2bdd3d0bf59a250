// Records what the detector worker observes in the fixtures, as test data for the pure-TypeScript
// tests (node) of geometry and the liveness engine:
//   test/data/photos/<photo>.json        one observation with landmarks, per photo
//   test/data/traces/<video>@<fps>.json  observations (measures, boxes; no landmarks) per video and rate
// Regenerate after changing the detector or the measures: `npm run traces` (builds first).
// Options: --photos or --videos to record only those; --only NAME to record one fixture.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './lib/environment.mjs';
import { withHarnessPage } from './lib/harness.mjs';

/** Frame rates a check meets in practice: a slow phone and a good one. */
const RATES = [10, 25];
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const wanted = (kind) => !args.includes(kind === 'photos' ? '--videos' : '--photos');
const fixtures = fixturesDir();
const list = (folder) => readdirSync(join(fixtures, folder)).filter((name) => !only || name.startsWith(only)).sort();

const round = (value) => (typeof value === 'number' ? Math.round(value * 10_000) / 10_000 : value);
const json = (value) => `${JSON.stringify(value, (_, v) => round(v))}\n`;

await withHarnessPage(async (page) => {
  if (wanted('photos')) {
    mkdirSync('test/data/photos', { recursive: true });
    for (const photo of list('photos')) {
      const observation = await page.evaluate((p) => window.harness.observePhoto({ photo: p, maxFaces: 3 }), photo);
      writeFileSync(`test/data/photos/${photo.replace(/\.\w+$/, '')}.json`, json({ photo, ...observation }));
      console.log(`${photo}: ${observation.faces.length} face(s)`);
    }
  }
  if (wanted('videos')) {
    mkdirSync('test/data/traces', { recursive: true });
    for (const video of list('videos')) {
      for (const fps of RATES) {
        const trace = await page.evaluate((options) => window.harness.trace(options), { video, fps });
        writeFileSync(`test/data/traces/${video.replace(/\.\w+$/, '')}@${fps}.json`, json(trace));
        const withFace = trace.samples.filter((s) => s.faces.length > 0).length;
        console.log(`${video} @ ${fps} fps: ${trace.samples.length} frames, ${withFace} with a face`);
      }
    }
  }
});
