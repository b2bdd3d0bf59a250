/**
 * `<face-liveness-view>`, for stories only: the element's own view and styles (src/element/view.ts,
 * face-liveness.styles.ts) in a shadow root of their own, with a state given from outside instead of
 * a camera. What a story shows is what the element renders for the same state.
 */
import { LitElement } from 'lit';
import { styles } from '../src/element/face-liveness.styles.js';
import { renderView, type ViewHandlers, type ViewState } from '../src/element/view.js';

export class FaceLivenessView extends LitElement {
  static override styles = styles;
  static override properties = { state: { attribute: false }, handlers: { attribute: false } };

  declare state: ViewState | undefined;
  declare handlers: ViewHandlers;

  protected override render() {
    return this.state ? renderView(this.state, this.handlers) : null;
  }
}

/** Called by the stories (package.json's `sideEffects` lets the bundler drop a bare `import './view-host.js'`). */
export function defineFaceLivenessView(): void {
  if (!customElements.get('face-liveness-view')) customElements.define('face-liveness-view', FaceLivenessView);
}

declare global {
  interface HTMLElementTagNameMap {
    'face-liveness-view': FaceLivenessView;
  }
}
