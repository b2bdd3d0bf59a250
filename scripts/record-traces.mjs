// Records what the detector worker observes in the fixtures, as test data for the pure-TypeScript
// tests (node) of geometry and the liveness engine:
//   test/data/photos/<photo>.json        one observation with landmarks, per photo
//   test/data/traces/<video>@<fps>.json  observations (measures, boxes; no landmarks) per video and rate,
//                                        for the fixture videos and the photo-attack clips made from the
//                                        fixture photos (scripts/make-photo-attacks.mjs)
// Regenerate after changing the detector or the measures: `npm run traces` (builds first).
// Options: --photos, --videos or --photo-attacks to record only those; --only PREFIX for some fixtures;
// --rates 5,15 for only those frame rates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fixturesDir } from './lib/environment.mjs';
import { withHarnessPage } from './lib/harness.mjs';
import { makePhotoAttacks, PHOTO_ATTACK_DIR, photoAttackNames } from './make-photo-attacks.mjs';

/**
 * Frame rates a check meets in practice: a software GPU or an old phone (5), a slow phone (10), Chromium's
 * fake camera and many web-views (15), a good phone (25). Each is recorded, not derived, since the mesh tracks
 * from the previous frame: what it sees at 5 fps is not every other frame of what it sees at 10.
 */
const ALL_RATES = [5, 10, 15, 25];
const args = process.argv.slice(2);
const RATES = args.includes('--rates') ? args[args.indexOf('--rates') + 1].split(',').map(Number) : ALL_RATES;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const KINDS = ['--photos', '--videos', '--photo-attacks'];
const wanted = (kind) => !KINDS.some((flag) => args.includes(flag)) || args.includes(`--${kind}`);
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
  const videos = [];
  if (wanted('videos')) videos.push(...list('videos').map((name) => join(fixtures, 'videos', name)));
  if (wanted('photo-attacks')) {
    makePhotoAttacks();
    videos.push(...photoAttackNames().filter((name) => !only || name.startsWith(only)).map((name) => join(PHOTO_ATTACK_DIR, name)));
  }
  mkdirSync('test/data/traces', { recursive: true });
  const framesDir = resolve('node_modules/.cache/face-liveness/frames');
  for (const video of videos) {
    const clip = basename(video).replace(/\.\w+$/, '');
    for (const fps of RATES) {
      // Frames at exactly k / fps seconds, decoded once by ffmpeg: far faster than seeking a <video>.
      rmSync(framesDir, { recursive: true, force: true });
      mkdirSync(framesDir, { recursive: true });
      execFileSync('ffmpeg', ['-v', 'error', '-i', video, '-vf', `fps=${fps}`, '-q:v', '2', join(framesDir, '%05d.jpg')]);
      const count = readdirSync(framesDir).length;
      const trace = await page.evaluate((options) => window.harness.trace(options), {
        video: basename(video), base: '/generated/frames/', count, fps,
      });
      writeFileSync(`test/data/traces/${clip}@${fps}.json`, json(trace));
      const withFace = trace.samples.filter((s) => s.faces.length > 0).length;
      console.log(`${basename(video)} @ ${fps} fps: ${trace.samples.length} frames, ${withFace} with a face`);
    }
  }
  rmSync(framesDir, { recursive: true, force: true });
});
