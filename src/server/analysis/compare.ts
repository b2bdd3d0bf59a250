/** `compareFaces`: the 1:1 match of two photos of faces, such as a capture's frontal frame and a registered photo. */
import type { Analyzer, ImageAnalysis } from './analyzer-types.js';
import { defaultAnalyzer } from './default-analyzer.js';
import { similarity } from './embedding.js';
import { IDENTITY_THRESHOLD } from './evidence.js';

/**
 * Similarity at or above which two photos show the same person: the identity threshold, chosen on the
 * fixtures' pairs (see docs/server.md for the pairs, their similarities and the error rates).
 */
export const FACE_MATCH_THRESHOLD = IDENTITY_THRESHOLD;

/** Why a photo could not be compared. */
export type FaceImageError = 'evidence-undecodable' | 'face-not-found' | 'multiple-faces';

export interface FaceComparison {
  /** Cosine similarity of the two faces' identity descriptors, -1 to 1; null when a photo could not be used. */
  similarity: number | null;
  threshold: number;
  /** True only when both photos show exactly one face and the similarity reaches the threshold. */
  match: boolean;
  /** Why not, per photo: `a` and `b` list the problems of each (empty when it was usable). */
  errors: { a: FaceImageError[]; b: FaceImageError[] };
}

export interface CompareFacesOptions {
  /** Default: the process-wide analyzer, made on first use. */
  analyzer?: Analyzer;
}

/** Problems that make an analysed photo unusable for a comparison. */
export function faceImageErrors(analysis: ImageAnalysis | null): FaceImageError[] {
  if (!analysis) return ['evidence-undecodable'];
  if (analysis.faces.length === 0) return ['face-not-found'];
  return analysis.faces.length > 1 ? ['multiple-faces'] : [];
}

/** The comparison of two analysed photos. */
export function compareAnalyses(a: ImageAnalysis | null, b: ImageAnalysis | null): FaceComparison {
  const errors = { a: faceImageErrors(a), b: faceImageErrors(b) };
  const usable = errors.a.length === 0 && errors.b.length === 0;
  const score = usable && a!.descriptor && b!.descriptor ? similarity(a!.descriptor, b!.descriptor) : null;
  return { similarity: score, threshold: FACE_MATCH_THRESHOLD, match: score !== null && score >= FACE_MATCH_THRESHOLD, errors };
}

/**
 * Whether two JPEG photos show the same person. Never rejects because of the images (an undecodable photo
 * or one without exactly one face gives `match: false` with the reason); rejects when the analyzer cannot load.
 * JPEG only, and EXIF orientation is not applied: store registered photos upright.
 */
export async function compareFaces(jpegA: Uint8Array, jpegB: Uint8Array, options: CompareFacesOptions = {}): Promise<FaceComparison> {
  if (!(jpegA instanceof Uint8Array) || !(jpegB instanceof Uint8Array)) throw new TypeError('compareFaces: both photos must be Uint8Arrays (or Buffers) of JPEG files');
  const analyzer = options.analyzer ?? (await defaultAnalyzer());
  const [a, b] = [await analyzer.analyzeJpeg(jpegA), await analyzer.analyzeJpeg(jpegB)];
  return compareAnalyses(a, b);
}
