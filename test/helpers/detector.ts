/** Starts the built worker (dist/) the way the element does, for tests that drive it directly. */
import { wrap, type Remote } from 'comlink';
import type { BackendName, DetectorApi } from '../../src/core/protocol.js';
// Also installs the error-carrying comlink throw handler on this side.
import { DetectorClient } from '../../src/element/detector-client.js';

export const DIST = new URL('/dist/', location.href).href;

export function startDetector(options: { backend?: BackendName; maxFaces?: number; assetsUrl?: string } = {}) {
  return DetectorClient.create({
    workerUrl: new URL('face-liveness.worker.js', DIST),
    assetsUrl: options.assetsUrl ?? DIST,
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.maxFaces ? { maxFaces: options.maxFaces } : {}),
  });
}

/** Runs `body`, then expects it to have thrown a FaceLivenessError with `code`. */
export async function expectCode(body: () => Promise<unknown>, code: string): Promise<Error & { code: string }> {
  try {
    await body();
  } catch (error) {
    const { code: actual } = error as { code?: string };
    if (actual !== code) throw new Error(`expected error code ${code}, got ${String(actual)}: ${String(error)}`);
    return error as Error & { code: string };
  }
  throw new Error(`expected error code ${code}, but nothing was thrown`);
}

/** The worker's raw comlink API, for tests of the API itself (the element always goes through DetectorClient). */
export function openWorkerApi(): { api: Remote<DetectorApi>; worker: Worker } {
  const worker = new Worker(new URL('face-liveness.worker.js', DIST), { type: 'module' });
  return { api: wrap<DetectorApi>(worker), worker };
}
