/** JPEG decoding for the server's analysis: jpeg-js (pure JavaScript, no native code), strict and bounded. */
import jpeg from 'jpeg-js';
import type { DecodedImage } from './image.js';
import { applyOrientation, exifOrientation } from './orientation.js';

export type { DecodedImage } from './image.js';


/** Most pixels decoded from one image (a registered photo may be a full portrait; evidence crops are 256 px). */
const MAX_MEGAPIXELS = 16;
/** Memory jpeg-js may allocate for one image. */
const MAX_DECODE_MB = 256;

/**
 * The pixels of a JPEG file, upright (its EXIF orientation applied), or null when it does not decode: truncated
 * or damaged data is refused rather than repaired (jpeg-js would otherwise fill missing blocks with grey), and so
 * are images over 16 megapixels.
 */
export function decodeJpeg(bytes: Uint8Array): DecodedImage | null {
  try {
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: MAX_DECODE_MB,
    });
    if (!image.width || !image.height || image.data.length !== image.width * image.height * 4) return null;
    return applyOrientation({ width: image.width, height: image.height, rgba: image.data }, exifOrientation(bytes));
  } catch {
    return null;
  }
}
