import { css } from 'lit';

/**
 * Elderly-first: prompts 28 px and body 20 px by default, text and buttons at 7:1 contrast or more,
 * touch targets at least 60 × 60 px, no flashing, and movement only where it explains an action
 * (none under prefers-reduced-motion).
 */
export const styles = css`
  :host {
    --face-liveness-accent: #0842a0;
    --face-liveness-on-accent: #ffffff;
    --face-liveness-text: #111111;
    --face-liveness-muted: #3d3d3d;
    --face-liveness-background: #ffffff;
    --face-liveness-font-size: 20px;
    --face-liveness-prompt-size: 28px;
    display: block;
    max-width: 520px;
    color: var(--face-liveness-text);
    background: var(--face-liveness-background);
    font-size: var(--face-liveness-font-size);
    line-height: 1.5;
    font-family: system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 16px;
    padding: 16px;
  }
  .stage {
    position: relative;
    width: 100%;
    overflow: hidden;
    border-radius: 16px;
    background: #000;
  }
  .stage.hidden {
    display: none;
  }
  video,
  canvas,
  .guide {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    /* The whole frame is shown (what is analysed), letterboxed if the camera's shape differs from the box's. */
    object-fit: contain;
  }
  .mirrored video,
  .mirrored canvas,
  .mirrored .guide {
    transform: scaleX(-1);
  }
  .guide .shade {
    fill: rgb(0 0 0 / 0.45);
  }
  .guide .oval {
    fill: none;
    stroke: #ffffff;
    stroke-width: 4px;
    stroke-dasharray: 10 8;
  }
  /* Fitting is shown by shape (a solid line) as well as by colour. */
  .guide.guide-ok .oval {
    stroke: #7dffa8;
    stroke-width: 6px;
    stroke-dasharray: none;
  }
  .title {
    margin: 0;
    font-size: var(--face-liveness-prompt-size);
    line-height: 1.3;
  }
  .points {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .points li + li {
    margin-block-start: 8px;
  }
  .prompt {
    margin: 0;
    min-height: 1.3em;
    font-size: var(--face-liveness-prompt-size);
    font-weight: 600;
    line-height: 1.3;
    text-align: center;
  }
  .prompt:empty {
    display: none;
  }
  .detail {
    margin: 0;
    color: var(--face-liveness-muted);
    text-align: center;
  }
  .icon {
    display: flex;
    justify-content: center;
    color: var(--face-liveness-text);
  }
  /* The place of a 96-px action picture while none is shown. */
  .icon-space {
    height: 96px;
  }
  .icon.done {
    font-size: 72px;
    line-height: 1;
    color: var(--face-liveness-accent);
  }
  .progress {
    display: flex;
    gap: 8px;
    justify-content: center;
  }
  .progress span {
    width: 48px;
    height: 12px;
    border: 2px solid var(--face-liveness-text);
    border-radius: 6px;
  }
  .progress span.done {
    background: var(--face-liveness-text);
  }
  .buttons {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .buttons:empty {
    display: none;
  }
  button,
  .file {
    box-sizing: border-box;
    min-width: 60px;
    min-height: 64px;
    padding: 12px 24px;
    border: 3px solid var(--face-liveness-accent);
    border-radius: 14px;
    font: inherit;
    font-size: var(--face-liveness-prompt-size);
    font-weight: 600;
    text-align: center;
    cursor: pointer;
  }
  .primary {
    background: var(--face-liveness-accent);
    color: var(--face-liveness-on-accent);
  }
  .secondary {
    background: var(--face-liveness-background);
    color: var(--face-liveness-accent);
    font-size: var(--face-liveness-font-size);
  }
  .switch-camera {
    align-self: flex-end;
    margin-top: 24px;
    padding: 8px 16px;
    min-height: 60px;
    border-width: 2px;
  }
  button:focus-visible,
  .file:focus-within {
    outline: 4px solid var(--face-liveness-text);
    outline-offset: 3px;
  }
  .file input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .file {
    position: relative;
    display: block;
  }

  /* Action pictures: slow, gentle movement that shows what to do. */
  .blink-closed {
    opacity: 0;
  }
  .action-blink .blink {
    animation: eyes-open 2.4s ease-in-out infinite;
  }
  .action-blink .blink-closed {
    animation: eyes-closed 2.4s ease-in-out infinite;
  }
  .mouth-open {
    transform-origin: 50px 70px;
    animation: mouth 2.4s ease-in-out infinite;
  }
  .turn-left {
    animation: turn-left 3s ease-in-out infinite;
  }
  .turn-right {
    animation: turn-right 3s ease-in-out infinite;
  }
  .nod {
    animation: nod 3s ease-in-out infinite;
  }
  @keyframes eyes-open {
    0%, 40%, 60%, 100% { opacity: 1; }
    45%, 55% { opacity: 0; }
  }
  @keyframes eyes-closed {
    0%, 40%, 60%, 100% { opacity: 0; }
    45%, 55% { opacity: 1; }
  }
  @keyframes mouth {
    0%, 100% { transform: scaleY(0.3); }
    40%, 70% { transform: scaleY(1); }
  }
  @keyframes turn-left {
    0%, 100% { transform: translateX(0); }
    40%, 60% { transform: translateX(-12px); }
  }
  @keyframes turn-right {
    0%, 100% { transform: translateX(0); }
    40%, 60% { transform: translateX(12px); }
  }
  @keyframes nod {
    0%, 100% { transform: translateY(0); }
    40%, 60% { transform: translateY(10px); }
  }
  @media (prefers-reduced-motion: reduce) {
    .action-blink .blink,
    .action-blink .blink-closed,
    .mouth-open,
    .turn-left,
    .turn-right,
    .nod {
      animation: none;
    }
    .action-blink .blink-closed {
      opacity: 1;
    }
    .action-blink .blink {
      opacity: 0;
    }
  }
`;
