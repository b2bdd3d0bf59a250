/**
 * Action detectors on their own, where a clip cannot go through a whole session: head-turn-woman.mp4
 * never holds still for a baseline (her head sweeps from side to side the whole clip), so its turns
 * are judged against the baseline of its own most frontal frames.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Action } from '../../src/core/challenge.js';
import { baselineOf, createActionDetector, type ActionEvidence } from '../../src/core/liveness/actions.js';
import { validateLivenessConfig } from '../../src/core/liveness/config.js';
import { loadTraces, observations } from './fixture-table.js';

const config = validateLivenessConfig();

function detections(video: string, fps: number, action: Action): { done: ActionEvidence[]; wrongWay: number; flat: number } {
  const trace = loadTraces().find((t) => t.video === video && t.fps === fps)!;
  const frames = observations(trace).filter((o) => o.faces.length === 1);
  const frontal = frames.map((o) => o.faces[0]!.measures).filter((m) => Math.abs(m.yaw) < 8);
  const detector = createActionDetector(action, baselineOf(frontal), config);
  const result = { done: [] as ActionEvidence[], wrongWay: 0, flat: 0 };
  for (const frame of frames) {
    const update = detector.update({ t: frame.t, measures: frame.faces[0]!.measures });
    if (update.done) result.done.push(update.done);
    if (update.wrongWay) result.wrongWay++;
    if (update.flat) result.flat++;
  }
  return result;
}

/** The labelled turns of head-turn-woman.mp4 (test/labels), as [start, end] in seconds. */
const labels = JSON.parse(readFileSync(new URL('../labels/head-turn-woman.json', import.meta.url), 'utf8')) as { events: { kind: string; start: number; end: number }[] };
const spans = (kind: string) => labels.events.filter((e) => e.kind === kind).map((e) => [e.start, e.end] as const);
const OWN_LEFT = spans('turn-left');
const OWN_RIGHT = spans('turn-right');
const near = (t: number, turns: (readonly [number, number])[]) => turns.some(([from, to]) => t >= from * 1000 - 150 && t <= to * 1000 + 150);

describe('turn detectors on head-turn-woman.mp4', () => {
  for (const fps of [10, 25]) {
    it(`finds her turns to her own left at the labelled extremes (${fps} fps)`, () => {
      const { done, wrongWay, flat } = detections('head-turn-woman.mp4', fps, 'turn-left');
      assert.ok(done.length >= 3, `found ${done.length} of ${OWN_LEFT.length}`, 'done.length >= 3, `found ${done.length} of ${OWN_LEFT.length}`');
      for (const turn of done) assert.ok(near(turn.peakT, OWN_LEFT), `peak at ${turn.peakT} ms`);
      assert.ok(done.every((turn) => turn.metric > 20), 'done.every((turn) => turn.metric > 20)');
      assert.ok(wrongWay >= 1, 'her turns to the right are seen as the wrong way');
      assert.equal(flat, 0);
    });

    it(`finds her turns to her own right at the labelled extremes (${fps} fps)`, () => {
      const { done, flat } = detections('head-turn-woman.mp4', fps, 'turn-right');
      assert.ok(done.length >= 3, `found ${done.length} of ${OWN_RIGHT.length}`, 'done.length >= 3, `found ${done.length} of ${OWN_RIGHT.length}`');
      for (const turn of done) assert.ok(near(turn.peakT, OWN_RIGHT), `peak at ${turn.peakT} ms`);
      assert.equal(flat, 0);
    });
  }
});
