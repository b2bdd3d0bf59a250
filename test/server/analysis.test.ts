/**
 * The server's own analysis on real faces: frames from the fixture videos, cropped as the worker crops evidence.
 * Each forgery is made here from real frames; the only synthetic inputs are the grey square and broken files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { before, describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import type { Evidence, EvidenceFrame } from '../../src/core/claims.js';
import { AnalyzerLoadError, createAnalyzer, type Analyzer } from '../../src/server/analysis/analyzer.js';
import { analyseEvidence } from '../../src/server/analysis/evidence.js';
import { evidenceFrames, faceCrop, videoFrames } from './evidence-crops.js';
import { fixturePhoto } from './helpers.js';

let analyzer: Analyzer;
/** A real blink (blink-man-glasses, 1.0–1.8 s at 10 fps) and the frontal frame before it. */
let blinkBurst: EvidenceFrame[];
let frontal: EvidenceFrame;

before(async () => {
  analyzer = await createAnalyzer();
  blinkBurst = await evidenceFrames(analyzer, videoFrames('blink-man-glasses.mp4', 1.0, 0.8, 10), 20_000, 100);
  [frontal] = await evidenceFrames(analyzer, videoFrames('blink-man-glasses.mp4', 3.0, 0.1, 10).slice(0, 1), 19_000, 0);
});

const blinkEvidence = (frames: EvidenceFrame[], front = frontal): Evidence => ({ frontal: front, actions: [{ action: 'blink', frames }] });
/** The same images with new, evenly spaced times, as a forger would write them. */
const retimed = (frames: readonly EvidenceFrame[], t0 = 20_000) => frames.map((frame, i) => ({ ...frame, t: t0 + i * 100 }));

describe('createAnalyzer', () => {
  test('models missing from the assets folder: a typed load error, never an analyzer', async () => {
    const empty = mkdtempSync(`${tmpdir()}/no-models-`);
    await assert.rejects(createAnalyzer({ assetsDir: empty }), (error: unknown) => {
      assert.ok(error instanceof AnalyzerLoadError);
      assert.equal(error.code, 'analyzer-unavailable');
      assert.match(error.message, /no-models-/);
      return true;
    });
  });

  test('a backend other than wasm or cpu is a TypeError', async () => {
    // @ts-expect-error: not a backend
    await assert.rejects(createAnalyzer({ backend: 'webgl' }), TypeError);
  });
});

describe('analyzeJpeg', () => {
  test('a header-only "JPEG" and a truncated one do not decode', async () => {
    assert.equal(await analyzer.analyzeJpeg(Buffer.from('ffd8ffe000104a464946000101ffd9', 'hex')), null);
    const real = fixturePhoto('woman-selfie.jpg');
    assert.equal(await analyzer.analyzeJpeg(real.subarray(0, real.length >> 1)), null);
  });

  test("a phone photo stored sideways is turned upright by its EXIF orientation", async () => {
    const selfie = fixturePhoto('woman-selfie.jpg'); // stored 640×480 with orientation 6: upright it is 480×640
    const analysis = await analyzer.analyzeJpeg(selfie);
    assert.deepEqual([analysis?.width, analysis?.height], [480, 640]);
    assert.ok(Math.abs(analysis!.faces[0]!.measures.roll) < 20, `roll ${analysis!.faces[0]!.measures.roll}`);
  });

  test('a grey square has no face; a real selfie one; three people three', async () => {
    const grey = jpeg.encode({ data: new Uint8Array(64 * 64 * 4).fill(128), width: 64, height: 64 }, 90).data;
    assert.equal((await analyzer.analyzeJpeg(grey))?.faces.length, 0);
    const selfie = await analyzer.analyzeJpeg(fixturePhoto('woman-selfie.jpg'));
    assert.equal(selfie?.faces.length, 1);
    assert.equal(selfie.descriptor?.length, 1024);
    assert.equal((await analyzer.analyzeJpeg(fixturePhoto('three-faces.jpg')))?.faces.length, 3);
  });
});

