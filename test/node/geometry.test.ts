import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eyeAspectRatio, faceGeometry, headPose, landmarkBox, mouthAspectRatio } from '../../src/core/geometry.js';
import { recordedPhoto } from './helpers.js';

/** Real landmarks of a frontal face, as the detector found them in man-frontal-portrait.jpg. */
const frontal = Float32Array.from(recordedPhoto('man-frontal-portrait').faces[0]!.landmarks);

type Axis = 'yaw' | 'pitch' | 'roll';

/**
 * Rotates the landmarks rigidly about their centroid, with the sign conventions of `HeadPose`:
 * yaw turns the nose toward the image's right, pitch lowers the chin, roll is clockwise in the image.
 */
function rotate(points: Float32Array, axis: Axis, degrees: number): Float32Array {
  const a = (degrees * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  const n = points.length / 3;
  const centre = [0, 1, 2].map((k) => points.filter((_, i) => i % 3 === k).reduce((sum, v) => sum + v, 0) / n);
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 3) {
    const [x, y, z] = [points[i]! - centre[0]!, points[i + 1]! - centre[1]!, points[i + 2]! - centre[2]!];
    const [rx, ry, rz] =
      axis === 'yaw' ? [c * x - s * z, y, s * x + c * z] : axis === 'pitch' ? [x, c * y - s * z, s * y + c * z] : [c * x - s * y, s * x + c * y, z];
    out.set([rx + centre[0]!, ry + centre[1]!, rz + centre[2]!], i);
  }
  return out;
}

function scaled(points: Float32Array, factor: number, dx = 0, dy = 0): Float32Array {
  return points.map((v, i) => v * factor + (i % 3 === 0 ? dx : i % 3 === 1 ? dy : 0));
}

describe('head pose on real landmarks', () => {
  it('reads a frontal portrait as frontal', () => {
    const pose = headPose(frontal);
    assert.ok(Math.abs(pose.yaw) < 12, `yaw ${pose.yaw}`);
    assert.ok(Math.abs(pose.pitch) < 20, `pitch ${pose.pitch}`);
    assert.ok(Math.abs(pose.roll) < 8, `roll ${pose.roll}`);
  });

  for (const axis of ['yaw', 'pitch', 'roll'] as const) {
    for (const degrees of [-40, -20, 15, 35]) {
      it(`measures a ${degrees}° ${axis} applied to the real face, with the documented sign`, () => {
        const before = headPose(frontal);
        const after = headPose(rotate(frontal, axis, degrees));
        assert.ok(Math.abs(after[axis] - before[axis] - degrees) < 2, `${axis}: ${before[axis]} → ${after[axis]}, expected +${degrees}`);
        for (const other of (['yaw', 'pitch', 'roll'] as const).filter((o) => o !== axis)) {
          assert.ok(Math.abs(after[other] - before[other]) < 6, `${other} moved by ${after[other] - before[other]}`);
        }
      });
    }
  }
});

describe('aspect ratios on real landmarks', () => {
  it('are unchanged by the face size, its place in the frame and in-plane tilt', () => {
    const reference = faceGeometry(frontal);
    for (const moved of [scaled(frontal, 0.3, 40, -10), scaled(frontal, 2.5), rotate(frontal, 'roll', 25)]) {
      const g = faceGeometry(moved);
      for (const key of ['leftEye', 'rightEye', 'mouth'] as const) {
        assert.ok(Math.abs(g[key] - reference[key]) < 1e-3, `${key}: ${reference[key]} vs ${g[key]}`);
      }
    }
  });

  it('reads open eyes and a closed mouth on frontal portraits', () => {
    for (const name of ['man-frontal-portrait', 'elderly-man-frontal', 'man-glasses-frontal', 'woman-selfie']) {
      const landmarks = Float32Array.from(recordedPhoto(name).faces[0]!.landmarks);
      for (const eye of ['left', 'right'] as const) {
        const ratio = eyeAspectRatio(landmarks, eye);
        assert.ok(ratio > 0.15 && ratio < 0.45, `${name} ${eye} eye ${ratio}`);
      }
      assert.ok(mouthAspectRatio(landmarks) < 0.35, `${name} mouth ${mouthAspectRatio(landmarks)}`);
    }
  });
});

describe('landmarkBox', () => {
  it('encloses every landmark of a real face and touches its extremes', () => {
    const box = landmarkBox(frontal);
    const xs = frontal.filter((_, i) => i % 3 === 0);
    const ys = frontal.filter((_, i) => i % 3 === 1);
    assert.equal(box.x, Math.min(...xs));
    assert.equal(box.y, Math.min(...ys));
    assert.equal(box.x + box.width, Math.max(...xs));
    assert.equal(box.y + box.height, Math.max(...ys));
  });
});
