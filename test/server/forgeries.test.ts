/**
 * "The server decides", tried as an attacker would: a real challenge, claims written by hand saying
 * `passed: true`, signed with the attacker's own key. Each forgery is built here from real fixture frames (or,
 * for the broken and grey images, from what they honestly are) and must be refused with its code.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import type { Action } from '../../src/core/challenge.js';
import type { EvidenceFrame } from '../../src/core/claims.js';
import { createAnalyzer, type Analyzer } from '../../src/server/analysis/analyzer.js';
import { createChallenge, MemoryNonceStore, verifyToken, type VerifyErrorCode } from '../../src/server/index.js';
import { faceCrop, videoFrames } from './evidence-crops.js';
import { SECRET, FIXTURE_PHOTOS, fixturePhoto } from './helpers.js';
import { BLINK_MOUTH_OPEN, captureClaims, challengeFor, picturesOf, realPictures, signedCapture, spanFrames, type CapturePictures } from './real-capture.js';

let analyzer: Analyzer;
let blink: CapturePictures;
let blinkMouth: CapturePictures;

before(async () => {
  analyzer = await createAnalyzer();
  blink = await realPictures(analyzer, ['blink']);
  blinkMouth = await picturesOf(analyzer, BLINK_MOUTH_OPEN.frontal, BLINK_MOUTH_OPEN.bursts);
});

/** A fresh challenge for `actions`, the pictures signed for it, and the verdict of a fresh store. */
async function verify(actions: Action[], pictures: CapturePictures, options: { store?: MemoryNonceStore; registeredPhoto?: Uint8Array } = {}) {
  const challenge = challengeFor(actions, SECRET);
  const token = await signedCapture(captureClaims(challenge, pictures));
  return verifyToken(token, { secret: SECRET, analyzer, store: options.store ?? new MemoryNonceStore(), ...options });
}

const copies = (frame: EvidenceFrame, count: number) => Array.from({ length: count }, () => frame);

/** The fixtures' coffee-cup photo (a PNG) as a 256-px JPEG, by ffmpeg. */
function coffeeCupJpeg(): Buffer {
  return execFileSync('ffmpeg', ['-loglevel', 'error', '-i', join(FIXTURE_PHOTOS, 'no-face-coffee.png'), '-vf', 'crop=400:400,scale=256:256', '-q:v', '3', '-f', 'mjpeg', '-']);
}

async function cropOf(photo: Buffer): Promise<EvidenceFrame> {
  return { jpeg: (await faceCrop(analyzer, photo)).toString('base64'), width: 256, height: 256, t: 0 };
}

function expectRefused(result: Awaited<ReturnType<typeof verify>>, code: VerifyErrorCode): void {
  assert.equal(result.success, false);
  assert.ok(result.errorCodes.includes(code), `expected ${code}, got ${result.errorCodes.join(', ')}`);
}

describe('verifyToken with analysis', () => {
  test('real frames of a real blink, signed by anyone: accepted, with the analysis to show for it', async () => {
    const result = await verify(['blink'], blink);
    assert.deepEqual(result.errorCodes, []);
    assert.equal(result.success, true);
    assert.equal(result.analysis!.actions[0]!.confirmed, true);
    assert.ok(result.analysis!.frames.every((frame) => frame.faces === 1));
  });

  test('a blink and a mouth opening by one man, each confirmed by the server', async () => {
    const result = await verify(BLINK_MOUTH_OPEN.actions, blinkMouth);
    assert.deepEqual(result.errorCodes, []);
    assert.deepEqual(result.analysis!.actions.map((a) => a.confirmed), [true, true]);
  });

  test("another man's blink spliced into the capture", async () => {
    const spliced = { frontal: blinkMouth.frontal, bursts: [blink.bursts[0]!, blinkMouth.bursts[1]!] };
    expectRefused(await verify(BLINK_MOUTH_OPEN.actions, spliced), 'identity-mismatch');
  });

  test('the same still photo in every frame', async () => {
    const photo = await cropOf(fixturePhoto('woman-selfie.jpg'));
    expectRefused(await verify(['blink'], { frontal: photo, bursts: [copies(photo, 6)] }), 'action-not-confirmed');
  });

  test('no face at all: a coffee cup', async () => {
    const cup = { jpeg: coffeeCupJpeg().toString('base64'), width: 256, height: 256, t: 0 };
    expectRefused(await verify(['blink'], { frontal: cup, bursts: [copies(cup, 5)] }), 'face-not-found');
  });

  test('two different people: the frontal one man, the action another', async () => {
    const [woman] = await spanFrames(analyzer, { clip: 'blink-wink-woman.mp4', start: 2, duration: 0.1, fps: 10 }, 0);
    expectRefused(await verify(['blink'], { frontal: woman!, bursts: blink.bursts }), 'identity-mismatch');
  });

  test('a 19-byte "JPEG" and a 64-px grey square', async () => {
    const header = { jpeg: Buffer.from('ffd8ffe000104a46494600ffd9', 'hex').toString('base64'), width: 256, height: 256, t: 0 };
    expectRefused(await verify(['blink'], { frontal: blink.frontal, bursts: [[...blink.bursts[0]!.slice(0, 3), header, ...blink.bursts[0]!.slice(4)]] }), 'evidence-missing');
    const grey = { jpeg: Buffer.from(jpeg.encode({ data: new Uint8Array(64 * 64 * 4).fill(128), width: 64, height: 64 }, 90).data).toString('base64'), width: 64, height: 64, t: 0 };
    expectRefused(await verify(['blink'], { frontal: grey, bursts: [copies(grey, 5)] }), 'face-not-found');
  });

  test('crops of the printed-photo and tablet-screen attacks', async () => {
    for (const attack of ['spoof-printed-photo.jpg', 'spoof-tablet-screen.jpg']) {
      const crop = await cropOf(fixturePhoto(attack));
      expectRefused(await verify(['blink'], { frontal: crop, bursts: [copies(crop, 6)] }), 'action-not-confirmed');
    }
  });

  test('genuine frames with the first frame repeated for the action, and reversed into another order', async () => {
    expectRefused(await verify(['blink'], { frontal: blink.frontal, bursts: [copies(blink.bursts[0]![0]!, 8)] }), 'action-not-confirmed');
    const frames = blink.bursts[0]!;
    const closedFirst = [...frames.slice(3), ...frames.slice(0, 3)];
    expectRefused(await verify(['blink'], { frontal: blink.frontal, bursts: [closedFirst] }), 'action-not-confirmed');
  });

  test('a mouth opening sent for a challenged blink', async () => {
    expectRefused(await verify(['blink'], { frontal: blinkMouth.bursts[1]![0]!, bursts: [blinkMouth.bursts[1]!] }), 'action-not-confirmed');
  });
});

