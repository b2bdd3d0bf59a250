// For running src/server from source in Node (tests, scripts): resolves the MediaPipe solution packages, which
// crash when loaded in Node and are never called with runtime 'tfjs', to the same stand-in the bundles use.
import { register } from 'node:module';

register('./node-aliases-hooks.mjs', import.meta.url);
