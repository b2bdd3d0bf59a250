import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageQuality, surroundBrightness } from '../../src/core/image-quality.js';

/** Synthetic pixel grids: they test the arithmetic, not face detection. */
function grid(size: number, value: (x: number, y: number) => number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = value(x, y);
      rgba.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return rgba;
}

describe('imageQuality', () => {
  it('reads brightness as mean luma from 0 to 1', () => {
    assert.equal(imageQuality(grid(16, () => 0), 16, 16).brightness, 0);
    assert.ok(Math.abs(imageQuality(grid(16, () => 255), 16, 16).brightness - 1) < 1e-6, 'Math.abs(imageQuality(grid(16, () => 255), 16, 16).brightness - 1) < 1e-6');
    assert.ok(Math.abs(imageQuality(grid(16, () => 128), 16, 16).brightness - 128 / 255) < 1e-6, 'Math.abs(imageQuality(grid(16, () => 128), 16, 16).brightness - 128 / 255) < 1e-6');
  });

  it('gives a flat image no sharpness and fine detail more than coarse detail', () => {
    const flat = imageQuality(grid(32, () => 100), 32, 32).sharpness;
    const coarse = imageQuality(grid(32, (x) => (Math.floor(x / 8) % 2 ? 200 : 50)), 32, 32).sharpness;
    const fine = imageQuality(grid(32, (x, y) => ((x + y) % 2 ? 200 : 50)), 32, 32).sharpness;
    assert.equal(flat, 0);
    assert.ok(coarse > 0, 'coarse > 0');
    assert.ok(fine > 4 * coarse, `fine ${fine} vs coarse ${coarse}`, 'fine > 4 * coarse, `fine ${fine} vs coarse ${coarse}`');
  });

  it('weighs colour channels as Rec. 601 luma', () => {
    const red = new Uint8ClampedArray([255, 0, 0, 255]);
    assert.ok(Math.abs(imageQuality(red, 1, 1).brightness - 0.299) < 1e-6, 'Math.abs(imageQuality(red, 1, 1).brightness - 0.299) < 1e-6');
  });

  it('reads the light around a face box: a dark face against a bright sky', () => {
    // A 16 px grid, white outside a black 8 × 8 "face" in its middle.
    const backlit = grid(16, (x, y) => (x >= 4 && x < 12 && y >= 4 && y < 12 ? 0 : 255));
    const box = { x: 4, y: 4, width: 8, height: 8 };
    assert.ok(Math.abs(surroundBrightness(backlit, 16, 16, box)! - 1) < 1e-6);
    assert.ok(Math.abs(surroundBrightness(grid(16, () => 51), 16, 16, box)! - 0.2) < 1e-6);
    assert.equal(surroundBrightness(backlit, 16, 16, { x: -1, y: -1, width: 20, height: 20 }), undefined, 'a face filling the frame');
  });
});