describe('replayed evidence', () => {
  test('the frames of an accepted check, re-signed under a fresh challenge, and re-encoded: refused', async () => {
    const store = new MemoryNonceStore();
    assert.equal((await verify(['blink'], blink, { store })).success, true);
    expectRefused(await verify(['blink'], blink, { store }), 'evidence-replayed');
    const reencode = (frame: EvidenceFrame): EvidenceFrame => {
      const pixels = jpeg.decode(Buffer.from(frame.jpeg, 'base64'), { useTArray: true });
      return { ...frame, jpeg: Buffer.from(jpeg.encode(pixels, 60).data).toString('base64') };
    };
    const reencoded = { frontal: reencode(blink.frontal), bursts: blink.bursts.map((burst) => burst.map(reencode)) };
    expectRefused(await verify(['blink'], reencoded, { store }), 'evidence-replayed');
  });

  test('a different capture of the same person is not a replay', async () => {
    const store = new MemoryNonceStore();
    assert.equal((await verify(['blink'], blink, { store })).success, true);
    // The same man's other blink, 1 s earlier in the clip, and a frontal frame from later on.
    const other = {
      frontal: (await spanFrames(analyzer, { clip: 'blink-man-glasses.mp4', start: 8, duration: 0.1, fps: 10 }, 0))[0]!,
      bursts: [await spanFrames(analyzer, { clip: 'blink-man-glasses.mp4', start: 0, duration: 0.8, fps: 10 }, 0)],
    };
    const result = await verify(['blink'], other, { store });
    assert.deepEqual(result.errorCodes, []);
  });
});

describe('1:1 match with the registered photo', () => {
  test('the same man in another recording matches; another person does not', async () => {
    const mouth = await realPictures(analyzer, ['mouth-open']);
    const [registered] = videoFrames('talking-no-action-man.mp4', 2, 0.1, 10);
    const same = await verify(['mouth-open'], mouth, { registeredPhoto: registered! });
    assert.equal(same.success, true, same.errorCodes.join());
    assert.equal(same.faceMatch!.match, true);
    const other = await verify(['mouth-open'], mouth, { registeredPhoto: fixturePhoto('woman-selfie.jpg') });
    expectRefused(other, 'face-mismatch');
    assert.ok(other.faceMatch!.similarity! < other.faceMatch!.threshold);
  });
});

describe('the analyzer', () => {
  test('an analyzer that fails mid-check never gives a success', async () => {
    const broken = await createAnalyzer();
    broken.dispose();
    const challenge = createChallenge({ secret: SECRET, actions: ['blink'], count: 1 });
    const token = await signedCapture(captureClaims(challenge, blink));
    await assert.rejects(verifyToken(token, { secret: SECRET, analyzer: broken, store: new MemoryNonceStore() }));
  });

  test('analyzer: false says plainly that nothing was analysed', async () => {
    const challenge = createChallenge({ secret: SECRET, actions: ['blink'], count: 1 });
    const token = await signedCapture(captureClaims(challenge, blink));
    const result = await verifyToken(token, { secret: SECRET, analyzer: false, store: new MemoryNonceStore() });
    assert.equal(result.analysis, null);
  });
});
