/**
 * Real evidence frames made from the fixture videos without a browser: ffmpeg extracts frames, the server's
 * own analyzer finds the face, and each frame is cropped as the worker crops evidence (a square of 1.6 face
 * boxes, 256 px) and JPEG-encoded. Used to build honest forgeries and genuine-looking bursts in tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { EVIDENCE_FRAME_SIZE, type EvidenceFrame } from '../../src/core/claims.js';
import { evidenceCrop } from '../../src/core/geometry.js';
import type { Analyzer } from '../../src/server/analysis/analyzer.js';
import { decodeJpeg } from '../../src/server/analysis/decode.js';
import { FIXTURE_PHOTOS } from './helpers.js';

const SIZE = EVIDENCE_FRAME_SIZE;
export const SHARED_VIDEOS = join(FIXTURE_PHOTOS, '..', 'videos');

/** Frames of `clip` (a file in the fixtures' videos/) from `start` for `duration` seconds at `fps`, as JPEG files. */
export function videoFrames(clip: string, start: number, duration: number, fps: number): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'frames-'));
  try {
    execFileSync('ffmpeg', ['-loglevel', 'error', '-ss', String(start), '-t', String(duration), '-i', join(SHARED_VIDEOS, clip), '-vf', `fps=${fps}`, '-q:v', '2', join(dir, '%03d.jpg')]);
    return readdirSync(dir).sort().map((file) => readFileSync(join(dir, file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A face-centred 256-px crop of the largest face in `image` (a JPEG), encoded at quality 85. */
export async function faceCrop(analyzer: Analyzer, image: Uint8Array): Promise<Buffer> {
  const analysis = await analyzer.analyzeJpeg(image);
  const face = analysis?.faces[0];
  const pixels = decodeJpeg(image);
  if (!analysis || !face || !pixels) throw new Error('faceCrop: no face in the image');
  const { width, height } = analysis;
  const { x, y, width: side } = evidenceCrop(face.box, width, height);
  const crop = tf.tidy(() => {
    const rgba = tf.tensor4d(pixels.rgba, [1, height, width, 4], 'int32');
    return tf.image.cropAndResize(rgba, [[y / height, x / width, (y + side) / height, (x + side) / width]], [0], [SIZE, SIZE], 'bilinear');
  });
  const cropped = Uint8Array.from(crop.dataSync(), (value) => Math.round(value));
  crop.dispose();
  return Buffer.from(jpeg.encode({ data: cropped, width: SIZE, height: SIZE }, 85).data);
}

/** Evidence frames of face crops, timed from `t0` at `stepMs` apart. */
export async function evidenceFrames(analyzer: Analyzer, images: readonly Uint8Array[], t0: number, stepMs: number): Promise<EvidenceFrame[]> {
  const frames: EvidenceFrame[] = [];
  for (const [i, image] of images.entries()) {
    frames.push({ jpeg: (await faceCrop(analyzer, image)).toString('base64'), width: SIZE, height: SIZE, t: Math.round(t0 + i * stepMs) });
  }
  return frames;
}