describe('analyseEvidence', () => {
  test('a real blink is confirmed by the server, one person throughout', async () => {
    const verdict = await analyseEvidence(blinkEvidence(blinkBurst), analyzer);
    assert.deepEqual(verdict.errors, []);
    assert.equal(verdict.analysis.actions[0]!.confirmed, true);
    assert.ok(verdict.analysis.actions[0]!.metric! > 0.23);
    assert.ok(verdict.analysis.identity.minLink! >= verdict.analysis.identity.threshold);
    assert.equal(verdict.fingerprints.length, 1 + blinkBurst.length);
    assert.ok(verdict.analysis.frames.every((f) => f.faces === 1));
  });

  test('a real mouth opening held for a second is confirmed', async () => {
    const burst = await evidenceFrames(analyzer, videoFrames('mouth-open-man.mp4', 11.0, 1.2, 6), 20_000, 1000 / 6);
    const [front] = await evidenceFrames(analyzer, videoFrames('mouth-open-man.mp4', 10.5, 0.1, 10).slice(0, 1), 19_000, 0);
    const verdict = await analyseEvidence({ frontal: front!, actions: [{ action: 'mouth-open', frames: burst }] }, analyzer);
    assert.deepEqual(verdict.errors, []);
  });

  test('the frontal frame repeated for the action: not confirmed', async () => {
    const verdict = await analyseEvidence(blinkEvidence(retimed(Array(6).fill(frontal))), analyzer);
    assert.deepEqual(verdict.errors, ['action-not-confirmed']);
  });

  test('genuine frames reordered so the closed eyes come first: not confirmed', async () => {
    const { analysis } = await analyseEvidence(blinkEvidence(blinkBurst), analyzer);
    const openness = analysis.frames.slice(1).map((f) => f.measures!.leftEye + f.measures!.rightEye);
    const closedFirst = blinkBurst.map((frame, i) => ({ frame, open: openness[i]! })).sort((a, b) => a.open - b.open);
    const verdict = await analyseEvidence(blinkEvidence(retimed(closedFirst.map(({ frame }) => frame))), analyzer);
    assert.ok(verdict.errors.includes('action-not-confirmed'), verdict.errors.join());
  });

  test('two people: frontal of a woman, the blink of a man', async () => {
    const [woman] = await evidenceFrames(analyzer, videoFrames('blink-wink-woman.mp4', 2.0, 0.1, 10).slice(0, 1), 19_000, 0);
    const verdict = await analyseEvidence(blinkEvidence(blinkBurst, woman), analyzer);
    assert.ok(verdict.errors.includes('identity-mismatch'), verdict.errors.join());
    assert.ok(verdict.analysis.identity.minLink! < 0.75);
  });

  test('a printed photo and a tablet screen, cropped as evidence, prove no action', async () => {
    for (const attack of ['spoof-printed-photo.jpg', 'spoof-tablet-screen.jpg']) {
      const crop = (await faceCrop(analyzer, fixturePhoto(attack))).toString('base64');
      const frame = { jpeg: crop, width: 256, height: 256, t: 0 };
      const verdict = await analyseEvidence(blinkEvidence(retimed(Array(5).fill(frame)), { ...frame, t: 19_000 }), analyzer);
      assert.ok(verdict.errors.includes('action-not-confirmed'), `${attack}: ${verdict.errors.join()}`);
    }
  });

  test('frames that do not decode, or decode at another size, are undecodable', async () => {
    const broken = { ...blinkBurst[2]!, jpeg: Buffer.from('ffd8ffe000104a464946000101ffd9', 'hex').toString('base64') };
    const resized = { ...blinkBurst[3]!, width: 255 };
    const frames = blinkBurst.map((frame, i) => (i === 2 ? broken : i === 3 ? resized : frame));
    const verdict = await analyseEvidence(blinkEvidence(frames), analyzer);
    assert.ok(verdict.errors.includes('evidence-undecodable'));
    assert.equal(verdict.analysis.frames[3]!.faces, 0);
  });

  test('a grey square and a picture of three people: no face, more than one face', async () => {
    const grey = Buffer.from(jpeg.encode({ data: new Uint8Array(256 * 256 * 4).fill(128), width: 256, height: 256 }, 90).data).toString('base64');
    const greyFrame = { jpeg: grey, width: 256, height: 256, t: 0 };
    assert.ok((await analyseEvidence(blinkEvidence(retimed([...blinkBurst.slice(0, 3), greyFrame, ...blinkBurst.slice(4)])), analyzer)).errors.includes('face-not-found'));
    const group = jpeg.decode(fixturePhoto('three-faces.jpg'), { useTArray: true });
    const side = Math.min(group.width, group.height);
    const square = new Uint8Array(side * side * 4);
    for (let y = 0; y < side; y++) square.set(group.data.subarray(y * group.width * 4, (y * group.width + side) * 4), y * side * 4);
    const groupFrame = { jpeg: Buffer.from(jpeg.encode({ data: square, width: side, height: side }, 90).data).toString('base64'), width: side, height: side, t: 0 };
    const verdict = await analyseEvidence(blinkEvidence(retimed([groupFrame, ...blinkBurst.slice(1)])), analyzer);
    assert.ok(verdict.errors.includes('multiple-faces'), verdict.errors.join());
  });
});
