import { LitElement, type PropertyValues } from 'lit';
import { ACTIONS, isAction, type Challenge } from '../core/challenge.js';
import type { CaptureMode } from '../core/claims.js';
import { FaceLivenessError, toWireError } from '../core/errors.js';
import { DEFAULT_LIVENESS_CONFIG } from '../core/liveness/config.js';
import { frontalCapture, LivenessSession, type SessionState } from '../core/liveness/session.js';
import { qualityIssue } from '../core/liveness/gates.js';
import type { Observation, SignedCapture } from '../core/protocol.js';
import { openCamera, stopStream, type CameraFacing } from './camera.js';
import { fetchChallenge, makeLocalChallenge } from './challenge-client.js';
import { DetectorClient } from './detector-client.js';
import { livenessEvent, type LivenessProgressDetail } from './events.js';
import { styles } from './face-liveness.styles.js';
import { FramePump } from './frame-pump.js';
import { resolveLanguage, translation, type Language, type Translation } from './i18n/localize.js';
import { clearOverlay, drawObservation } from './overlay.js';
import { renderView, type Screen, type ViewState } from './view.js';
import { browserVoice, type Voice } from './voice.js';

/** Where the element's own script was loaded from: the worker and models sit next to it by default. */
const SCRIPT_BASE = new URL('./', import.meta.url).href;

/** Advice is spoken again at most this often, so the voice does not nag. */
const ADVICE_REPEAT_MS = 5000;

/** What one attempt owns; all of it is released together. */
interface Run {
  id: number;
  abort: AbortController;
  challenge: Challenge;
  session: LivenessSession;
  pump: FramePump | null;
  lastPhase: string;
  lastActionIndex: number;
}

/**
 * @summary A face liveness check for a web page: consent, camera, spoken prompts, on-device face
 * landmarks in a Web Worker, and a signed capture payload for the host's server.
 *
 * @event liveness-ready - `{ backend, loadMs }`: the worker and models are ready (they load behind the consent screen).
 * @event liveness-progress - `{ phase, action?, index, total }`: the check moved on.
 * @event liveness-success - `{ token, result }`: liveness proven; `token` is the signed payload (also the form value).
 * @event liveness-fail - `{ reason, attemptsLeft }`: liveness not proven this attempt.
 * @event liveness-error - `{ code, message, retryable }`: a technical failure.
 *
 * @slot alternative - The host's other way to prove identity (a counter, manual review), shown with the
 * consent and after failures.
 *
 * @csspart base - The element's wrapper.
 * @csspart video - The camera picture.
 * @csspart overlay - Face landmarks, drawn only with `show-landmarks`.
 * @csspart guide - The oval the face goes in.
 * @csspart prompt - The written prompt (also spoken and announced to screen readers).
 * @csspart progress - The steps of the check.
 * @csspart button - Every button.
 *
 * @cssproperty --face-liveness-accent - Buttons and the guide when the face fits. Default #0842a0 (9:1 on white).
 * @cssproperty --face-liveness-text - Text colour. Default #111111.
 * @cssproperty --face-liveness-background - Background. Default #ffffff.
 * @cssproperty --face-liveness-font-size - Body text. Default 20px.
 * @cssproperty --face-liveness-prompt-size - Prompts. Default 28px.
 */
