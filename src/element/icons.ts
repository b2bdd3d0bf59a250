import { svg, type SVGTemplateResult } from 'lit';
import type { Action } from '../core/challenge.js';

/**
 * One simple animated picture per action (a face drawn in a few strokes), so the prompt is also shown,
 * not only written and spoken. The animations stop under prefers-reduced-motion (see the styles).
 */
const face = (features: SVGTemplateResult) => svg`
  <svg viewBox="0 0 100 100" width="96" height="96" aria-hidden="true" focusable="false">
    <g class="head" fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round">
      <ellipse cx="50" cy="52" rx="30" ry="38" />
      ${features}
    </g>
  </svg>`;

const eyes = svg`<g class="eyes"><line x1="36" y1="44" x2="44" y2="44" /><line x1="56" y1="44" x2="64" y2="44" /></g>`;
const openEyes = svg`<circle cx="40" cy="44" r="3" fill="currentColor" /><circle cx="60" cy="44" r="3" fill="currentColor" />`;
const mouth = svg`<line x1="42" y1="70" x2="58" y2="70" />`;

export const ACTION_ICONS: Record<Action, SVGTemplateResult> = {
  blink: face(svg`<g class="blink">${openEyes}</g><g class="blink-closed">${eyes}</g>${mouth}`),
  'mouth-open': face(svg`${openEyes}<ellipse class="mouth-open" cx="50" cy="70" rx="8" ry="9" />`),
  'turn-left': face(svg`<g class="turn turn-left">${openEyes}${mouth}</g><path d="M14 20 h-8 m0 0 l6 -6 m-6 6 l6 6" />`),
  'turn-right': face(svg`<g class="turn turn-right">${openEyes}${mouth}</g><path d="M86 20 h8 m0 0 l-6 -6 m6 6 l-6 6" />`),
  nod: face(svg`<g class="nod">${openEyes}${mouth}</g><path d="M92 40 v16 m0 0 l-6 -6 m6 6 l6 -6" />`),
};
