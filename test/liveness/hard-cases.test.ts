/**
 * The hard cases of the new clips (test/labels): a one-eyed wink, quick blinks at every frame rate, a head
 * that never holds still, a handheld selfie against the sky with a hand over the face and whip pans, and the
 * hysteresis of the gates at the edge of a limit. All on real recorded traces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Action } from '../../src/core/challenge.js';
import { MAX_BURST_FRAMES, MIN_BURST_FRAMES } from '../../src/core/claims.js';
import { baselineOf, BlinkDetector } from '../../src/core/liveness/actions.js';
import { DEFAULT_LIVENESS_CONFIG, validateLivenessConfig } from '../../src/core/liveness/config.js';
import { qualityIssue, UNFIT_FRAME } from '../../src/core/liveness/gates.js';
import { LivenessSession } from '../../src/core/liveness/session.js';
import type { Observation } from '../../src/core/protocol.js';
import { loadTraces, observations } from './fixture-table.js';

const traces = loadTraces();
const RATES = [5, 10, 15, 25];

function clip(video: string, fps: number): Observation[] {
  const trace = traces.find((t) => t.video === video && t.fps === fps);
  if (!trace) throw new Error(`no trace of ${video} at ${fps} fps: run npm run traces`);
  return observations(trace);
}

const between = (frames: Observation[], from: number, to: number) => frames.filter((f) => f.t >= from * 1000 && f.t < to * 1000);

/**
 * A clip looped 4 times as a camera plays it (`interval`: ms from its last frame to its first again); `checkFrom`
 * runs a check asking for `action` started `from` ms in, until it passes or fails, and returns its final state.
 */
function loopedCamera(once: Observation[], interval: number) {
  const period = once.at(-1)!.t + interval;
  const looped = [0, 1, 2, 3].flatMap((k) => once.map((f) => ({ ...f, t: f.t + k * period })));
  const checkFrom = (from: number, action: Action) => {
    const session = new LivenessSession([action]);
    for (const frame of looped.filter((f) => f.t >= from)) if (['passed', 'failed'].includes(session.observe({ ...frame, t: frame.t - from }).phase)) break;
    return session.state;
  };
  return { period, checkFrom };
}

/** Blinks the detector finds in `frames`, judged from the baseline of `open` (frames with the eyes open). */
function blinksIn(open: Observation[], frames: Observation[]): number[] {
  const detector = new BlinkDetector(baselineOf(open.map((f) => f.faces[0]!.measures)), DEFAULT_LIVENESS_CONFIG);
  const peaks: number[] = [];
  for (const f of [...open, ...frames]) {
    const done = detector.update({ t: f.t, measures: f.faces[0]!.measures }).done;
    if (done) peaks.push(done.peakT / 1000);
  }
  return peaks;
}

