/**
 * One check's whole lifecycle for `<face-liveness>`: the detector worker (warmed behind the consent screen),
 * the camera, the challenge and its clock, the frame pump, the liveness session, signing, and teardown.
 * The element keeps its properties, rendering and events; this controller decides what is on screen.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Challenge } from '../core/challenge.js';
import type { CaptureMode } from '../core/claims.js';
import { FaceLivenessError, toWireError } from '../core/errors.js';
import { DEFAULT_LIVENESS_CONFIG } from '../core/liveness/config.js';
import type { SessionState } from '../core/liveness/session.js';
import type { BackendName, Observation, SignedCapture } from '../core/protocol.js';
import { CameraHandle, type CameraFacing } from './camera.js';
import { obtainChallenge, type IssuedChallenge } from './challenge-client.js';
import { checkView, failureText, joinSentences, missedAction } from './check-prompts.js';
import { checkStats, type CheckStats } from './check-stats.js';
import { DetectorSlot, type DetectorClient } from './detector-client.js';
import { Attempt } from './attempt.js';
import { livenessEvent } from './events.js';
import { FramePump } from './frame-pump.js';
import { signPhoto } from './photo-capture.js';
import { resolveLanguage, translation, type Language, type Translation } from './i18n/localize.js';
import { clearOverlay, drawObservation } from './overlay.js';
import type { Screen, ViewState } from './view.js';
import { PromptSpeaker, type Voice } from './voice.js';

/**
 * Where the SDK's script was loaded from: the worker and models sit next to it by default. Not written as
 * `new URL('./', import.meta.url)`, which bundlers such as Vite take for an asset to copy.
 */
const SCRIPT_BASE = import.meta.url.replace(/[^/]*$/, '');

/** The element's settings the controller reads (its public properties). */
export interface CheckSettings {
  challengeUrl: string | undefined;
  challenge: Challenge | undefined;
  stream: MediaStream | undefined;
  actions: string;
  actionCount: number;
  assetsUrl: string;
  camera: CameraFacing;
  actionTimeout: number;
  positioningTimeout: number;
  maxAttempts: number;
  consented: boolean;
  showLandmarks: boolean;
  noVoice: boolean;
  voice: Voice | null;
}

export type CheckHost = ReactiveControllerHost & HTMLElement & CheckSettings & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The token was signed, or cleared: the host updates its form value. */
  tokenChanged(token: string | null): void;
};

/** What the view shows besides what the element derives itself. */
export type CheckViewState = Omit<ViewState, 'text' | 'dir' | 'screen' | 'mirrored' | 'canSwitchCamera'>;

export class CheckController implements ReactiveController {
  screen: Screen = 'consent';
  view: CheckViewState = { prompt: '', guide: DEFAULT_LIVENESS_CONFIG.guide, guideOk: false, aspectRatio: 3 / 4, canRetry: false };
  /** The signed capture payload of the last successful check. */
  token: string | null = null;

  private readonly detector = new DetectorSlot((client) => {
    this.backend = client.info.backend;
    this.host.dispatchEvent(livenessEvent('liveness-ready', { backend: client.info.backend, reason: client.info.reason, loadMs: client.info.loadMs }));
  });
  private backend: BackendName | null = null;
  /** The frame pump of the current or last check, for {@link stats}. */
  private lastPump: FramePump | null = null;
  private readonly camera = new CameraHandle();
  private run: Attempt | null = null;
  private starting: AbortController | null = null;
  /** Bumped by every start and stop, so a start that was overtaken drops what it got. */
  private runs = 0;
  private attemptsUsed = 0;
  private discardLater: ReturnType<typeof setTimeout> | undefined;
  private readonly speaker: PromptSpeaker;

  constructor(private readonly host: CheckHost) {
    host.addController(this);
    this.speaker = new PromptSpeaker(
      () => (host.noVoice ? null : host.voice),
      () => this.language,
    );
  }

  get language(): Language {
    return resolveLanguage(this.host.lang, document.documentElement.lang);
  }

  get text(): Translation {
    return translation(this.language);
  }

  /** Frames, drops and timings of the current check, or of the last one once it ended. */
  get stats(): CheckStats {
    return checkStats(this.backend, this.lastPump?.stats);
  }

  /** Whether a check is under way (its camera open). */
  get busy(): boolean {
    return this.screen === 'starting' || this.screen === 'checking' || this.screen === 'signing';
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    addEventListener('pageshow', this.onPageShow);
    clearTimeout(this.discardLater);
    const camera = typeof navigator.mediaDevices?.getUserMedia === 'function' || this.host.stream;
    this.show(camera ? this.firstScreen : 'photo');
    // Warm up behind the consent screen, so no wait follows the tap.
    void this.startDetector().catch(() => undefined);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    removeEventListener('pageshow', this.onPageShow);
    this.runs++;
    this.endRun();
    this.releaseCamera();
    // Moved in the page (into a form, by a framework) is not removed: the warm worker stays for the new place.
    this.discardLater = setTimeout(() => this.detector.discard());
  }

