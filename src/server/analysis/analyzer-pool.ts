/**
 * The analyzer on a pool of worker threads: each image goes to the thread with the fewest images waiting, so
 * the frames of one token are analysed side by side and several tokens share the cores.
 */
import { Worker } from 'node:worker_threads';
import { AnalyzerLoadError, type Analyzer, type CompleteAnalyzerOptions, type ImageAnalysis } from './analyzer-types.js';
import type { ThreadMessage } from './analyzer-thread.js';

/** Next to this module: the bundle's `server-analyzer-thread.js`, or the source file when run from source. */
const THREAD_SCRIPT = import.meta.url.endsWith('.ts')
  ? new URL('./analyzer-thread.ts', import.meta.url)
  : new URL('./server-analyzer-thread.js', import.meta.url);

interface Pending {
  resolve: (result: ImageAnalysis | null) => void;
  reject: (error: Error) => void;
}

class Thread {
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  alive = true;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'load-failed') reject(new AnalyzerLoadError(message.message));
        else this.settle(message);
      });
      // A thread that dies fails what it held; the pool stops using it.
      worker.on('error', (error: Error) => this.fail(error, reject));
      worker.on('exit', (code) => this.fail(new Error(`analyzer thread exited with code ${code}`), reject));
    });
  }

  private settle(message: Extract<ThreadMessage, { id: number }>): void {
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'done') pending?.resolve(message.result as ImageAnalysis | null);
    else pending?.reject(new Error(message.message));
  }

  private fail(error: Error, rejectReady: (error: Error) => void): void {
    this.alive = false;
    rejectReady(new AnalyzerLoadError(`an analyzer thread failed to start: ${error.message}`, { cause: error }));
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

export async function createAnalyzerPool(options: CompleteAnalyzerOptions): Promise<Analyzer> {
  const threads = Array.from({ length: options.threads }, () => new Thread(new Worker(THREAD_SCRIPT, { workerData: options })));
  try {
    await Promise.all(threads.map((thread) => thread.ready));
  } catch (error) {
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
    throw error;
  }
  let nextId = 0;
  return {
    backend: options.backend,
    analyzeJpeg(jpeg: Uint8Array): Promise<ImageAnalysis | null> {
      const alive = threads.filter((thread) => thread.alive);
      if (alive.length === 0) return Promise.reject(new Error('every analyzer thread has stopped'));
      const thread = alive.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, jpeg });
      });
    },
    dispose(): void {
      for (const thread of threads) void thread.worker.terminate();
    },
  };
}
