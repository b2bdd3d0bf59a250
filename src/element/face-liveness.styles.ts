import { css } from 'lit';

export const styles = css`
  :host {
    --face-liveness-accent: #0b57d0;
    --face-liveness-on-accent: #ffffff;
    --face-liveness-text: #111111;
    --face-liveness-background: #ffffff;
    --face-liveness-font-size: 18px;
    --face-liveness-prompt-size: 26px;
    display: block;
    max-width: 480px;
    color: var(--face-liveness-text);
    background: var(--face-liveness-background);
    font-size: var(--face-liveness-font-size);
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
    aspect-ratio: 3 / 4;
    overflow: hidden;
    border-radius: 12px;
    background: #000;
  }
  video,
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .mirrored video,
  .mirrored canvas {
    transform: scaleX(-1);
  }
  [part='prompt'] {
    margin: 0;
    min-height: 2.6em;
    font-size: var(--face-liveness-prompt-size);
    line-height: 1.3;
    text-align: center;
  }
  button {
    min-width: 60px;
    min-height: 60px;
    padding: 0 32px;
    border: none;
    border-radius: 12px;
    background: var(--face-liveness-accent);
    color: var(--face-liveness-on-accent);
    font: inherit;
    font-size: var(--face-liveness-prompt-size);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 4px solid var(--face-liveness-text);
    outline-offset: 3px;
  }
`;