  /** Opens the camera, gets the challenge and runs the actions; resolves once the check is under way. */
  async start(): Promise<void> {
    if (this.busy) return;
    if (this.attemptsUsed >= this.host.maxAttempts) this.attemptsUsed = 0;
    this.setToken(null);
    const id = ++this.runs;
    // Stopped before the camera and the challenge came: the challenge request is aborted (see endRun).
    const abort = (this.starting = new AbortController());
    // The picture's box takes its shape now and keeps it: the camera's last frames, else the screen's orientation.
    this.setView({ aspectRatio: this.view.frameAspectRatio ?? (innerHeight > innerWidth ? 3 / 4 : 4 / 3) });
    this.show('starting', this.text.starting);
    const [camera, challenge, detector] = await Promise.allSettled([this.camera.open(this.host.stream, this.host.camera), obtainChallenge(this.host, abort.signal), this.startDetector()]);
    this.starting = null;
    if (id !== this.runs) return;
    const failure = [camera, challenge, detector].find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) return this.fail(failure.reason);
    const { challenge: issued, deadline } = (challenge as PromiseFulfilledResult<IssuedChallenge>).value;
    const run = new Attempt(issued, { actionTimeoutMs: this.host.actionTimeout * 1000, positioningTimeoutMs: this.host.positioningTimeout * 1000 });
    this.run = run;
    this.attemptsUsed++;
    const expired = () => this.fail(new FaceLivenessError('challenge-expired', 'The challenge expired during the check'));
    if (deadline <= performance.now()) return expired();
    run.expireAt(deadline, () => this.run === run && expired());
    await this.attachVideo((camera as PromiseFulfilledResult<MediaStream>).value, run);
    if (this.run !== run) return;
    const client = (detector as PromiseFulfilledResult<DetectorClient>).value;
    try {
      await client.reset();
    } catch (error) {
      return this.fail(error);
    }
    if (this.run !== run) return;
    run.pump = new FramePump(this.video!, client, {
      onObservation: (observation) => this.onObservation(run, observation),
      onError: (error) => this.fail(error),
      detectOptions: () => ({ evidence: { keep: run.session.evidenceTimes } }),
    });
    this.lastPump = run.pump;
    run.pump.start();
    this.show('checking', this.text.holdStill);
  }

  /** Stops the check and releases the camera; back to the first screen. */
  stop(): void {
    this.runs++;
    this.endRun();
    this.releaseCamera();
    this.setToken(null);
    this.show(this.firstScreen);
  }

  /** Stops, forgets the token and the attempts. */
  reset(): void {
    this.stop();
    this.attemptsUsed = 0;
  }

  decline(): void {
    this.stop();
    this.show('declined');
  }

  /** A message for the person outside a check (a form submit blocked before the check): shown and spoken. */
  remind(message: string): void {
    if (this.busy) return;
    this.setView({ detail: message });
    this.speaker.say(message, 'repeat');
  }

  /** `consented` changed while nothing runs: the first screen follows it. */
  consentChanged(): void {
    if (this.screen === 'consent' || this.screen === 'ready') this.show(this.firstScreen);
  }

  /** For a helper holding the phone: the other camera, and the check starts again without costing an attempt. */
  switchCamera(): void {
    this.host.camera = this.host.camera === 'user' ? 'environment' : 'user';
    this.attemptsUsed = Math.max(0, this.attemptsUsed - 1);
    this.runs++;
    this.endRun();
    this.releaseCamera();
    this.screen = 'ready';
    void this.start();
  }

  /** Without a camera API: a photo taken by the system camera app becomes a photo-mode payload. */
  async takePhoto(file: File): Promise<void> {
    const id = ++this.runs;
    this.setToken(null);
    this.show('signing', this.text.signing);
    try {
      const [detector, { challenge }] = await Promise.all([this.startDetector(), obtainChallenge(this.host, new AbortController().signal)]);
      if (id !== this.runs) return;
      const photo = await signPhoto(detector, file, challenge);
      if (id !== this.runs) return;
      if ('issue' in photo) this.show('photo', this.text.advice[photo.issue], this.text.photoHelp);
      else this.succeed(photo);
    } catch (error) {
      if (id === this.runs) this.fail(error);
    }
  }

  private get firstScreen(): Screen {
    return this.host.consented ? 'ready' : 'consent';
  }

  private get mode(): CaptureMode {
    return this.host.challenge || this.host.challengeUrl ? 'server' : 'local';
  }

  private get video(): HTMLVideoElement | null {
    return this.host.renderRoot.querySelector('video');
  }

  private get assetsBase(): string {
    const base = new URL(this.host.assetsUrl || SCRIPT_BASE, document.baseURI).href;
    return base.endsWith('/') ? base : `${base}/`;
  }

  private startDetector(): Promise<DetectorClient> {
    return this.detector.get(() => ({ workerUrl: new URL('face-liveness.worker.js', this.assetsBase), assetsUrl: this.assetsBase }));
  }


  private async attachVideo(stream: MediaStream, run: Attempt): Promise<void> {
    await this.host.updateComplete;
    const ended = () => this.run === run && this.fail(new FaceLivenessError('camera-ended', 'The camera stopped delivering frames'));
    try {
      await this.camera.show(this.video!, stream, ended, run.abort.signal);
    } catch (error) {
      if (this.run === run) this.fail(error);
    }
  }

  private onObservation(run: Attempt, observation: Observation): void {
    if (this.run !== run) return;
    const frameAspectRatio = observation.width / observation.height;
    if (this.view.frameAspectRatio !== frameAspectRatio) this.setView({ frameAspectRatio });
    if (this.host.showLandmarks) {
      const canvas = this.host.renderRoot.querySelector('canvas');
      if (canvas) drawObservation(canvas, observation, getComputedStyle(this.host).getPropertyValue('--face-liveness-accent').trim() || '#0842a0');
    }
    const state = run.session.observe(observation);
    const progress = run.progress(state, observation.t);
    if (progress) this.host.dispatchEvent(livenessEvent('liveness-progress', progress));
    // The host may have stopped the check (or removed the element) from its progress listener.
    if (this.run !== run) return;
    if (state.phase === 'passed') void this.finish(run);
    else if (state.phase === 'failed') this.failAttempt(run, state);
    else this.showCheck(run, state, observation.t);
  }


  private showCheck(run: Attempt, state: SessionState, t: number): void {
    // Halfway through the action's time without it, the prompt is said again with its tip: calm, no countdown.
    const help = run.needsHelp(t, this.host.actionTimeout * 1000);
    const view = checkView(state, this.text, help);
    this.screen = 'checking';
    this.setView(view);
    if (help && !state.paused && state.action && run.takeHelp()) {
      this.speaker.say(joinSentences(view.prompt, this.text.actionTips[state.action]), 'repeat');
    } else this.speaker.say(view.prompt, state.issue !== null && state.phase !== 'action' ? 'advice' : 'prompt');
  }

  private async finish(run: Attempt): Promise<void> {
    run.stopFrames();
    this.show('signing', this.text.signing);
    let signed: SignedCapture;
    try {
      const client = await this.startDetector();
      signed = await client.sign({ challenge: run.challenge, mode: this.mode, result: run.session.state.result!, epochOffsetMs: performance.timeOrigin });
    } catch (error) {
      if (this.run === run) this.fail(error);
      return;
    }
    if (this.run !== run) return;
    this.endRun();
    this.releaseCamera();
    this.succeed(signed);
  }

  private succeed(signed: SignedCapture): void {
    this.setToken(signed.token);
    this.show('success', this.text.success);
    this.host.dispatchEvent(livenessEvent('liveness-success', { token: signed.token, result: signed.result }));
  }

  private failAttempt(run: Attempt, state: SessionState): void {
    const reason = state.failure!;
    const action = missedAction(state, run.challenge.actions);
    this.endRun();
    const attemptsLeft = Math.max(0, this.host.maxAttempts - this.attemptsUsed);
    // Nobody is filmed while reading why it failed; Retry opens the camera again.
    this.releaseCamera();
    const text = this.text;
    this.show('failed', failureText(reason, action, state, text), attemptsLeft > 0 ? text.attemptsLeft(attemptsLeft) : text.noAttemptsLeft, attemptsLeft > 0);
    this.host.dispatchEvent(livenessEvent('liveness-fail', { reason, attemptsLeft }));
  }

  private fail(error: unknown): void {
    const wire = toWireError(error);
    this.runs++;
    this.endRun();
    this.releaseCamera();
    // A worker that died, stopped answering or lost its GPU is not used again: the retry starts a new one.
    if (wire.code === 'worker-failed' || wire.code === 'backend-unavailable') this.detector.discard();
    this.show('error', this.text.errors[wire.code], undefined, wire.retryable);
    this.host.dispatchEvent(livenessEvent('liveness-error', { code: wire.code, message: wire.message, retryable: wire.retryable }));
  }

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'hidden' && this.run) this.fail(new FaceLivenessError('aborted', 'The page was hidden during the check'));
  };

  /** A page brought back by Back/Forward from the cache: its token was most likely used already. */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && this.token) this.stop();
  };

  private endRun(): void {
    const run = this.run;
    this.run = null;
    this.starting?.abort();
    this.starting = null;
    if (!run) return;
    run.end();
    this.speaker.cancel();
    const canvas = this.host.renderRoot.querySelector('canvas');
    if (canvas) clearOverlay(canvas);
  }

  private releaseCamera(): void {
    this.camera.release(this.video);
  }

  private setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    this.host.tokenChanged(token);
  }

  private screenPrompt(screen: Screen): string {
    const text = this.text;
    const prompts: Partial<Record<Screen, string>> = { ready: text.readyTitle, declined: text.declined, photo: text.photoTitle };
    return prompts[screen] ?? '';
  }

  private show(screen: Screen, prompt = this.screenPrompt(screen), detail?: string, canRetry = false): void {
    this.screen = screen;
    this.setView({ prompt, detail, canRetry, action: undefined, step: undefined });
    this.speaker.say(prompt);
  }

  private setView(changes: Partial<CheckViewState>): void {
    this.view = { ...this.view, ...changes };
    this.host.requestUpdate();
  }
}
