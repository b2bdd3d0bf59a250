/**
 * Pure render of what the element shows, from a {@link ViewState}: no camera, no worker, so stories and
 * tests can render every screen on its own. The video and canvas stay in the same place in every
 * screen, so the camera picture survives screen changes.
 */
import { html, nothing, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { Action } from '../core/challenge.js';
import type { GuideOval } from '../core/liveness/config.js';
import { ACTION_ICONS } from './icons.js';
import type { Translation } from './i18n/localize.js';

/** What the element shows; also its `status`. */
export type Screen =
  /** Consent to the face check, before the camera opens. */
  | 'consent'
  /** Consent given by the host (`consented`): a start button. */
  | 'ready'
  /** The person declined: only the host's alternative is shown. */
  | 'declined'
  /** Camera and challenge on their way. */
  | 'starting'
  /** The check runs: guide, prompts, actions. */
  | 'checking'
  /** Evidence being encoded and signed. */
  | 'signing'
  | 'success'
  /** Liveness not proven (`liveness-fail`). */
  | 'failed'
  /** A technical failure (`liveness-error`). */
  | 'error'
  /** No camera API: take a photo instead. */
  | 'photo';

export interface ViewState {
  screen: Screen;
  text: Translation;
  /** Which way the language's text runs. */
  dir: 'ltr' | 'rtl';
  /** The big prompt (also spoken). */
  prompt: string;
  /** A second, smaller line: the step, or what went wrong. */
  detail?: string;
  /** Action being asked, for its picture. */
  action?: Action;
  /** Steps done and total, for the progress bar. */
  step?: { done: number; total: number };
  guide: GuideOval;
  /** The guide is drawn as passing (a face fits it): shape and colour, never colour alone. */
  guideOk: boolean;
  mirrored: boolean;
  /** Width / height of the picture's box. It is fixed before the camera opens, so nothing below it jumps. */
  aspectRatio: number;
  /** Width / height of the analysed camera frame, shown whole inside the box. Default: `aspectRatio`. */
  frameAspectRatio?: number;
  canRetry: boolean;
  canSwitchCamera: boolean;
}

export interface ViewHandlers {
  agree(): void;
  decline(): void;
  start(): void;
  retry(): void;
  switchCamera(): void;
  photo(file: File): void;
}

const CAMERA_SCREENS: ReadonlySet<Screen> = new Set(['starting', 'checking', 'signing']);
const SLOT_SCREENS: ReadonlySet<Screen> = new Set(['consent', 'declined', 'failed', 'error', 'photo']);

function guide(state: ViewState) {
  const { cx, cy, rx, ry } = state.guide;
  // The SVG's box is the analysed frame (100 × 100 / aspect), fitted into the picture's box exactly as the
  // video is (`meet` = `object-fit: contain`), so the oval's numbers are the frame's.
  const height = 100 / (state.frameAspectRatio ?? state.aspectRatio);
  return svg`
    <svg part="guide" class="guide ${state.guideOk ? 'guide-ok' : ''}" viewBox="0 0 100 ${height}" preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      <defs><mask id="outside"><rect width="100" height="${height}" fill="white" /><ellipse cx="${cx * 100}" cy="${cy * height}" rx="${rx * 100}" ry="${ry * height}" fill="black" /></mask></defs>
      <rect class="shade" width="100" height="${height}" mask="url(#outside)" />
      <ellipse class="oval" cx="${cx * 100}" cy="${cy * height}" rx="${rx * 100}" ry="${ry * height}" vector-effect="non-scaling-stroke" />
    </svg>`;
}

function buttons(state: ViewState, on: ViewHandlers) {
  const { text, screen } = state;
  switch (screen) {
    case 'consent':
      return html`
        <button part="button" class="primary" type="button" @click=${on.agree}>${text.agree}</button>
        <button part="button" class="secondary" type="button" @click=${on.decline}>${text.decline}</button>
      `;
    case 'ready':
      return html`<button part="button" class="primary" type="button" @click=${on.start}>${text.start}</button>`;
    case 'declined':
      // A mistaken tap on "decline" must not be final.
      return html`<button part="button" class="secondary" type="button" @click=${on.agree}>${text.agree}</button>`;
    case 'failed':
    case 'error':
      return state.canRetry ? html`<button part="button" class="primary" type="button" @click=${on.retry}>${text.retry}</button>` : nothing;
    case 'photo':
      return html`<label part="button" class="primary file">
        ${text.photoButton}
        <input
          type="file"
          accept="image/*"
          capture="user"
          @change=${(event: Event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (file) on.photo(file);
          }}
        />
      </label>`;
    default:
      return nothing;
  }
}

export function renderView(state: ViewState, on: ViewHandlers) {
  const { text, screen } = state;
  const camera = CAMERA_SCREENS.has(screen);
  const alert = screen === 'failed' || screen === 'error';
  return html`
    <div part="base" class="base screen-${screen}" dir=${state.dir}>
      <div class=${classMap({ stage: true, hidden: !camera, mirrored: state.mirrored })} style="aspect-ratio: ${state.aspectRatio}">
        <video part="video" playsinline muted autoplay aria-hidden="true"></video>
        <canvas part="overlay" aria-hidden="true"></canvas>
        ${camera ? guide(state) : nothing}
      </div>
      ${screen === 'consent'
        ? html`<h2 class="title">${text.consentTitle}</h2>
            <ul class="points">
              ${text.consentPoints.map((point) => html`<li>${point}</li>`)}
            </ul>`
        : nothing}
      ${camera
        ? // The action's picture has its place from the start, so the prompt below does not move when it appears.
          html`<div class="icon ${state.action ? `action-${state.action}` : 'icon-space'}">${screen === 'checking' && state.action ? ACTION_ICONS[state.action] : nothing}</div>`
        : nothing}
      ${screen === 'success' ? html`<div class="icon done" aria-hidden="true">✓</div>` : nothing}
      <p part="prompt" class="prompt" role=${alert ? 'alert' : 'status'} aria-live=${alert ? 'assertive' : 'polite'}>${state.prompt}</p>
      ${state.detail ? html`<p class="detail">${state.detail}</p>` : nothing}
      ${state.step
        ? html`<div part="progress" class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=${state.step.total} aria-valuenow=${state.step.done} aria-label=${text.step(Math.min(state.step.done + 1, state.step.total), state.step.total)}>
            ${Array.from({ length: state.step.total }, (_, i) => html`<span class=${i < state.step!.done ? 'done' : ''}></span>`)}
          </div>`
        : nothing}
      <div class="buttons">${buttons(state, on)}</div>
      ${screen === 'checking' && state.canSwitchCamera
        ? // For a helper holding the phone: small and apart, so a shaky hand does not end the check by mistake.
          html`<button part="button switch-camera" class="secondary switch-camera" type="button" @click=${on.switchCamera}>${text.switchCamera}</button>`
        : nothing}
      ${SLOT_SCREENS.has(screen) ? html`<slot name="alternative"></slot>` : nothing}
    </div>
  `;
}