export class FaceLiveness extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  static override properties = {
    challengeUrl: { attribute: 'challenge-url' },
    challenge: { attribute: false },
    stream: { attribute: false },
    actions: {},
    actionCount: { attribute: 'action-count', type: Number },
    noVoice: { attribute: 'no-voice', type: Boolean },
    assetsUrl: { attribute: 'assets-url' },
    camera: { reflect: true },
    actionTimeout: { attribute: 'action-timeout', type: Number },
    positioningTimeout: { attribute: 'positioning-timeout', type: Number },
    maxAttempts: { attribute: 'max-attempts', type: Number },
    name: {},
    required: { type: Boolean },
    consented: { type: Boolean },
    showLandmarks: { attribute: 'show-landmarks', type: Boolean },
    voice: { attribute: false },
    screen: { state: true },
    view: { state: true },
  };

  /** POST here (JSON `{}`) for a challenge from the host's server. None: local mode. */
  declare challengeUrl: string | undefined;
  /** A challenge given directly, instead of `challenge-url` (server mode). */
  declare challenge: Challenge | undefined;
  /** A camera stream the host supplies (native-app bridges, kiosks, tests). The host keeps ownership of its tracks. */
  declare stream: MediaStream | undefined;
  /** Local mode: the space-separated pool of actions. Default: all five. */
  declare actions: string;
  /** Local mode: how many actions, in random order. Default 2. */
  declare actionCount: number;
  /** Turns spoken prompts off. */
  declare noVoice: boolean;
  /** Base URL of the worker script and the `models/` and `wasm/` folders. Default: next to this script. */
  declare assetsUrl: string;
  /** `user` (front camera, default) or `environment` (rear camera, for a helper holding the phone). */
  declare camera: CameraFacing;
  /** Seconds allowed per action. Default 15. */
  declare actionTimeout: number;
  /** Seconds a person may take to get placed, from the first frame, before the attempt fails (`positioning-timeout`). Default 60. */
  declare positioningTimeout: number;
  /** Attempts before `liveness-fail` is final. Default 3. */
  declare maxAttempts: number;
  /** Form field name of the token. Default `face-liveness-token`. */
  declare name: string;
  /** The form is invalid until the check succeeded. */
  declare required: boolean;
  /** The host obtained the person's separate consent itself: skip the consent screen. */
  declare consented: boolean;
  /** Development aid: draw the face landmarks over the video. */
  declare showLandmarks: boolean;
  /** Speaks the prompts; default the browser's speech synthesis. Set your own to play recorded audio. */
  declare voice: Voice | null;
  declare private screen: Screen;
  declare private view: Omit<ViewState, 'text' | 'screen' | 'mirrored' | 'canSwitchCamera'>;

  private readonly internals: ElementInternals;
  private detector: Promise<DetectorClient> | null = null;
  private ownStream: MediaStream | null = null;
  private run: Run | null = null;
  private runs = 0;
  private attemptsUsed = 0;
  private signedToken: string | null = null;
  private spoken = { text: '', at: 0 };
  /** A keyboard user acted inside the element: the next screen's first button gets the focus. */
  private moveFocus = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.challengeUrl = undefined;
    this.challenge = undefined;
    this.stream = undefined;
    this.actions = ACTIONS.join(' ');
    this.actionCount = 2;
    this.noVoice = false;
    this.assetsUrl = '';
    this.camera = 'user';
    this.actionTimeout = 15;
    this.positioningTimeout = 60;
    this.maxAttempts = 3;
    this.name = 'face-liveness-token';
    this.required = false;
    this.consented = false;
    this.showLandmarks = false;
    this.voice = browserVoice();
    this.screen = 'consent';
    this.view = { prompt: '', guide: DEFAULT_LIVENESS_CONFIG.guide, guideOk: false, aspectRatio: 3 / 4, canRetry: false };
  }

  /** What is on screen: `consent`, `ready`, `declined`, `starting`, `checking`, `signing`, `success`, `failed`, `error` or `photo`. */
  get status(): Screen {
    return this.screen;
  }

  /** The signed capture payload of the last successful check, or null. */
  get token(): string | null {
    return this.signedToken;
  }

  private get language(): Language {
    return resolveLanguage(this.lang, document.documentElement.lang);
  }

  private get text(): Translation {
    return translation(this.language);
  }

  private get assetsBase(): string {
    const base = new URL(this.assetsUrl || SCRIPT_BASE, document.baseURI).href;
    return base.endsWith('/') ? base : `${base}/`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.screen = typeof navigator.mediaDevices?.getUserMedia === 'function' || this.stream ? (this.consented ? 'ready' : 'consent') : 'photo';
    this.setView({ prompt: this.screenPrompt(this.screen) });
    this.updateValidity();
    // Warm up behind the consent screen, so no wait follows the tap.
    void this.startDetector().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.endRun();
    this.releaseCamera();
    const detector = this.detector;
    this.detector = null;
    void detector?.then((client) => client.dispose()).catch(() => undefined);
  }

  /**
   * Starts a check: opens the camera, gets the challenge, and runs the actions. What the consent
   * screen's button does; call it yourself with `consented`. Resolves once the check is under way.
   */
  async start(): Promise<void> {
    if (this.screen === 'starting' || this.screen === 'checking' || this.screen === 'signing') return;
    if (this.attemptsUsed >= this.maxAttempts) this.attemptsUsed = 0;
    this.signedToken = null;
    this.internals.setFormValue(null);
    this.updateValidity();
    const id = ++this.runs;
    const abort = new AbortController();
    this.show('starting', this.text.starting);
    const [camera, challenge, detector] = await Promise.allSettled([this.cameraStream(), this.getChallenge(abort.signal), this.startDetector()]);
    if (id !== this.runs) return;
    const failure = [camera, challenge, detector].find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      this.fail(failure.reason);
      return;
    }
    const run: Run = {
      id,
      abort,
      challenge: (challenge as PromiseFulfilledResult<Challenge>).value,
      session: new LivenessSession((challenge as PromiseFulfilledResult<Challenge>).value.actions, {
        actionTimeoutMs: this.actionTimeout * 1000,
        positioningTimeoutMs: this.positioningTimeout * 1000,
        maxAttempts: 1,
      }),
      pump: null,
      lastPhase: '',
      lastActionIndex: -1,
    };
    this.run = run;
    this.attemptsUsed++;
    await this.attachVideo((camera as PromiseFulfilledResult<MediaStream>).value, run);
    if (this.run !== run) return;
    const client = (detector as PromiseFulfilledResult<DetectorClient>).value;
    await client.reset();
    run.pump = new FramePump(this.videoElement!, client, {
      onObservation: (observation) => this.onObservation(run, observation),
      onError: (error) => this.fail(error),
      detectOptions: () => ({ evidence: { keep: run.session.evidenceTimes } }),
    });
    run.pump.start();
    this.show('checking', this.text.holdStill);
  }

  /** Stops the check and releases the camera. The element returns to its first screen. */
  stop(): void {
    this.runs++;
    this.endRun();
    this.releaseCamera();
    this.show(this.consented ? 'ready' : 'consent');
  }

  /** Stops, forgets the token and the attempts, and returns to the first screen. */
  reset(): void {
    this.stop();
    this.attemptsUsed = 0;
    this.signedToken = null;
    this.internals.setFormValue(null);
    this.updateValidity();
  }

  // Form-associated custom element callbacks.
  formResetCallback(): void {
    this.reset();
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

  private async cameraStream(): Promise<MediaStream> {
    if (this.stream) return this.stream;
    this.ownStream ??= await openCamera(this.camera);
    return this.ownStream;
  }

  private async getChallenge(signal: AbortSignal): Promise<Challenge> {
    if (this.challenge) return this.challenge;
    if (this.challengeUrl) return fetchChallenge(new URL(this.challengeUrl, document.baseURI).href, signal);
    const pool = this.actions.split(/\s+/).filter(isAction);
    return makeLocalChallenge(pool.length ? pool : ACTIONS, this.actionCount);
  }

  private get mode(): CaptureMode {
    return this.challenge || this.challengeUrl ? 'server' : 'local';
  }

  private get videoElement(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  private async attachVideo(stream: MediaStream, run: Run): Promise<void> {
    await this.updateComplete;
    const video = this.videoElement!;
    if (video.srcObject !== stream) video.srcObject = stream;
    stream.getVideoTracks()[0]?.addEventListener(
      'ended',
      () => {
        if (this.run === run) this.fail(new FaceLivenessError('camera-ended', 'The camera stopped delivering frames'));
      },
      { once: true },
    );
    try {
      await video.play();
    } catch (error) {
      if (this.run === run) this.fail(new FaceLivenessError('camera-ended', `The camera picture could not be shown: ${String(error)}`, { cause: error }));
      return;
    }
    if (video.videoWidth && video.videoHeight) this.setView({ aspectRatio: video.videoWidth / video.videoHeight });
  }

  private onObservation(run: Run, observation: Observation): void {
    if (this.run !== run) return;
    if (this.showLandmarks) {
      const canvas = this.renderRoot.querySelector('canvas');
      if (canvas) drawObservation(canvas, observation, getComputedStyle(this).getPropertyValue('--face-liveness-accent').trim() || '#0842a0');
    }
    if (Date.now() / 1000 > run.challenge.expiresAt) {
      this.fail(new FaceLivenessError('challenge-expired', 'The challenge expired during the check'));
      return;
    }
    const state = run.session.observe(observation);
    this.reportProgress(run, state);
    if (state.phase === 'passed') void this.finish(run);
    else if (state.phase === 'failed') this.failAttempt(state);
    else this.showCheck(state);
  }

  private reportProgress(run: Run, state: SessionState): void {
    const index = state.completed.length;
    if (state.phase === run.lastPhase && index === run.lastActionIndex) return;
    run.lastPhase = state.phase;
    run.lastActionIndex = index;
    const detail: LivenessProgressDetail = { phase: state.phase, index, total: state.total, ...(state.action ? { action: state.action } : {}) };
    this.dispatchEvent(livenessEvent('liveness-progress', detail));
  }

  private showCheck(state: SessionState): void {
    const text = this.text;
    let prompt: string;
    if (state.phase === 'action' && state.action && !state.paused) prompt = text.actions[state.action];
    else if (state.issue) prompt = text.advice[state.issue];
    else prompt = state.phase === 'capture' ? text.capturing : text.holdStill;
    this.setView({
      prompt,
      detail: state.phase === 'action' ? text.step(state.completed.length + 1, state.total) : undefined,
      action: state.phase === 'action' ? state.action : undefined,
      step: { done: state.completed.length, total: state.total },
      guideOk: state.issue === null,
    });
    this.say(prompt, state.issue !== null && state.phase !== 'action');
  }

  private async finish(run: Run): Promise<void> {
    run.pump?.stop();
    this.show('signing', this.text.signing);
    const result = run.session.state.result!;
    let signed: SignedCapture;
    try {
      const client = await this.startDetector();
      signed = await client.sign({ challenge: run.challenge, mode: this.mode, result, epochOffsetMs: performance.timeOrigin });
    } catch (error) {
      if (this.run === run) this.fail(error);
      return;
    }
    if (this.run !== run) return;
    this.endRun();
    this.releaseCamera();
    this.succeed(signed);
  }

  /** The token becomes the element's `token` and form value, and `liveness-success` tells the host. */
  private succeed(signed: SignedCapture): void {
    this.signedToken = signed.token;
    const form = new FormData();
    form.append(this.name || 'face-liveness-token', signed.token);
    this.internals.setFormValue(form);
    this.updateValidity();
    this.show('success', this.text.success);
    this.dispatchEvent(livenessEvent('liveness-success', { token: signed.token, result: signed.result }));
  }

  private failAttempt(state: SessionState): void {
    const reason = state.failure!;
    this.endRun();
    const attemptsLeft = Math.max(0, this.maxAttempts - this.attemptsUsed);
    if (attemptsLeft === 0) this.releaseCamera();
    const text = this.text;
    // A person who could not get placed is told what to change: the advice that was showing.
    const advice = reason === 'positioning-timeout' && state.issue ? ` ${text.advice[state.issue]}` : '';
    this.show('failed', text.failures[reason] + advice, attemptsLeft > 0 ? text.attemptsLeft(attemptsLeft) : text.noAttemptsLeft, attemptsLeft > 0);
    this.dispatchEvent(livenessEvent('liveness-fail', { reason, attemptsLeft }));
  }

  private fail(error: unknown): void {
    const wire = toWireError(error);
    this.runs++;
    this.endRun();
    this.releaseCamera();
    this.show('error', this.text.errors[wire.code], undefined, wire.retryable);
    this.dispatchEvent(livenessEvent('liveness-error', { code: wire.code, message: wire.message, retryable: wire.retryable }));
  }

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'hidden' && this.run) {
      this.fail(new FaceLivenessError('aborted', 'The page was hidden during the check'));
    }
  };

  private endRun(): void {
    const run = this.run;
    this.run = null;
    if (!run) return;
    run.abort.abort();
    run.pump?.stop();
    this.voice?.cancel();
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas) clearOverlay(canvas);
  }

  /** Stops the camera the element opened; a host-supplied stream is only detached. */
  private releaseCamera(): void {
    stopStream(this.ownStream);
    this.ownStream = null;
    const video = this.videoElement;
    if (video) video.srcObject = null;
  }

  private screenPrompt(screen: Screen): string {
    const text = this.text;
    switch (screen) {
      case 'consent':
        return '';
      case 'ready':
        return text.readyTitle;
      case 'declined':
        return text.declined;
      case 'photo':
        return text.photoTitle;
      default:
        return '';
    }
  }

  private show(screen: Screen, prompt = this.screenPrompt(screen), detail?: string, canRetry = false): void {
    this.screen = screen;
    this.setView({ prompt, detail, canRetry, action: undefined, step: undefined });
    if (prompt) this.say(prompt, false);
  }

  private setView(changes: Partial<typeof this.view>): void {
    this.view = { ...this.view, ...changes };
  }

  /** Speaks `text` when it changed; advice that repeats is spoken again only after a pause. */
  private say(text: string, isAdvice: boolean): void {
    if (this.noVoice || !this.voice) return;
    const now = performance.now();
    if (text === this.spoken.text && (!isAdvice || now - this.spoken.at < ADVICE_REPEAT_MS)) return;
    if (isAdvice && now - this.spoken.at < 1500) return;
    this.spoken = { text, at: now };
    this.voice.speak(text, this.language);
  }

  private updateValidity(): void {
    if (this.required && !this.signedToken) this.internals.setValidity({ valueMissing: true }, this.text.required);
    else this.internals.setValidity({});
  }

  private async takePhoto(file: File): Promise<void> {
    const id = ++this.runs;
    this.show('signing', this.text.signing);
    try {
      const [detector, bitmap] = await Promise.all([this.startDetector(), createImageBitmap(file)]);
      const challenge = await this.getChallenge(new AbortController().signal);
      if (id !== this.runs) return;
      await detector.reset();
      const t = performance.now();
      const observation = await detector.detect(bitmap, t, { evidence: { keep: [t] } });
      const issue = qualityIssue(observation, DEFAULT_LIVENESS_CONFIG, 'start');
      if (issue) {
        this.show('photo', this.text.advice[issue], this.text.photoHelp);
        return;
      }
      const signed = await detector.sign({
        challenge,
        mode: 'photo',
        epochOffsetMs: performance.timeOrigin,
        result: { passed: true, actions: [], baseline: null, frontal: frontalCapture(observation, DEFAULT_LIVENESS_CONFIG) },
      });
      if (id === this.runs) this.succeed(signed);
    } catch (error) {
      if (id === this.runs) this.fail(error);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The button that had the focus is about to disappear with its screen.
    if ((changed as PropertyValues).has('screen') && this.shadowRoot?.activeElement) this.moveFocus = true;
    if (changed.has('consented') && (this.screen === 'consent' || this.screen === 'ready')) {
      this.screen = this.consented ? 'ready' : 'consent';
      this.view = { ...this.view, prompt: this.screenPrompt(this.screen) };
    }
    if (changed.has('required')) this.updateValidity();
  }

  protected override updated(): void {
    if (!this.moveFocus) return;
    const next = this.renderRoot.querySelector<HTMLElement>('button, input[type="file"]');
    if (next) {
      next.focus();
      this.moveFocus = false;
    }
  }

  protected override render() {
    const text = this.text;
    return renderView(
      {
        ...this.view,
        text,
        screen: this.screen,
        mirrored: this.camera === 'user' && !this.stream,
        canSwitchCamera: !this.stream,
      },
      {
        agree: () => void this.start(),
        decline: () => {
          this.stop();
          this.show('declined');
        },
        start: () => void this.start(),
        retry: () => void this.start(),
        switchCamera: () => this.switchCamera(),
        photo: (file) => void this.takePhoto(file),
      },
    );
  }

  /** For a helper holding the phone: the other camera, and the check starts again. */
  private switchCamera(): void {
    this.camera = this.camera === 'user' ? 'environment' : 'user';
    this.attemptsUsed = Math.max(0, this.attemptsUsed - 1);
    this.runs++;
    this.endRun();
    this.releaseCamera();
    this.screen = 'ready';
    void this.start();
  }
}
