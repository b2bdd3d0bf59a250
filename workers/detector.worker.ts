/**
 * The detector worker's entry: exposes a {@link DetectorApi} through comlink. Built as its own
 * module-worker bundle (`face-liveness.worker.js`); TensorFlow.js lives only here.
 */
import { expose, transfer, transferHandlers } from 'comlink';
import { installErrorTransfer } from '../src/core/error-transfer.js';
import { FaceLivenessError } from '../src/core/errors.js';
import { buildClaims, evidenceRequests, evidenceTimes } from '../src/core/payload.js';
import type { DetectorApi } from '../src/core/protocol.js';
import { VERSION } from '../src/core/version.js';
import { FaceDetector } from './detector.js';
import { base64, signClaims } from './signer.js';

installErrorTransfer(transferHandlers);

let detector: FaceDetector | null = null;

function active(): FaceDetector {
  if (!detector) throw new FaceLivenessError('worker-failed', 'The detector is not initialised: call init() first');
  return detector;
}

const api: DetectorApi = {
  async init(options) {
    if (detector) throw new FaceLivenessError('worker-failed', 'init() was already called on this worker');
    detector = await FaceDetector.create(options);
    return detector.info;
  },
  async detect(frame, t, options) {
    const observation = await active().detect(frame, t, options);
    // Hand the landmark buffers over instead of copying them.
    return transfer(observation, observation.faces.map((face) => face.landmarks.buffer));
  },
  async encodeEvidence(times) {
    const encoded = await active().encodeEvidence(times);
    return transfer(encoded, encoded.map((e) => e.jpeg));
  },
  reset() {
    active().reset();
  },
  async sign({ challenge, mode, result, epochOffsetMs }) {
    const encoded = await active().encodeEvidence(evidenceTimes(evidenceRequests(result)));
    const frames = encoded.map(({ jpeg, width, height, t }) => ({ jpeg: base64(jpeg), width, height, t }));
    const claims = buildClaims({ challenge, mode, result, frames, sdk: VERSION, toEpochMs: (t) => t + epochOffsetMs, nowMs: Date.now() });
    return { token: await signClaims(claims), result: claims.result };
  },
  stats() {
    return active().stats();
  },
  async dispose() {
    await detector?.dispose();
  },
};

expose(api);
