/**
 * Photometric measures of a face crop, computed from RGBA pixels (as `ImageData.data` holds them).
 * Pure so it can be tested without a browser; the worker feeds it a small crop of the face box.
 */

/** Side, in pixels, of the square crop that quality is measured on, so values do not depend on face size. */
export const QUALITY_CROP_SIZE = 96;

export interface ImageQuality {
  /** Mean luma (Rec. 601) from 0 (black) to 1 (white). Faces read well between about 0.25 and 0.85. */
  brightness: number;
  /**
   * Root mean square of the 4-neighbour Laplacian of luma, 0–1 (full scale). Blur lowers it; a sharp
   * face crop of {@link QUALITY_CROP_SIZE} px is typically above 0.02.
   */
  sharpness: number;
}

export function imageQuality(rgba: ArrayLike<number>, width: number, height: number): ImageQuality {
  const luma = new Float32Array(width * height);
  let sum = 0;
  for (let p = 0, i = 0; p < luma.length; p++, i += 4) {
    const y = (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!) / 255;
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
