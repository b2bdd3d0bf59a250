/**
 * The liveness engine against what the fixture videos really contain (see fixture-table.ts for the
 * rules and `npm run liveness-report` for the full table with peak metrics).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIONS } from '../../src/core/challenge.js';
import { evaluate, isPhotoAttack, loadTraces, verdict } from './fixture-table.js';

const traces = loadTraces();

describe('liveness engine on real video traces', () => {
  it('has traces of every fixture video at 10 and 25 fps, and of photo attacks', () => {
    const clips = new Set(traces.map((t) => `${t.video}@${t.fps}`));
    for (const video of ['blink-man-glasses.mp4', 'mouth-open-man.mp4', 'head-turn-woman.mp4', 'two-faces.mp4', 'still-man.mp4']) {
      for (const fps of [10, 25]) assert.ok(clips.has(`${video}@${fps}`), `${video}@${fps}`);
    }
    assert.ok(traces.filter(isPhotoAttack).length >= 8, 'traces.filter(isPhotoAttack).length >= 8');
  });

  for (const trace of traces) {
    for (const action of ACTIONS) {
      const row = evaluate(trace, action);
      // Borderline rows (see fixture-table.ts) are in the report only.
      if (row.expected === 'either') continue;
      it(`${row.clip} @ ${row.fps} fps, ${action}: expected ${row.expected} (${row.why})`, () => {
        assert.equal(verdict(row), 'ok', `got ${row.passed ? `pass (peak ${row.peakAt}s, metric ${row.metric})` : `fail (${row.failure ?? 'not seen'})`}`);
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
