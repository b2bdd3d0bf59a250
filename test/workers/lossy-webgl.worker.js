// The real built detector worker (dist/), plus what a GPU reset does: on the message
// `{ loseWebGLContext: true }` every WebGL context it made is lost through WEBGL_lose_context.
import { contexts } from './record-webgl-contexts.js';
import '/dist/face-liveness.worker.js';

self.addEventListener('message', (event) => {
  if (!event.data?.loseWebGLContext) return;
  for (const gl of contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
});
