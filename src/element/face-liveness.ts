import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { FaceLivenessError, toWireError } from '../core/errors.js';
import type { Observation } from '../core/protocol.js';
import { openCamera, stopStream, type CameraFacing } from './camera.js';
import { DetectorClient } from './detector-client.js';
import { livenessEvent } from './events.js';
import { styles } from './face-liveness.styles.js';
import { FramePump } from './frame-pump.js';
import { resolveLanguage, translation, type Translation } from './i18n/localize.js';
import { clearOverlay, drawObservation } from './overlay.js';

/** Where the element's own script was loaded from: the worker and models sit next to it by default. */
const SCRIPT_BASE = new URL('./', import.meta.url).href;

export type FaceLivenessStatus = 'idle' | 'starting' | 'running' | 'error';

/**
 * @summary A face check that runs on the device: camera, face landmarks in a Web Worker, prompts.
 *
 * @event liveness-ready - `{ backend, loadMs }`: the worker and models are ready.
 * @event liveness-error - `{ code, message, retryable }`: a technical failure; see the error codes.
 *
 * @csspart base - The element's wrapper.
 * @csspart video - The camera picture.
 * @csspart overlay - The canvas with the face box and landmarks.
 * @csspart prompt - The written prompt (also announced to screen readers).
 * @csspart button - The start / retry button.
 *
 * @cssproperty --face-liveness-accent - Button and overlay colour. Default #0b57d0.
 * @cssproperty --face-liveness-font-size - Body text size. Default 18px.
 * @cssproperty --face-liveness-prompt-size - Prompt text size. Default 26px.
 */
export class FaceLiveness extends LitElement {
  static override styles = styles;

  static override properties = {
    assetsUrl: { attribute: 'assets-url' },
    camera: { reflect: true },
    _status: { state: true },
    _message: { state: true },
  };

  /** Base URL of the worker script and the `models/` and `wasm/` folders. Default: next to this script. */
  declare assetsUrl: string;
  /** `user` (front camera, default) or `environment` (rear camera, for a helper holding the phone). */
  declare camera: CameraFacing;
  declare private _status: FaceLivenessStatus;
  declare private _message: string;

  private stream: MediaStream | null = null;
  private detector: Promise<DetectorClient> | null = null;
  private pump: FramePump | null = null;
  /** Bumped by every start and stop, so work from an older run is recognised and discarded. */
  private run = 0;

  constructor() {
    super();
    this.assetsUrl = '';
    this.camera = 'user';
    this._status = 'idle';
    this._message = '';
  }

  /** `idle`, `starting`, `running` or `error`. */
  get status(): FaceLivenessStatus {
    return this._status;
  }

  private get text(): Translation {
    return translation(resolveLanguage(this.lang, document.documentElement.lang));
  }

  /** Absolute base URL of the assets, ending in `/`. */
  private get assetsBase(): string {
    const base = new URL(this.assetsUrl || SCRIPT_BASE, document.baseURI).href;
    return base.endsWith('/') ? base : `${base}/`;
  }

  /** Opens the camera and starts detection. Resolves once frames flow (or the attempt failed). */
  async start(): Promise<void> {
    if (this._status === 'starting' || this._status === 'running') return;
    const run = ++this.run;
    this._status = 'starting';
    this._message = this.text.starting;
    const [camera, detector] = await Promise.allSettled([openCamera(this.camera), this.startDetector()]);
    if (camera.status === 'fulfilled' && (run !== this.run || detector.status === 'rejected')) {
      stopStream(camera.value);
    }
    if (run !== this.run) return;
    if (camera.status === 'rejected' || detector.status === 'rejected') {
      this.fail(camera.status === 'rejected' ? camera.reason : (detector as PromiseRejectedResult).reason);
      return;
    }
    this.stream = camera.value;
    this.stream.getVideoTracks()[0]?.addEventListener('ended', () => {
      if (run === this.run) this.fail(new FaceLivenessError('camera-ended', 'The camera stopped delivering frames'));
    });
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video')!;
    video.srcObject = this.stream;
    try {
      await video.play();
    } catch (error) {
      if (run === this.run) this.fail(new FaceLivenessError('camera-ended', `The camera picture could not be shown: ${String(error)}`, { cause: error }));
      return;
    }
    if (run !== this.run) return;
    this.pump = new FramePump(video, detector.value, {
      onObservation: (observation) => this.onObservation(observation),
      onError: (error) => this.fail(error),
    });
    this.pump.start();
    this._status = 'running';
    this._message = this.text.placeFace;
  }

  /** Stops detection and releases the camera and the worker. */
  stop(): void {
    this.run++;
    this.release();
    this._status = 'idle';
    this._message = this.text.stopped;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.run++;
    this.release();
    this._status = 'idle';
  }

  private startDetector(): Promise<DetectorClient> {
    if (!this.detector) {
      const started = DetectorClient.create({
        workerUrl: new URL('face-liveness.worker.js', this.assetsBase),
        assetsUrl: this.assetsBase,
      });
      this.detector = started;
      started.then(
        (client) => this.dispatchEvent(livenessEvent('liveness-ready', { backend: client.info.backend, loadMs: client.info.loadMs })),
        () => {
          if (this.detector === started) this.detector = null;
        },
      );
    }
    return this.detector;
  }

  private onObservation(observation: Observation): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas) drawObservation(canvas, observation, getComputedStyle(this).getPropertyValue('--face-liveness-accent') || '#0b57d0');
    const message = observation.faces.length ? this.text.placeFace : this.text.noFace;
    if (message !== this._message) this._message = message;
  }

  private release(): void {
    this.pump?.stop();
    this.pump = null;
    stopStream(this.stream);
    this.stream = null;
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = null;
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas) clearOverlay(canvas);
    const detector = this.detector;
    this.detector = null;
    void detector?.then((client) => client.dispose()).catch(() => undefined);
  }

  private fail(error: unknown): void {
    const wire = toWireError(error);
    this.run++;
    this.release();
    this._status = 'error';
    this._message = this.text.errors[wire.code];
    this.dispatchEvent(livenessEvent('liveness-error', { code: wire.code, message: wire.message, retryable: wire.retryable }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('camera') && this._status === 'running') {
      this.stop();
      void this.start();
    }
  }

  protected override render() {
    const text = this.text;
    const showButton = this._status === 'idle' || this._status === 'error';
    return html`
      <div part="base" class="base">
        <div class="stage ${this.camera === 'user' ? 'mirrored' : ''}">
          <video part="video" playsinline muted autoplay aria-hidden="true"></video>
          <canvas part="overlay" aria-hidden="true"></canvas>
        </div>
        <p part="prompt" role="status" aria-live="polite">${this._message}</p>
        ${showButton
          ? html`<button part="button" type="button" @click=${() => void this.start()}>
              ${this._status === 'error' ? text.retry : text.start}
            </button>`
          : nothing}
      </div>
    `;
  }
}
