/**
 * Registers `<face-liveness>`. Importing this module (or loading `face-liveness.js`) is all a page
 * needs; registration is guarded so a second copy of the SDK does not throw.
 */
import { FaceLiveness } from './element/face-liveness.js';
import { VERSION } from './core/version.js';

export * from './index.js';

const TAG = 'face-liveness';
const existing = customElements.get(TAG) as (typeof FaceLiveness & { version?: string }) | undefined;
if (!existing) {
  customElements.define(TAG, class extends FaceLiveness {
    static readonly version = VERSION;
  });
} else if (existing.version !== VERSION) {
  console.warn(`[face-liveness] <${TAG}> is already defined by version ${existing.version ?? 'unknown'}; this copy (${VERSION}) is not used.`);
}
