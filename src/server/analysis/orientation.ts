/**
 * EXIF orientation: phones store photos sideways with a tag that says how to turn them, and browsers honour
 * it, but JPEG decoders (jpeg-js among them) do not. A registered photo taken on a phone would otherwise reach
 * the face models lying on its side.
 */
import type { DecodedImage } from './image.js';

const APP1 = 0xe1;
const ORIENTATION_TAG = 0x0112;

/** The EXIF orientation (1–8) a JPEG declares, or 1 when it declares none or cannot be read. */
export function exifOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    const length = view.getUint16(offset + 2);
    if (marker === 0xda || length < 2) break; // image data starts: no more headers
    if (marker === APP1 && offset + 10 + 8 <= bytes.length && String.fromCharCode(...bytes.subarray(offset + 4, offset + 10)) === 'Exif\0\0') {
      return orientationInTiff(view, offset + 10, Math.min(bytes.length, offset + 2 + length));
    }
    offset += 2 + length;
  }
  return 1;
}

function orientationInTiff(view: DataView, tiff: number, end: number): number {
  const little = view.getUint16(tiff) === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** The image as it is meant to be seen: turned and mirrored as its EXIF orientation says. */
export function applyOrientation(image: DecodedImage, orientation: number): DecodedImage {
  if (orientation === 1) return image;
  const { width, height, rgba } = image;
  const swaps = orientation >= 5;
  const outWidth = swaps ? height : width;
  const outHeight = swaps ? width : height;
  const out = new Uint8Array(rgba.length);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const [sx, sy] = sourcePixel(orientation, x, y, width, height);
      out.set(rgba.subarray((sy * width + sx) * 4, (sy * width + sx) * 4 + 4), (y * outWidth + x) * 4);
    }
  }
  return { width: outWidth, height: outHeight, rgba: out };
}

/** Where in the stored image the pixel (x, y) of the upright image comes from (EXIF orientations 2–8). */
function sourcePixel(orientation: number, x: number, y: number, width: number, height: number): [number, number] {
  switch (orientation) {
    case 2: return [width - 1 - x, y];
    case 3: return [width - 1 - x, height - 1 - y];
    case 4: return [x, height - 1 - y];
    case 5: return [y, x];
    case 6: return [y, height - 1 - x];
    case 7: return [width - 1 - y, height - 1 - x];
    default: return [width - 1 - y, x]; // 8
  }
}
