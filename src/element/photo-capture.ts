import type { Challenge } from '../core/challenge.js';
import { DEFAULT_LIVENESS_CONFIG } from '../core/liveness/config.js';
import { qualityIssue, type QualityIssue } from '../core/liveness/gates.js';
import { frontalCapture } from '../core/liveness/session.js';
import type { SignedCapture } from '../core/protocol.js';
import type { DetectorClient } from './detector-client.js';

/**
 * Photo mode (a web-view without a camera API): the photo the system camera took is checked like a
 * check's frontal frame and, if it is good enough, signed as a `photo` payload with that frame alone.
 * @returns the signed capture, or the problem with the photo, for the person to take another.
 */
export async function signPhoto(detector: DetectorClient, file: Blob, challenge: Challenge): Promise<SignedCapture | { issue: QualityIssue }> {
  const bitmap = await createImageBitmap(file);
  await detector.reset();
  const t = performance.now();
  const observation = await detector.detect(bitmap, t, { evidence: { keep: [t] } });
  const issue = qualityIssue(observation, DEFAULT_LIVENESS_CONFIG, 'start');
  if (issue) return { issue };
  return detector.sign({
    challenge,
    mode: 'photo',
    epochOffsetMs: performance.timeOrigin,
    result: { passed: true, actions: [], baseline: null, frontal: frontalCapture(observation, DEFAULT_LIVENESS_CONFIG) },
  });
}
