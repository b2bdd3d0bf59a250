const MARKER = 0xff;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** Baseline and progressive frame headers: what browsers' and ffmpeg's JPEG encoders write. */
const SUPPORTED_FRAMES = new Set([0xc0, 0xc2]);
/** Every other start-of-frame marker (lossless, hierarchical, arithmetic-coded): no encoder of ours writes them. */
const OTHER_FRAMES = new Set([0xc1, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Markers without a length field. */
const STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);

export interface JpegSize {
  width: number;
  height: number;
}

/**
 * The size a JPEG file declares in its frame header, or null when `bytes` is not a whole baseline or progressive
 * JPEG: it must start with SOI, end with EOI, and its header segments must chain correctly to exactly one
 * SOF0/SOF2 frame header followed by a scan. Reads headers only; the compressed image data is not decoded.
 */
export function jpegSize(bytes: Uint8Array): JpegSize | null {
  const end = bytes.length;
  const framed =
    end >= 6 && bytes[0] === MARKER && bytes[1] === SOI && bytes[2] === MARKER &&
    bytes[end - 2] === MARKER && bytes[end - 1] === EOI;
  if (!framed) return null;
  let size: JpegSize | null = null;
  let offset = 2;
  while (offset + 1 < end) {
    if (bytes[offset] !== MARKER) return null;
    const marker = bytes[offset + 1]!;
    if (marker === MARKER) {
      offset += 1; // a fill byte before the marker
      continue;
    }
    if (STANDALONE.has(marker)) {
      offset += 2;
      continue;
    }
    if (marker === SOS) return size;
    if (marker === SOI || marker === EOI || OTHER_FRAMES.has(marker) || offset + 4 > end) return null;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (length < 2 || offset + 2 + length > end) return null;
    if (SUPPORTED_FRAMES.has(marker)) {
      // Segment: length (2), precision (1), height (2), width (2), components...
      if (size !== null || length < 8) return null;
      const height = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) | bytes[offset + 8]!;
      if (width === 0 || height === 0) return null;
      size = { width, height };
    }
    offset += 2 + length;
  }
  return null;
}
