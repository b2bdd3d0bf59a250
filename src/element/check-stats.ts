import type { BackendName } from '../core/protocol.js';
import { median, quantile } from '../core/statistics.js';
import type { FramePumpStats } from './frame-pump.js';

/** How the current (or last) check runs on this device: the element's `stats`. */
export interface CheckStats {
  /** The detector's backend; null before the worker is ready. */
  backend: BackendName | null;
  /** Frames analysed in this check. */
  frames: number;
  /** Camera frames skipped because the worker was still busy with the one before (one frame in flight). */
  dropped: number;
  /** Frames analysed per second, from the first analysed frame to the latest. */
  fps: number;
  /** Milliseconds from grabbing a frame to its analysis arriving, over the latest 300 frames. */
  frameMs: { median: number; p95: number };
}

export function checkStats(backend: BackendName | null, pump: FramePumpStats | undefined): CheckStats {
  const latencies = pump?.latencies ?? [];
  const seconds = pump?.firstAt != null && pump.lastAt != null ? (pump.lastAt - pump.firstAt) / 1000 : 0;
  return {
    backend,
    frames: pump?.analysed ?? 0,
    dropped: pump?.dropped ?? 0,
    fps: seconds > 0 ? (pump!.analysed - 1) / seconds : 0,
    frameMs: latencies.length ? { median: median(latencies), p95: quantile(latencies, 0.95) } : { median: 0, p95: 0 },
  };
}
