/**
 * The tag's type for `document.createElement('face-liveness')`, `querySelector('face-liveness')` and the like,
 * wherever the class's types are imported (lit's and Shoelace's convention), whether the page registers the tag
 * with `face-liveness/define` or with the `<script>` of `face-liveness.js`.
 */
import type { FaceLiveness } from './face-liveness.js';

export interface FaceLivenessTagNameMap {
  'face-liveness': FaceLiveness;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementTagNameMap extends FaceLivenessTagNameMap {}
}
