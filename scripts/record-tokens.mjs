// Records genuine tokens for the server's tests: the built element (dist/) in headless Chromium, in
// server mode with a challenge from dist/server.js's createChallenge, a real fixture clip played as its
// camera (`video.captureStream()` handed to the element's `stream`). Writes test/data/tokens/<name>.jws and
// test/data/tokens/index.json ({ name, clip, actions, secretId, iat, bytes }); the challenges' secret is
// test/data/tokens/secret.json. Verify one with `verifyToken(token, { secret, now: new Date(iat * 1000) })`.
// `npm run tokens` (builds first). Options: --only NAME to record some of them again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createChallenge } from '../dist/server.js';
import { withHarnessPage } from './lib/harness.mjs';

const DIR = 'test/data/tokens';
const SECRET = JSON.parse(readFileSync(`${DIR}/secret.json`, 'utf8'));

/** Each clip really shows these actions (test/labels); `order` is what the clip performs, in time. */
const RUNS = [
  { name: 'blink-man-glasses', clip: 'blink-man-glasses.mp4', order: ['blink'] },
  { name: 'blink-twice-man', clip: 'blink-twice-man.mp4', order: ['blink'] },
  { name: 'mouth-open-man', clip: 'mouth-open-man.mp4', order: ['mouth-open'], from: 10 },
  // He blinks at 3.8 s and opens his mouth wide, held, at 15.4 s.
  { name: 'talking-blink-mouth-open', clip: 'talking-no-action-man.mp4', order: ['blink', 'mouth-open'], from: 2, actionTimeout: 25 },
  { name: 'elderly-woman-blink', clip: 'elderly-woman-talking-glasses.mp4', order: ['blink'] },
  { name: 'wink-woman-blink', clip: 'blink-wink-woman.mp4', order: ['blink'] },
  { name: 'glasses2-blink', clip: 'blink-man-glasses2.mp4', order: ['blink'] },
  { name: 'slow-blink', clip: 'blink-slow-man.mp4', order: ['blink'] },
  { name: 'glasses-blink-2', clip: 'blink-man-glasses.mp4', order: ['blink'], from: 5 },
  { name: 'mohm-mouth', clip: 'mouth-open-head-move-man.mp4', order: ['mouth-open'], from: 3 },
  { name: 'talking-mouth', clip: 'talking-no-action-man.mp4', order: ['mouth-open'], from: 14 },
  // She turns her head left and right all the time and never holds still.
  { name: 'head-turn-right', clip: 'head-turn-woman.mp4', order: ['turn-right'] },
  { name: 'head-turn-left', clip: 'head-turn-woman.mp4', order: ['turn-left'] },
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

/** A challenge for the clip's actions: createChallenge orders them at random, so draw until the order is the clip's. */
function challengeFor(order) {
  for (;;) {
    const challenge = createChallenge({ secret: SECRET.secret, actions: order, count: order.length, ttlSeconds: 600 });
    if (challenge.actions.join() === order.join()) return challenge;
  }
}

/** In the page: one check of `clip` with `challenge`; resolves with the token, or with why it did not pass. */
async function check({ clip, challenge, from, actionTimeout }) {
  await import('/dist/face-liveness.js');
  document.body.replaceChildren();
  const video = document.createElement('video');
  Object.assign(video, { muted: true, playsInline: true, loop: true, src: `/fixtures/videos/${clip}` });
  await new Promise((resolve, reject) => {
    video.addEventListener('loadeddata', resolve, { once: true });
    video.addEventListener('error', () => reject(new Error(`${clip} cannot play`)), { once: true });
  });
  video.currentTime = from;
  const element = document.createElement('face-liveness');
  for (const [name, value] of [['no-voice', ''], ['consented', ''], ['lang', 'en'], ['action-timeout', String(actionTimeout)], ['max-attempts', '1']]) {
    element.setAttribute(name, value);
  }
  element.challenge = challenge;
  document.body.append(element);
  const outcome = new Promise((resolve) => {
    element.addEventListener('liveness-success', (e) => resolve({ token: e.detail.token }));
    element.addEventListener('liveness-fail', (e) => resolve({ failed: e.detail.reason }));
    element.addEventListener('liveness-error', (e) => resolve({ failed: `${e.detail.code}: ${e.detail.message}` }));
  });
  await video.play();
  element.stream = video.captureStream();
  await element.start();
  const result = await outcome;
  element.remove();
  video.pause();
  return result;
}

const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

mkdirSync(DIR, { recursive: true });
const indexFile = `${DIR}/index.json`;
const index = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')) : [];
await withHarnessPage(async (page) => {
  for (const run of RUNS.filter((r) => !only || r.name === only)) {
    const challenge = challengeFor(run.order);
    const result = await page.evaluate(check, { clip: run.clip, challenge, from: run.from ?? 0, actionTimeout: run.actionTimeout ?? 15 });
    if (!result.token) {
      console.log(`${run.name}: did not pass (${result.failed}); no token written`);
      continue;
    }
    const claims = claimsOf(result.token);
    writeFileSync(`${DIR}/${run.name}.jws`, result.token);
    const entry = { name: run.name, clip: run.clip, actions: claims.challenge.actions, secretId: SECRET.id, iat: claims.iat, bytes: result.token.length };
    index.splice(0, index.length, ...index.filter((e) => e.name !== run.name), entry);
    const bursts = claims.evidence.actions.map((b) => `${b.action} ${b.frames.length}`).join(', ');
    console.log(`${run.name}: ${(entry.bytes / 1024).toFixed(1)} KB, frames: frontal, ${bursts}`);
  }
});
index.sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(indexFile, `${JSON.stringify(index, null, 2)}\n`);
