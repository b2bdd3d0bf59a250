/**
 * Fingerprints of evidence frames that survive JPEG re-encoding: a 256-bit difference hash (dHash) of the
 * whole face-centred crop. The crop is shrunk to 17×16 cells of mean luma and each bit says whether a cell is
 * brighter than its right neighbour; re-encoding moves pixel values by a few levels, which flips few bits, while
 * another capture of the same person (another pose, light or position) flips many.
 */
import type { DecodedImage } from './image.js';

const COLUMNS = 17;
const ROWS = 16;

/** 64 lowercase hex characters. */
export function frameFingerprint({ width, height, rgba }: DecodedImage): string {
  const cells = new Float64Array(COLUMNS * ROWS);
  const counts = new Uint32Array(COLUMNS * ROWS);
  for (let y = 0; y < height; y++) {
    const row = Math.min(ROWS - 1, Math.floor((y * ROWS) / height));
    for (let x = 0; x < width; x++) {
      const cell = row * COLUMNS + Math.min(COLUMNS - 1, Math.floor((x * COLUMNS) / width));
      const i = (y * width + x) * 4;
      cells[cell] += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      counts[cell]!++;
    }
  }
  for (let cell = 0; cell < cells.length; cell++) cells[cell]! /= counts[cell] || 1;
  let hex = '';
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS - 1; column += 4) {
      let nibble = 0;
      for (let bit = 0; bit < 4; bit++) {
        const cell = row * COLUMNS + column + bit;
        nibble = (nibble << 1) | (cells[cell]! > cells[cell + 1]! ? 1 : 0);
      }
      hex += nibble.toString(16);
    }
  }
  return hex;
}