describe('hard cases on the new clips', () => {
  for (const fps of RATES) {
    it(`blink-wink-woman @ ${fps} fps: her right wink (1.40–1.93 s) is refused, her slow blink (2.27–2.87 s) passes`, () => {
      const frames = clip('blink-wink-woman.mp4', fps);
      // Her eyes open between the first blink and the left wink, then from after that wink on.
      const open = between(frames, 0.3, 0.7);
      assert.deepEqual(blinksIn(open, between(frames, 1.1, 2.2)), [], 'the wink');
      const slow = blinksIn(open, between(frames, 1.95, 3.0));
      assert.equal(slow.length, 1, `slow blink: ${slow.join(', ')}`);
      assert.ok(slow[0]! >= 2.27 && slow[0]! <= 2.87, `peak at ${slow[0]} s`);
    });
  }

  it('elderly-man-talking @ 25 fps: his 0.1 s blink of drooping lids (closed on one frame, 5.04 s) is a blink', () => {
    const frames = clip('elderly-man-talking.mp4', 25);
    const peaks = blinksIn(between(frames, 4.3, 4.8), between(frames, 4.8, 5.6));
    assert.equal(peaks.length, 1);
    assert.ok(Math.abs(peaks[0]! - 5.04) <= 0.04, `peak at ${peaks[0]} s`);
  });

  it('a quick closure while the face moves fast is not a blink: the mesh lags behind the face', () => {
    const config = validateLivenessConfig();
    const frames = clip('elderly-man-talking.mp4', 25);
    const detector = new BlinkDetector(baselineOf(between(frames, 4.3, 4.8).map((f) => f.faces[0]!.measures)), config);
    const done = [...between(frames, 4.3, 4.8), ...between(frames, 4.8, 5.6)].map(
      (f) => detector.update({ t: f.t, measures: f.faces[0]!.measures, shift: f.t >= 4980 && f.t <= 5100 ? 0.2 : 0 }).done,
    );
    assert.equal(done.filter(Boolean).length, 0);
  });

  /**
   * Her clip at every rate, and at 3⅓ fps (every third frame of the 10 fps trace) as an element that can analyse
   * only a few frames a second sees it. At 5 fps her turn right moves 20–35° between frames: no burst of it could
   * be joined into one person by the server, so it is asked again (see fixtures.test.ts's known-wrong rows).
   */
  const turnClips = [
    ...RATES.map((fps) => ({ rate: `${fps} fps`, frames: () => clip('head-turn-woman.mp4', fps), interval: 1000 / fps, readyBy: 3, actions: fps === 5 ? (['turn-left'] as const) : (['turn-left', 'turn-right'] as const) })),
    { rate: '3⅓ fps', frames: () => clip('head-turn-woman.mp4', 10).filter((_, i) => i % 3 === 0), interval: 300, readyBy: 4, actions: ['turn-left', 'turn-right'] as const },
  ];

  for (const { rate, frames, readyBy } of turnClips) {
    it(`head-turn-woman @ ${rate}: a head that never holds still still gets a baseline within ${readyBy} s`, () => {
      const session = new LivenessSession(['turn-left']);
      let readyAt: number | null = null;
      for (const frame of frames()) {
        const state = session.observe(frame);
        if (state.phase === 'action' && readyAt === null) readyAt = frame.t / 1000;
      }
      assert.ok(readyAt !== null && readyAt < readyBy, `ready at ${readyAt}`);
    });
  }

  for (const { rate, frames, interval, actions } of turnClips) {
    it(`head-turn-woman @ ${rate}, looped as a camera plays it: a check started at any moment sees ${actions.join(' and ')}, with a burst of ${MIN_BURST_FRAMES}–${MAX_BURST_FRAMES} frames`, () => {
      // She never holds still: the check may be asked half-way through a turn (which counts neither way), and at
      // her furthest turns the face reads as unsure for a frame (which must not break the turn).
      const { period, checkFrom } = loopedCamera(frames(), interval);
      for (const action of actions) {
        for (let from = 0; from < period; from += 250) {
          const { phase, failure, result } = checkFrom(from, action);
          assert.equal(phase, 'passed', `${action} from ${from / 1000} s: ${failure ?? phase}`);
          const burst = result!.actions[0]!.frames.length;
          assert.ok(burst >= MIN_BURST_FRAMES && burst <= MAX_BURST_FRAMES, `${action} from ${from / 1000} s: a burst of ${burst} frames`);
        }
      }
    });
  }

  it('head-turn-woman @ 5 fps asked turn-right: her turns right, refused for their frames, show she follows the prompt, so her turns left are never wrong-action', () => {
    const { period, checkFrom } = loopedCamera(clip('head-turn-woman.mp4', 5), 200);
    for (let from = 0; from < period; from += 250) assert.notEqual(checkFrom(from, 'turn-right').failure, 'wrong-action', `from ${from / 1000} s`);
  });

  for (const fps of RATES) {
    it(`mouth-open-man @ ${fps} fps: a check that starts inside his wide "O" (11.24–12.28 s) takes its baseline once the mouth closes, and sees the next "O"`, () => {
      for (const from of [10.5, 11.0, 11.3, 11.5]) {
        const session = new LivenessSession(['mouth-open']);
        for (const frame of between(clip('mouth-open-man.mp4', fps), from, 15)) if (session.observe(frame).phase === 'passed') break;
        const { phase, result } = session.state;
        assert.equal(phase, 'passed', `from ${from} s`);
        assert.ok(result!.baseline!.mouth < 0.1, `from ${from} s: baseline mouth ${result!.baseline!.mouth}`);
      }
    });
  }

  const selfie = 'selfie-handheld-motion-blur-overexposed.mp4';
  it(`${selfie}: the face dark against the sky gets the advice to face the light, never "no face"`, () => {
    for (const fps of RATES) {
      const backlit = between(clip(selfie, fps), 0, 1.0);
      const advice = backlit.map((frame) => qualityIssue(frame, DEFAULT_LIVENESS_CONFIG, 'start'));
      assert.ok(!advice.includes('no-face'), `${fps} fps: ${advice.join(', ')}`);
      assert.equal(advice[0], 'backlit', `${fps} fps: first frame`);
      assert.ok(!advice.includes('too-dark'), `${fps} fps: ${advice.join(', ')}`);
    }
  });

  it('a face as dark in a dark place is told to find more light, not to turn to it', () => {
    for (const fps of RATES) {
      const frame = clip(selfie, fps)[0]!;
      const face = frame.faces[0]!;
      assert.ok(face.measures.surroundBrightness! > 2 * face.measures.brightness, 'the sky around the face is bright');
      // The same real frame, with the light around the face as low as the face's own.
      const dark = { ...frame, faces: [{ ...face, measures: { ...face.measures, surroundBrightness: face.measures.brightness } }] };
      assert.equal(qualityIssue(dark, DEFAULT_LIVENESS_CONFIG, 'start'), 'too-dark');
      assert.ok(UNFIT_FRAME.has('backlit') && UNFIT_FRAME.has('too-dark'), 'neither is measured');
    }
  });

  it(`${selfie}: the hand over the face (5.07–5.77 s) pauses the action`, () => {
    for (const fps of RATES) {
      const session = new LivenessSession(['nod'], { actionTimeoutMs: 60_000 });
      const paused: boolean[] = [];
      for (const frame of clip(selfie, fps)) {
        const state = session.observe(frame);
        if (frame.t >= 5200 && frame.t <= 5500 && state.phase === 'action') paused.push(state.paused);
      }
      assert.ok(paused.length > 0 && paused.every(Boolean), `${fps} fps: paused ${paused.join(',')}`);
    }
  });

  it(`${selfie}: motion-blurred frames (the whip pans) never become evidence`, () => {
    const blurred = [[7.14, 7.27], [7.57, 7.74], [8.61, 8.71]];
    let evidence = 0;
    for (const fps of RATES) {
      for (const action of ['blink', 'mouth-open', 'turn-left', 'turn-right', 'nod'] as const) {
        const session = new LivenessSession([action], { actionTimeoutMs: 60_000 });
        const frames = clip(selfie, fps);
        for (const frame of frames) session.observe(frame);
        const { result } = session.state;
        // The frames kept meanwhile are candidates; what the token carries is the frontal frame and the bursts.
        const times = result ? [...(result.frontal ? [result.frontal.t] : []), ...result.actions.flatMap((a) => a.frames)] : [];
        evidence += times.length;
        for (const t of times) {
          const inBlur = blurred.some(([a, b]) => t >= a! * 1000 && t <= b! * 1000);
          const frame = frames.find((f) => f.t === t)!;
          assert.ok(!inBlur || frame.faces[0]!.measures.sharpness >= 0.04, `${fps} fps ${action}: blurred frame at ${t} ms is evidence`);
        }
      }
    }
    assert.ok(evidence > 0, 'some sessions chose evidence');
  });

  it('hysteresis: a face at the edge of a limit that passed keeps passing; one that did not, does not start', () => {
    const frame = clip('still-man.mp4', 25)[30]!;
    const face = frame.faces[0]!;
    // The same real frame, judged against a size limit set just above its own size.
    const config = validateLivenessConfig({ minFaceToGuide: (face.box.height / (2 * DEFAULT_LIVENESS_CONFIG.guide.ry * frame.height)) * 1.05 });
    assert.equal(qualityIssue(frame, config, 'start'), 'too-small');
    assert.equal(qualityIssue(frame, config, 'start', { staying: true }), null);
  });
});
