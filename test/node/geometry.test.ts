import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eyeAspectRatio, eyeOpening, faceGeometry, headPose, landmarkBox, mouthAspectRatio, noseParallax } from '../../src/core/geometry.js';
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
    assert.ok(Math.abs(pose.yaw) < 12, `yaw ${pose.yaw}`, 'Math.abs(pose.yaw) < 12, `yaw ${pose.yaw}`');
    assert.ok(Math.abs(pose.pitch) < 20, `pitch ${pose.pitch}`, 'Math.abs(pose.pitch) < 20, `pitch ${pose.pitch}`');
    assert.ok(Math.abs(pose.roll) < 8, `roll ${pose.roll}`, 'Math.abs(pose.roll) < 8, `roll ${pose.roll}`');
  });

  for (const axis of ['yaw', 'pitch', 'roll'] as const) {
    for (const degrees of [-40, -20, 15, 35]) {
      it(`measures a ${degrees}° ${axis} applied to the real face, with the documented sign`, () => {
        const before = headPose(frontal);
        const after = headPose(rotate(frontal, axis, degrees));
        assert.ok(Math.abs(after[axis] - before[axis] - degrees) < 2, `${axis}: ${before[axis]} → ${after[axis]}, expected +${degrees}`, 'Math.abs(after[axis] - before[axis] - degrees) < 2, `${axis}: ${before[axis]} → ${after[axis]}, expected +${degrees}`');
        for (const other of (['yaw', 'pitch', 'roll'] as const).filter((o) => o !== axis)) {
          assert.ok(Math.abs(after[other] - before[other]) < 6, `${other} moved by ${after[other] - before[other]}`, 'Math.abs(after[other] - before[other]) < 6, `${other} moved by ${after[other] - before[other]}`');
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
        assert.ok(Math.abs(g[key] - reference[key]) < 1e-3, `${key}: ${reference[key]} vs ${g[key]}`, 'Math.abs(g[key] - reference[key]) < 1e-3, `${key}: ${reference[key]} vs ${g[key]}`');
      }
    }
  });

  it('reads open eyes and a closed mouth on frontal portraits', () => {
    for (const name of ['man-frontal-portrait', 'elderly-man-frontal', 'man-glasses-frontal', 'woman-selfie']) {
      const landmarks = Float32Array.from(recordedPhoto(name).faces[0]!.landmarks);
      for (const eye of ['left', 'right'] as const) {
        const ratio = eyeAspectRatio(landmarks, eye);
        assert.ok(ratio > 0.15 && ratio < 0.45, `${name} ${eye} eye ${ratio}`, 'ratio > 0.15 && ratio < 0.45, `${name} ${eye} eye ${ratio}`');
      }
      assert.ok(mouthAspectRatio(landmarks) < 0.35, `${name} mouth ${mouthAspectRatio(landmarks)}`, 'mouthAspectRatio(landmarks) < 0.35, `${name} mouth ${mouthAspectRatio(landmarks)}`');
    }
  });
});

/** Applies the 2D affine map (x, y) → (a·x + b·y + tx, c·x + d·y + ty), as a flat picture moved in front of a camera undergoes. */
function affine(points: Float32Array, [a, b, c, d, tx, ty]: number[]): Float32Array {
  const out = Float32Array.from(points);
  for (let i = 0; i < points.length; i += 3) {
    out[i] = a! * points[i]! + b! * points[i + 1]! + tx!;
    out[i + 1] = c! * points[i]! + d! * points[i + 1]! + ty!;
  }
  return out;
}

describe('nose parallax on real landmarks', () => {
  it('does not change when a flat picture of the face is slid, zoomed, rotated or sheared', () => {
    const reference = noseParallax(frontal);
    const tilt = Math.PI / 7;
    for (const map of [
      [1, 0, 0, 1, 120, -40],
      [0.6, 0, 0, 0.6, 0, 0],
      [Math.cos(tilt), -Math.sin(tilt), Math.sin(tilt), Math.cos(tilt), 10, 10],
      [0.75, 0.1, 0, 1, 0, 0], // the foreshortening of a picture turned by about 40°, slightly skewed
    ]) {
      const moved = noseParallax(affine(frontal, map));
      assert.ok(Math.abs(moved.noseX - reference.noseX) < 1e-3 && Math.abs(moved.noseY - reference.noseY) < 1e-3, JSON.stringify(moved), 'Math.abs(moved.noseX - reference.noseX) < 1e-3 && Math.abs(moved.noseY - reference.noseY) < 1e-3, JSON.stringify(moved)');
    }
  });

  it('keeps the eye opening (unlike the aspect ratio) when a flat picture is tilted away', () => {
    // A picture turned about 40° about its vertical axis: its width shrinks, its height does not.
    const tilted = affine(frontal, [0.75, 0, 0, 1, 0, 0]);
    const change = (after: number, before: number) => Math.abs(after / before - 1);
    for (const eye of ['left', 'right'] as const) {
      // The lid gaps are not exactly parallel to the forehead–chin line, hence a few percent, not zero;
      // a blink closes the eye by 20 % or more.
      assert.ok(change(eyeOpening(tilted, eye), eyeOpening(frontal, eye)) < 0.08, `${eye} opening`, 'change(eyeOpening(tilted, eye), eyeOpening(frontal, eye)) < 0.08, `${eye} opening`');
      assert.ok(change(eyeAspectRatio(tilted, eye), eyeAspectRatio(frontal, eye)) > 0.2, `${eye} aspect ratio`, 'change(eyeAspectRatio(tilted, eye), eyeAspectRatio(frontal, eye)) > 0.2, `${eye} aspect ratio`');
    }
    // A picture tilted back about 45°: its height shrinks.
    const squashed = affine(frontal, [1, 0, 0, 0.7, 0, 0]);
    assert.ok(change(eyeOpening(squashed, 'left'), eyeOpening(frontal, 'left')) < 0.08, 'opening, tilted back');
    assert.ok(change(eyeAspectRatio(squashed, 'left'), eyeAspectRatio(frontal, 'left')) > 0.2, 'aspect ratio, tilted back');
  });

  it('moves with a real head turn or nod, in the direction of yaw and pitch', () => {
    const reference = noseParallax(frontal);
    for (const degrees of [-25, 25]) {
      const turned = noseParallax(rotate(frontal, 'yaw', degrees));
      assert.ok(Math.sign(turned.noseX - reference.noseX) === Math.sign(degrees), `yaw ${degrees}: ${turned.noseX} vs ${reference.noseX}`, 'Math.sign(turned.noseX - reference.noseX) === Math.sign(degrees), `yaw ${degrees}: ${turned.noseX} vs ${reference.noseX}`');
      assert.ok(Math.abs(turned.noseX - reference.noseX) > 0.2, `yaw ${degrees}: noseX moved only ${turned.noseX - reference.noseX}`, 'Math.abs(turned.noseX - reference.noseX) > 0.2, `yaw ${degrees}: noseX moved only ${turned.noseX - reference.noseX}`');
    }
    const nodded = noseParallax(rotate(frontal, 'pitch', 20));
    assert.ok(nodded.noseY - reference.noseY > 0.05, `pitch 20: noseY ${reference.noseY} → ${nodded.noseY}`, 'nodded.noseY - reference.noseY > 0.05, `pitch 20: noseY ${reference.noseY} → ${nodded.noseY}`');
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
