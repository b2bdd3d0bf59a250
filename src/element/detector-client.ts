import { releaseProxy, transfer, transferHandlers, wrap, type Remote } from 'comlink';
import { installErrorTransfer } from '../core/error-transfer.js';
import { FaceLivenessError } from '../core/errors.js';
import type {
  BackendName,
  CaptureRequest,
  DetectOptions,
  DetectorApi,
  DetectorInfo,
  DetectorStats,
  EncodedEvidence,
  Observation,
  SignedCapture,
} from '../core/protocol.js';
import { VERSION } from '../core/version.js';

installErrorTransfer(transferHandlers);

/**
 * A worker that answers no call in this long is taken for dead (killed, or hung): the call fails with
 * `worker-failed` instead of leaving the check waiting. A frame takes well under a second even on a slow
 * phone; the first one after start-up compiles shaders, which `init` already did.
 */
const CALL_TIMEOUT_MS = 20_000;
/** How long `dispose()` waits for the worker to free its tensors before terminating it. */
const DISPOSE_GRACE_MS = 500;

export interface DetectorClientOptions {
  /** URL of `face-liveness.worker.js`. */
  workerUrl: string | URL;
  /** Absolute base URL of `models/` and `wasm/`, ending in `/`. */
  assetsUrl: string;
  /** Force a backend. Default: chosen by the worker from the device's GPU. */
  backend?: BackendName;
  /** Most faces to track. Default: the worker's (2). */
  maxFaces?: number;
}

/**
 * The main thread's handle on the detector worker: starts it, forwards frames (transferred, not
 * copied), and terminates it. A worker that fails to load or crashes rejects every pending call
 * with `worker-failed` instead of leaving it hanging.
 */
export class DetectorClient {
  private disposed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly remote: Remote<DetectorApi>,
    private readonly crashed: Promise<never>,
    readonly info: DetectorInfo,
  ) {}

  static async create(options: DetectorClientOptions): Promise<DetectorClient> {
    if (typeof Worker === 'undefined' || typeof createImageBitmap === 'undefined') {
      throw new FaceLivenessError('unsupported-browser', 'This browser lacks Web Workers or createImageBitmap');
    }
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl, { type: 'module', name: 'face-liveness-detector' });
    } catch (error) {
      throw new FaceLivenessError('worker-failed', `The detector worker could not be created: ${String(error)}`, { cause: error });
    }
    // A worker that fails to load will fail again; one that crashed after it was ready may not (memory).
    let ready = false;
    const crashed = new Promise<never>((_, reject) => {
      const fail = (event: Event) =>
        reject(
          new FaceLivenessError(
            'worker-failed',
            event instanceof ErrorEvent && event.message
              ? `The detector worker failed: ${event.message}`
              : `The detector worker failed to load from ${String(options.workerUrl)}`,
            { retryable: ready },
          ),
        );
      worker.addEventListener('error', fail);
      worker.addEventListener('messageerror', fail);
    });
    crashed.catch(() => undefined);
    const remote = wrap<DetectorApi>(worker);
    try {
      const info = await Promise.race([
        remote.init({
          assetsUrl: options.assetsUrl,
          version: VERSION,
          ...(options.backend ? { backend: options.backend } : {}),
          ...(options.maxFaces ? { maxFaces: options.maxFaces } : {}),
        }),
        crashed,
      ]);
      ready = true;
      return new DetectorClient(worker, remote, crashed, info);
    } catch (error) {
      remote[releaseProxy]();
      worker.terminate();
      throw error;
    }
  }

  /** Sends the frame to the worker, which owns it from now on (it is closed there). */
  detect(frame: ImageBitmap, t: number, options?: DetectOptions): Promise<Observation> {
    if (this.disposed) {
      frame.close();
      return Promise.reject(new FaceLivenessError('aborted', 'The detector was disposed'));
    }
    return this.call(this.remote.detect(transfer(frame, [frame]), t, options));
  }

  /** JPEG crops of frames kept with `detect(…, { evidence })`. */
  encodeEvidence(times: readonly number[]): Promise<EncodedEvidence[]> {
    return this.call(this.remote.encodeEvidence(times));
  }

  /** Encodes the evidence of a passed check, builds its claims and signs them, all in the worker. */
  sign(request: CaptureRequest): Promise<SignedCapture> {
    return this.call(this.remote.sign(request));
  }

  reset(): Promise<void> {
    return this.call(this.remote.reset());
  }

  stats(): Promise<DetectorStats> {
    return this.call(this.remote.stats());
  }

  /**
   * Frees the worker's models and tensors, then terminates it. A worker busy with a long call (signing) is
   * given {@link DISPOSE_GRACE_MS}, then terminated anyway: that frees everything too. Safe to call twice.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await Promise.race([this.remote.dispose(), this.crashed, new Promise((resolve) => setTimeout(resolve, DISPOSE_GRACE_MS))]);
    } finally {
      this.remote[releaseProxy]();
      this.worker.terminate();
    }
  }

  private call<T>(pending: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new FaceLivenessError('worker-failed', `The detector worker did not answer in ${CALL_TIMEOUT_MS / 1000} s`, { retryable: true }));
        // It is of no further use; terminating it frees its memory and tells later calls at once.
        this.disposed = true;
        this.remote[releaseProxy]();
        this.worker.terminate();
      }, CALL_TIMEOUT_MS);
    });
    return Promise.race([pending, this.crashed, silent]).finally(() => clearTimeout(timer));
  }
}

/**
 * The one detector of an element: started early (behind the consent screen), shared by its checks, and
 * replaced after it failed.
 */
export class DetectorSlot {
  private current: Promise<DetectorClient> | null = null;

  /** `onReady` is told when a started detector is ready and still the current one. */
  constructor(private readonly onReady: (client: DetectorClient) => void) {}

  /** The current detector, started with `options()` if there is none (or the last one failed to start). */
  get(options: () => DetectorClientOptions): Promise<DetectorClient> {
    if (!this.current) {
      const started = DetectorClient.create(options());
      this.current = started;
      started.then(
        (client) => (this.current === started ? this.onReady(client) : void client.dispose()),
        () => {
          if (this.current === started) this.current = null;
        },
      );
    }
    return this.current;
  }

  /** Terminates the detector; the next {@link get} starts a new one. */
  discard(): void {
    const current = this.current;
    this.current = null;
    void current?.then((client) => client.dispose()).catch(() => undefined);
  }
}
