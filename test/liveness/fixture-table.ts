/**
 * Runs the liveness engine over the recorded fixture traces (test/data/traces) and compares each
 * video × action with what the video really contains (test/labels, labelled by eye). Shared by the
 * node test and `npm run liveness-report`.
 *
 * What counts as a genuine action (from the labels):
 * - blink: a full closure of both eyes (not `partial`, not `incomplete` at the end of the clip); one
 *   that fewer than two frames of the trace fall in is borderline, as it may fall between them;
 * - mouth-open: an opening labelled `deliberate` (held wide, as when asked); speech and grins are not;
 * - turn-left / turn-right: a turn labelled at 25° or more; 12° or less is not; in between is borderline,
 *   since the labels' angles are estimates by eye (±5–10°) and the threshold is about 20° by eye;
 * - nod: a head dip labelled at 20° or more; 10–20° is borderline.
 * Only events that start after the session is ready (positioned and baseline taken) can be seen.
 * Borderline cases are reported but not asserted. Photo-attack clips must pass nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ACTIONS, type Action } from '../../src/core/challenge.js';
import type { LivenessConfig } from '../../src/core/liveness/config.js';
import { LivenessSession, type FailReason } from '../../src/core/liveness/session.js';
import type { FaceObservation, Observation } from '../../src/core/protocol.js';

const DATA = new URL('../data/', import.meta.url);
const LABELS = new URL('../labels/', import.meta.url);

interface RecordedSample {
  t: number;
  width: number;
  height: number;
  faces: Omit<FaceObservation, 'landmarks'>[];
  otherFaces: Observation['otherFaces'];
}

export interface Trace {
  video: string;
  /** Frames per second the trace was recorded at; derived traces name how they were made in `rate`. */
  fps: number;
  rate?: string;
  width: number;
  height: number;
  samples: RecordedSample[];
}

interface LabelEvent {
  kind: string;
  start: number;
  end: number;
  deliberate?: boolean;
  peakDegrees?: number;
  partial?: boolean;
  incomplete?: boolean;
  /** Blink: when the lids were fully closed, if only part of the event (a quick blink of drooping lids). */
  closed?: [number, number];
}

interface Labels {
  video: string;
  faces: number;
  events: LabelEvent[];
  absent?: string[];
  /** Actions that cannot be decided by eye in this clip (eyes too small or blurred): borderline. */
  unknown?: string[];
  /** Several people, but one at a time in front of the camera: judged as a one-face clip. */
  takesTurns?: boolean;
}

export type Expectation = 'pass' | 'fail' | 'either';

export interface Row {
  clip: string;
  fps: number;
  action: Action;
  expected: Expectation;
  why: string;
  passed: boolean;
  /** Seconds into the clip when the session was ready for the action (null: never). */
  readyAt: number | null;
  /** Seconds into the clip when the action completed. */
  completedAt?: number;
  peakAt?: number;
  metric?: number;
  failure?: FailReason;
}

export function loadTraces(): Trace[] {
  return readdirSync(new URL('traces/', DATA))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(`traces/${name}`, DATA), 'utf8')) as Trace);
}

/** A fixed pseudo-random sequence (LCG), so the uneven-rate traces are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32) / 2 ** 32;
}

/**
 * An uneven frame rate made from a recorded one by dropping frames, as a busy phone does: about 12 fps with
 * irregular gaps (frames of the 25 fps trace dropped at random, sometimes several in a row). The steady rates
 * (5, 10, 15, 25 fps) are recorded as they are, since the mesh tracks from the previous frame.
 */
export function derivedTraces(traces: Trace[]): Trace[] {
  return traces
    .filter((t) => t.fps === 25)
    .map((t) => {
      const random = seeded(t.samples.length);
      return { ...t, fps: 12, rate: '~12 uneven (25 fps, random drops)', samples: t.samples.filter(() => random() < 0.5) };
    });
}

export function clipName(trace: Trace): string {
  return trace.video.replace(/\.\w+$/, '');
}

export function isPhotoAttack(trace: Trace): boolean {
  return /-(slide|tilt-yaw|tilt-pitch|rotate-zoom)$/.test(clipName(trace));
}

function loadLabels(clip: string): Labels | null {
  try {
    return JSON.parse(readFileSync(new URL(`${clip}.json`, LABELS), 'utf8')) as Labels;
  } catch {
    return null;
  }
}

/** The recorded samples as the engine's observations (landmarks were not recorded; the engine does not read them). */
export function observations(trace: Trace): Observation[] {
  return trace.samples.map((s) => ({
    t: s.t,
    width: s.width,
    height: s.height,
    workerMs: 0,
    faces: s.faces.map((face) => ({ ...face, landmarks: new Float32Array(0) })),
    otherFaces: s.otherFaces,
  }));
}

/** How genuine one labelled event is as `action`. */
function genuineness(event: LabelEvent, action: Action, trace: Trace): Expectation | null {
  if (event.kind !== action) return null;
  switch (action) {
    case 'blink': {
      const framesInside = trace.samples.filter((s) => s.t >= event.start * 1000 && s.t <= event.end * 1000).length;
      // A blink whose fully closed frames all fall between the trace's samples shows only half-closed lids.
      const [closedFrom, closedTo] = (event.closed ?? [event.start, event.end]).map((x) => x * 1000) as [number, number];
      // Within half a frame of the source (labels are to one 25–30 fps frame).
      const closedSeen = trace.samples.some((s) => s.t >= closedFrom - 20 && s.t <= closedTo + 20);
      return event.partial || event.incomplete || framesInside < 2 || !closedSeen ? 'either' : 'pass';
    }
    case 'mouth-open':
      return event.deliberate ? 'pass' : 'fail';
    case 'turn-left':
    case 'turn-right': {
      const degrees = event.peakDegrees ?? 0;
      return degrees >= 25 ? 'pass' : degrees <= 12 ? 'fail' : 'either';
    }
    case 'nod': {
      const degrees = event.peakDegrees ?? 0;
      return degrees >= 20 ? 'pass' : degrees >= 10 ? 'either' : 'fail';
    }
  }
}

