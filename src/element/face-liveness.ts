import { LitElement, type PropertyValues } from 'lit';
import { ACTIONS, type Challenge } from '../core/challenge.js';
import type { CameraFacing } from './camera.js';
import { CheckController, type CheckSettings } from './check-controller.js';
import type { CheckStats } from './check-stats.js';
import { styles } from './face-liveness.styles.js';
import { FormControl } from './form-control.js';
import { textDirection, type Translation } from './i18n/localize.js';
import { registerTranslation, type TranslationOptions } from './i18n/registry.js';
import { renderView, type Screen } from './view.js';
import { browserVoice, type Voice } from './voice.js';

/**
 * @summary A face liveness check for a web page: consent, camera, spoken prompts, on-device face
 * landmarks in a Web Worker, and a signed capture payload for the host's server.
 *
 * @tagname face-liveness
 *
 * @attribute lang - `zh-CN`, `en` or a language added with `registerTranslation`; falls back to `<html lang>`, then zh-CN.
 *
 * @event {LivenessReadyEvent} liveness-ready - `{ backend, loadMs }`: the worker and models are ready (they load behind the consent screen).
 * @event {LivenessProgressEvent} liveness-progress - `{ phase, action?, index, total }`: the check moved on.
 * @event {LivenessSuccessEvent} liveness-success - `{ token, result }`: liveness proven; `token` is the signed payload (also the form value).
 * @event {LivenessFailEvent} liveness-fail - `{ reason, attemptsLeft }`: liveness not proven this attempt.
 * @event {LivenessErrorEvent} liveness-error - `{ code, message, retryable }`: a technical failure.
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
 * @csspart switch-camera - The small button that switches to the other camera during a check (also a `button` part).
 *
 * @cssproperty --face-liveness-accent - Buttons and the guide when the face fits. Default #0842a0 (9:1 on white).
 * @cssproperty --face-liveness-on-accent - Text on accent-coloured buttons. Default #ffffff.
 * @cssproperty --face-liveness-text - Text colour. Default #111111.
 * @cssproperty --face-liveness-muted - The smaller second line (step, attempts left). Default #3d3d3d.
 * @cssproperty --face-liveness-background - Background. Default #ffffff.
 * @cssproperty --face-liveness-font-size - Body text. Default 20px.
 * @cssproperty --face-liveness-prompt-size - Prompts. Default 28px.
 */
export class FaceLiveness extends LitElement implements CheckSettings {
  static override styles = styles;
  static formAssociated = true;
  /** A blocked form submit focuses the element; the focus goes on to its first button. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

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

  private readonly check = new CheckController(this);
  private readonly formControl: FormControl;
  private readonly internals: ElementInternals;
  /** A keyboard user acted inside the element: the next screen's first button gets the focus. */
  private moveFocus = false;
  private shownScreen: Screen | null = null;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.formControl = new FormControl(this.internals);
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
    this.addEventListener('invalid', () => this.check.remind(this.check.text.required));
  }

  /**
   * Adds a language, or replaces one, for every `<face-liveness>` on the page: `lang` is a BCP-47 tag
   * (an element or page whose `lang` is that tag, or starts with its primary subtag, uses it), `strings`
   * gives every text of the built-in {@link Translation}. Register before the element is on the page:
   * prompts already shown stay in their language. Throws a TypeError for a malformed tag or a missing,
   * extra or empty text.
   */
  static registerTranslation(lang: string, strings: Translation, options?: TranslationOptions): void {
    registerTranslation(lang, strings, options);
  }

  /** What is on screen: `consent`, `ready`, `declined`, `starting`, `checking`, `signing`, `success`, `failed`, `error` or `photo`. */
  get status(): Screen {
    return this.check.screen;
  }

  /** The signed capture payload of the last successful check, or null. */
  get token(): string | null {
    return this.check.token;
  }

  /**
   * How the current check runs on this device, or the last one once it ended: `{ backend, frames, dropped, fps,
   * frameMs: { median, p95 } }`. Read it as often as you like; it is computed when read.
   */
  get stats(): CheckStats {
    return this.check.stats;
  }

  /** The form the element belongs to, as for native controls. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** `valueMissing` while `required` and no check has succeeded. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** "Please complete the face check first" (in the element's language) while invalid, else empty. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** As for native controls: false (and an `invalid` event) while invalid. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** As {@link checkValidity}, and the browser shows the message at the start button, which gets the focus. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /**
   * Starts a check: opens the camera, gets the challenge, and runs the actions. What the consent
   * screen's button does; call it yourself with `consented`. Resolves once the check is under way.
   */
  start(): Promise<void> {
    return this.check.start();
  }

  /** Stops the check, releases the camera and clears the form value. The element returns to its first screen. */
  stop(): void {
    this.check.stop();
  }

  /** Stops, forgets the token and the attempts, and returns to the first screen. */
  reset(): void {
    this.check.reset();
  }

  /** @internal The controller signed or cleared the token. */
  tokenChanged(token: string | null): void {
    this.formControl.setValue(this.name || 'face-liveness-token', token);
    this.syncValidity();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncValidity();
  }

  formResetCallback(): void {
    this.reset();
  }

  /** A token is single-use and tied to its moment: one restored by Back/Forward or autofill is dropped. */
  formStateRestoreCallback(): void {
    this.check.stop();
    this.formControl.setValue(this.name, null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The button that had the focus is about to disappear with its screen.
    if (this.check.screen !== this.shownScreen && this.shadowRoot?.activeElement) this.moveFocus = true;
    if (changed.has('consented')) this.check.consentChanged();
    if (changed.has('name') && this.check.token) this.tokenChanged(this.check.token);
    if (changed.has('required')) this.syncValidity();
  }

  protected override updated(): void {
    this.shownScreen = this.check.screen;
    const firstButton = this.syncValidity();
    if (this.moveFocus && firstButton) {
      firstButton.focus();
      this.moveFocus = false;
    }
  }

  /** Validity follows `required` and the token; the message points at the first button. Returns that button. */
  private syncValidity(): HTMLElement | undefined {
    const firstButton = this.renderRoot?.querySelector<HTMLElement>('button, input[type="file"]') ?? undefined;
    this.formControl.setValidity(this.required, this.check.text.required, firstButton);
    return firstButton;
  }

  protected override render() {
    const check = this.check;
    return renderView(
      { ...check.view, text: check.text, dir: textDirection(check.language), screen: check.screen, mirrored: this.camera === 'user' && !this.stream, canSwitchCamera: !this.stream },
      {
        agree: () => void check.start(),
        decline: () => check.decline(),
        start: () => void check.start(),
        retry: () => void check.start(),
        switchCamera: () => check.switchCamera(),
        photo: (file) => void check.takePhoto(file),
      },
    );
  }
}
