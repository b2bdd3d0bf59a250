// Rollup plugin: removes the model-hub addresses the face libraries carry as defaults. The SDK always
// passes its own model URLs; with the defaults gone, one missed option fails to load (a typed
// `model-load-failed`) instead of sending a request to a host the portal never configured.
import MagicString from 'magic-string';

/** Hosts that serve models or scripts, which no bundle of this package may name. */
export const MODEL_HUBS = /(?:https?:\/\/)?(?:[\w-]+\.)*(?:tfhub\.dev|kaggle\.com|storage\.googleapis\.com|cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|gstatic\.com)(?:\/[\w./?=&%-]*)?/g;

/** What a default URL becomes: not fetchable (an unknown scheme), and says why. */
const REMOVED = 'face-liveness:model-hub-url-removed';

export function noModelHubs() {
  return {
    name: 'no-model-hubs',
    renderChunk(code) {
      const edited = new MagicString(code);
      for (const match of code.matchAll(MODEL_HUBS)) edited.overwrite(match.index, match.index + match[0].length, REMOVED);
      return edited.hasChanged() ? { code: edited.toString(), map: edited.generateMap({ hires: true }) } : null;
    },
  };
}
