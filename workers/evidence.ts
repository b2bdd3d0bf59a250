/**
 * Evidence frames: a face-centred square crop of each frame that may become evidence, kept as a small
 * ImageBitmap until the session knows which frames it wants, then JPEG-encoded. Only the frames the
 * session still names are kept, so memory stays at a few dozen crops.
 */
import { FaceLivenessError } from '../src/core/errors.js';
import { evidenceCrop, type Box } from '../src/core/geometry.js';
import { EVIDENCE_FRAME_SIZE as SIZE } from '../src/core/claims.js';
import type { EncodedEvidence } from '../src/core/protocol.js';

/** Keeps a 2-action token (17 frames, base64 twice over) under 400 KB with the face still crisp. */
const JPEG_QUALITY = 0.8;

export class EvidenceStore {
  private readonly crops = new Map<number, ImageBitmap>();

  /** Keeps the crop of `frame` around `box` as time `t`, and drops crops whose times are not in `keep`. */
  async keep(frame: ImageBitmap, t: number, box: Box | undefined, keep: readonly number[]): Promise<void> {
    if (box) {
      const crop = evidenceCrop(box, frame.width, frame.height);
      const bitmap = await createImageBitmap(frame, crop.x, crop.y, crop.width, crop.height, {
        resizeWidth: SIZE,
        resizeHeight: SIZE,
        resizeQuality: 'high',
      });
      this.crops.get(t)?.close();
      this.crops.set(t, bitmap);
    }
    const wanted = new Set([...keep, t]);
    for (const [time, bitmap] of this.crops) {
      if (!wanted.has(time)) {
        bitmap.close();
        this.crops.delete(time);
      }
    }
  }

  async encode(times: readonly number[]): Promise<EncodedEvidence[]> {
    try {
      const canvas = new OffscreenCanvas(SIZE, SIZE);
      const context = canvas.getContext('2d')!;
      const encoded: EncodedEvidence[] = [];
      for (const t of times) {
        const bitmap = this.crops.get(t);
        if (!bitmap) throw new FaceLivenessError('no-face', `No evidence crop was kept for the frame at ${t} ms`);
        context.drawImage(bitmap, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
        encoded.push({ t, jpeg: await blob.arrayBuffer(), width: SIZE, height: SIZE });
      }
      return encoded;
    } finally {
      this.clear();
    }
  }

  clear(): void {
    for (const bitmap of this.crops.values()) bitmap.close();
    this.crops.clear();
  }

  get size(): number {
    return this.crops.size;
  }
}
