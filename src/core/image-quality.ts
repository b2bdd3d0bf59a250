/**
 * Photometric measures of a face crop, computed from RGBA pixels (as `ImageData.data` holds them).
 * Pure so it can be tested without a browser; the worker feeds it a small crop of the face box.
 */

import type { Box } from './geometry.js';

/** Side, in pixels, of the square crop that quality is measured on, so values do not depend on face size. */
export const QUALITY_CROP_SIZE = 96;

/** Width of the small copy of the whole frame that the light around the face is read from (height in proportion). */
export const SURROUND_WIDTH = 48;

export interface ImageQuality {
  /** Mean luma (Rec. 601) from 0 (black) to 1 (white). Faces read well between about 0.25 and 0.85. */
  brightness: number;
  /**
   * Root mean square of the 4-neighbour Laplacian of luma, 0–1 (full scale). Blur lowers it; a sharp
   * face crop of {@link QUALITY_CROP_SIZE} px is typically above 0.02.
   */
  sharpness: number;
}

/** Rec. 601 luma, 0–1, of the pixel whose red byte is at `i`. */
function lumaAt(rgba: ArrayLike<number>, i: number): number {
  return (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) / 255;
}

export function imageQuality(rgba: ArrayLike<number>, width: number, height: number): ImageQuality {
  const luma = new Float32Array(width * height);
  let sum = 0;
  for (let p = 0, i = 0; p < luma.length; p++, i += 4) {
    const y = lumaAt(rgba, i);
    luma[p] = y;
    sum += y;
  }
  let squares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      const laplacian = luma[p - 1]! + luma[p + 1]! + luma[p - width]! + luma[p + width]! - 4 * luma[p]!;
      squares += laplacian * laplacian;
      count++;
    }
  }
  return {
    brightness: luma.length ? sum / luma.length : 0,
    sharpness: count ? Math.sqrt(squares / count) : 0,
  };
}

/**
 * Mean luma (0–1) of the pixels of a whole frame that lie outside the face's `box` (in the same pixels): the
 * light around the face, which tells a face dark against a bright sky or window (backlight) from a dark
 * room. Undefined when the face covers the whole frame.
 */
export function surroundBrightness(rgba: ArrayLike<number>, width: number, height: number, box: Box): number | undefined {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const inRows = y + 0.5 >= box.y && y + 0.5 <= box.y + box.height;
    for (let x = 0; x < width; x++) {
      if (inRows && x + 0.5 >= box.x && x + 0.5 <= box.x + box.width) continue;
      sum += lumaAt(rgba, (y * width + x) * 4);
      count++;
    }
  }
  return count ? sum / count : undefined;
}
