import * as tf from '@tensorflow/tfjs-core';
import { FaceLivenessError } from '../src/core/errors.js';

const lostError = () => new FaceLivenessError('backend-unavailable', 'The WebGL context was lost during the check', { retryable: true });

/** What is used of TensorFlow.js's WebGL context, made on an OffscreenCanvas in this worker. */
interface WorkerGL {
  canvas: OffscreenCanvas;
  isContextLost(): boolean;
}

/** Per WebGL context, a promise that rejects when the browser takes the context away. */
const losses = new WeakMap<WorkerGL, Promise<never>>();

/** TensorFlow.js's WebGL context, when it runs on WebGL. */
function webglContext(): WorkerGL | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return (tf.backend() as unknown as { gpgpu?: { gl?: WorkerGL } }).gpgpu?.gl;
}

function lossOf(gl: WorkerGL): Promise<never> {
  let loss = losses.get(gl);
  if (!loss) {
    loss = new Promise<never>((_, reject) => gl.canvas.addEventListener('webglcontextlost', () => reject(lostError()), { once: true }));
    loss.catch(() => undefined);
    losses.set(gl, loss);
  }
  return loss;
}

/**
 * Runs `task` and turns a lost WebGL context (a GPU reset, the driver reclaiming memory) into
 * `backend-unavailable`, retryable: a new worker gets a new context. A lost context may make TensorFlow.js
 * wait for ever on the GPU, or read zeros, so the loss event ends the wait and the context is checked after.
 */
export async function failOnLostContext<T>(task: () => Promise<T>): Promise<T> {
  const gl = webglContext();
  if (!gl) return task();
  if (gl.isContextLost()) throw lostError();
  const result = await Promise.race([task(), lossOf(gl)]);
  if (gl.isContextLost()) throw lostError();
  return result;
}
