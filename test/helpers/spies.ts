/**
 * Watches what the element really creates in the page, through the browser's own constructors: the camera
 * streams getUserMedia hands out and the workers it starts (with their tensor counts, asked over comlink
 * beside the element's own calls, which comlink tells apart by message id).
 */
import { wrap, type Remote } from 'comlink';
import type { DetectorApi } from '../../src/core/protocol.js';

export interface Spies {
  streams: MediaStream[];
  workers: { worker: Worker; terminated: boolean }[];
  /** Every camera track the element opened has ended (the camera light is off). */
  camerasReleased(): boolean;
  liveWorkers(): Worker[];
  /** Tensors held by a worker, asked in the worker itself. */
  tensors(worker: Worker): Promise<number>;
  restore(): void;
}

export function spyOnPage(): Spies {
  const streams: MediaStream[] = [];
  const workers: Spies['workers'] = [];
  const remotes = new Map<Worker, Remote<DetectorApi>>();
  const mediaDevices = navigator.mediaDevices;
  const getUserMedia = mediaDevices?.getUserMedia;
  if (getUserMedia) {
    mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia.call(mediaDevices, constraints);
      streams.push(stream);
      return stream;
    };
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const entry = { worker: this as Worker, terminated: false };
      workers.push(entry);
      const terminate = this.terminate.bind(this);
      this.terminate = () => {
        entry.terminated = true;
        terminate();
      };
    }
  };
  return {
    streams,
    workers,
    camerasReleased: () => streams.every((stream) => stream.getTracks().every((track) => track.readyState === 'ended')),
    liveWorkers: () => workers.filter((w) => !w.terminated).map((w) => w.worker),
    async tensors(worker) {
      if (!remotes.has(worker)) remotes.set(worker, wrap<DetectorApi>(worker));
      return (await remotes.get(worker)!.stats()).numTensors;
    },
    restore() {
      if (getUserMedia) mediaDevices.getUserMedia = getUserMedia;
      window.Worker = NativeWorker;
    },
  };
}
