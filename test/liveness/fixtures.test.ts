/**
 * The liveness engine against what the fixture videos really contain (see fixture-table.ts for the
 * rules and `npm run liveness-report` for the full table with peak metrics).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIONS } from '../../src/core/challenge.js';
import { evaluate, isPhotoAttack, loadTraces, verdict } from './fixture-table.js';

const traces = loadTraces();

/**
 * Rows the engine is known to get wrong, each with why; the test asserts they are still wrong, so a change
 * that fixes one (or breaks another) shows here.
 */
const KNOWN_WRONG: Record<string, string> = {
  'man-glasses-frontal-slide@5 blink': 'a photo slid at 5 fps: the mesh lags a frame behind and reads both eyes shut (0.45) while the face moves 0.2 face widths a frame',
  'woman-selfie-slide@5 blink': 'the same lag (0.75 for one frame); a genuine blink while the head swings moves as much, so no shift limit separates them',
  'head-turn-woman@5 turn-right': 'her head moves 20–35° between frames at 5 fps: no burst the server could join into one person, so the turn is asked again',
};

describe('liveness engine on real video traces', () => {
  it('has traces of every fixture video at 10 and 25 fps, and of photo attacks', () => {
    const clips = new Set(traces.map((t) => `${t.video}@${t.fps}`));
    for (const video of ['blink-man-glasses.mp4', 'mouth-open-man.mp4', 'head-turn-woman.mp4', 'two-faces.mp4', 'still-man.mp4']) {
      for (const fps of [5, 10, 15, 25]) assert.ok(clips.has(`${video}@${fps}`), `${video}@${fps}`);
    }
    assert.ok(traces.filter(isPhotoAttack).length >= 8, 'traces.filter(isPhotoAttack).length >= 8');
  });

  for (const trace of traces) {
    for (const action of ACTIONS) {
      const row = evaluate(trace, action);
      // Borderline rows (see fixture-table.ts) are in the report only.
      if (row.expected === 'either') continue;
      const known = KNOWN_WRONG[`${row.clip}@${row.fps} ${action}`];
      it(`${row.clip} @ ${row.fps} fps, ${action}: expected ${row.expected} (${row.why})${known ? ', known to be wrong' : ''}`, () => {
        const got = `got ${row.passed ? `pass (peak ${row.peakAt}s, metric ${row.metric})` : `fail (${row.failure ?? 'not seen'})`}`;
        assert.equal(verdict(row), known ? 'WRONG' : 'ok', known ? `fixed? ${known}; ${got}` : got);
      });
    }
  }

  it('stops two-faces.mp4 at the multiple-faces gate', () => {
    for (const trace of traces.filter((t) => t.video === 'two-faces.mp4')) {
      const row = evaluate(trace, 'blink');
      assert.equal(row.failure, 'multiple-faces');
      assert.equal(row.readyAt, null);
    }
  });
});
