import type { DetectOptions, Observation } from '../core/protocol.js';

/** What the pump sends frames to; {@link DetectorClient} in the element. */
export interface FrameDetector {
  detect(frame: ImageBitmap, t: number, options?: DetectOptions): Promise<Observation>;
}

export interface FramePumpStats {
  /** Video frames the browser presented while the pump ran. */
  offered: number;
  /** Frames sent to the detector. */
  sent: number;
  /** Frames skipped because one was still being analysed. */
  dropped: number;
  /** Most frames ever in flight at once; 1 by design. */
  maxInFlight: number;
  /** Frames analysed (an observation came back). */
  analysed: number;
  /** `performance.now()` of the first and the latest analysed frame. */
  firstAt: number | null;
  lastAt: number | null;
  /** Milliseconds from grabbing each of the latest frames to its observation (at most {@link LATENCY_WINDOW}). */
  latencies: number[];
}

/** How many of the latest frames' times the pump keeps for the median and p95. */
export const LATENCY_WINDOW = 300;

export interface FramePumpCallbacks {
  onObservation(observation: Observation): void;
  onError(error: unknown): void;
  /** Options for each frame's detection, asked for as the frame is sent. Default: none. */
  detectOptions?(): DetectOptions;
}

/**
 * Feeds video frames to the detector, one in flight at a time: while the worker is busy, new frames
 * are dropped rather than queued, so latency never builds up on a slow device.
 */
export class FramePump {
  readonly stats: FramePumpStats = { offered: 0, sent: 0, dropped: 0, maxInFlight: 0, analysed: 0, firstAt: null, lastAt: null, latencies: [] };
  private inFlight = 0;
  private running = false;
  private cancelNext: (() => void) | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly detector: FrameDetector,
    private readonly callbacks: FramePumpCallbacks,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleNext();
  }

  stop(): void {
    this.running = false;
    this.cancelNext?.();
    this.cancelNext = null;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private scheduleNext(): void {
    const video = this.video;
    if ('requestVideoFrameCallback' in video) {
      const handle = video.requestVideoFrameCallback((now) => this.onFrame(now));
      this.cancelNext = () => video.cancelVideoFrameCallback(handle);
    } else {
      // Older web-views: poll at display rate; frames that did not change are still cheap to skip.
      const handle = requestAnimationFrame((now) => this.onFrame(now));
      this.cancelNext = () => cancelAnimationFrame(handle);
    }
  }

  private onFrame(now: number): void {
    if (!this.running) return;
    this.scheduleNext();
    this.stats.offered++;
    if (this.inFlight > 0 || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      this.stats.dropped++;
      return;
    }
    void this.send(now);
  }

  private async send(t: number): Promise<void> {
    this.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
    this.stats.sent++;
    const grabbed = performance.now();
    try {
      const bitmap = await createImageBitmap(this.video);
      const observation = await this.detector.detect(bitmap, t, this.callbacks.detectOptions?.());
      this.record(grabbed);
      if (this.running) this.callbacks.onObservation(observation);
    } catch (error) {
      if (this.running) this.callbacks.onError(error);
    } finally {
      this.inFlight--;
    }
  }

  private record(grabbed: number): void {
    const now = performance.now();
    const { stats } = this;
    stats.analysed++;
    stats.firstAt ??= now;
    stats.lastAt = now;
    stats.latencies.push(now - grabbed);
    if (stats.latencies.length > LATENCY_WINDOW) stats.latencies.shift();
  }
}