function expectation(trace: Trace, action: Action, readyAt: number | null): { expected: Expectation; why: string } {
  if (isPhotoAttack(trace)) return { expected: 'fail', why: 'photo attack' };
  const labels = loadLabels(clipName(trace));
  if (!labels) return { expected: 'either', why: 'no labels' };
  if (labels.faces > 1 && !labels.takesTurns) return { expected: 'fail', why: `${labels.faces} faces` };
  if (readyAt === null) return { expected: 'either', why: 'session never ready' };
  if (labels.unknown?.includes(action)) return { expected: 'either', why: `${action} not decidable by eye` };
  // An event that ends as the session becomes ready was not seen.
  const seen = labels.events
    .filter((event) => event.end > readyAt)
    .map((event) => ({ event, verdict: genuineness(event, action, trace) }))
    .filter((e): e is { event: LabelEvent; verdict: Expectation } => e.verdict !== null);
  const describe = (e: { event: LabelEvent }) => `${e.event.start}–${e.event.end}s${e.event.peakDegrees ? ` ~${e.event.peakDegrees}°` : ''}`;
  const genuine = seen.filter((e) => e.verdict === 'pass');
  if (genuine.length) return { expected: 'pass', why: `${action} at ${genuine.map(describe).join(', ')}` };
  const borderline = seen.filter((e) => e.verdict === 'either');
  if (borderline.length) return { expected: 'either', why: `borderline ${action} at ${borderline.map(describe).join(', ')}` };
  const before = labels.events.filter((event) => genuineness(event, action, trace) === 'pass' && event.end < readyAt);
  if (before.length) return { expected: 'fail', why: `only before ready (${before.map((event) => `${event.start}s`).join(', ')})` };
  const lookalikes = seen.filter((e) => e.verdict === 'fail');
  if (lookalikes.length) return { expected: 'fail', why: `not genuine: ${lookalikes.map(describe).join(', ')}` };
  return { expected: 'fail', why: labels.absent?.includes(action) ? 'absent' : 'not in labels' };
}

/** One clip, one action: the whole clip is the time allowed, as if the action had been asked at the start. */
export function evaluate(trace: Trace, action: Action, config: Partial<LivenessConfig> = {}): Row {
  const session = new LivenessSession([action], { actionTimeoutMs: 120_000, ...config });
  let readyAt: number | null = null;
  for (const observation of observations(trace)) {
    const state = session.observe(observation);
    if (readyAt === null && state.phase !== 'positioning' && state.phase !== 'baseline' && state.phase !== 'failed') readyAt = observation.t / 1000;
    if (state.phase === 'passed' || state.phase === 'failed') break;
  }
  // A clip may end during the short capture that follows the action: the action was still proven.
  const { completed, failure } = session.state;
  const evidence = completed[0];
  const passed = evidence !== undefined;
  const row: Row = { clip: clipName(trace), fps: trace.fps, action, ...expectation(trace, action, readyAt), passed, readyAt };
  if (evidence) Object.assign(row, { completedAt: evidence.completedAt / 1000, peakAt: evidence.peakT / 1000, metric: evidence.metric });
  if (failure) row.failure = failure;
  return row;
}

export function evaluateAll(config: Partial<LivenessConfig> = {}): Row[] {
  const traces = loadTraces();
  return [...traces, ...derivedTraces(traces)].flatMap((trace) => ACTIONS.map((action) => evaluate(trace, action, config)));
}

export function verdict(row: Row): 'ok' | 'WRONG' | 'borderline' {
  if (row.expected === 'either') return 'borderline';
  return row.passed === (row.expected === 'pass') ? 'ok' : 'WRONG';
}

const round = (value: number | undefined, digits = 2) => (value === undefined ? '' : value.toFixed(digits));

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| clip | fps | action | expected | got | verdict | ready (s) | peak (s) | metric | why / failure |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const got = row.passed ? 'pass' : 'fail';
    const note = [row.why, row.failure].filter(Boolean).join('; ');
    lines.push(
      `| ${row.clip} | ${row.fps} | ${row.action} | ${row.expected} | ${got} | ${verdict(row)} | ${round(row.readyAt ?? undefined)} | ${round(row.peakAt)} | ${round(row.metric, 3)} | ${note} |`,
    );
  }
  return lines.join('\n');
}

export function summary(rows: Row[]): { genuine: number; genuinePassed: number; non: number; nonRejected: number; borderline: number; wrong: Row[] } {
  const genuine = rows.filter((r) => r.expected === 'pass');
  const non = rows.filter((r) => r.expected === 'fail');
  return {
    genuine: genuine.length,
    genuinePassed: genuine.filter((r) => r.passed).length,
    non: non.length,
    nonRejected: non.filter((r) => !r.passed).length,
    borderline: rows.filter((r) => r.expected === 'either').length,
    wrong: rows.filter((r) => verdict(r) === 'WRONG'),
  };
}
