/**
 * The detector worker's entry: exposes a {@link DetectorApi} through comlink. Built as its own
 * module-worker bundle (`face-liveness.worker.js`); TensorFlow.js lives only here.
 */
import { expose, transfer, transferHandlers } from 'comlink';
import { installErrorTransfer } from '../src/core/error-transfer.js';
import { FaceLivenessError } from '../src/core/errors.js';
import type { DetectorApi } from '../src/core/protocol.js';
import { FaceDetector } from './detector.js';

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
  async detect(frame, t) {
    const observation = await active().detect(frame, t);
    // Hand the landmark buffers over instead of copying them.
    return transfer(observation, observation.faces.map((face) => face.landmarks.buffer));
  },
  reset() {
    active().reset();
  },
  stats() {
    return active().stats();
  },
  async dispose() {
    await detector?.dispose();
  },
};

expose(api);
