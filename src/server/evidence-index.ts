/**
 * Fingerprints of accepted evidence frames in memory, found again by Hamming distance: each 256-bit fingerprint
 * is filed under its 16 bands of 16 bits, so any fingerprint within 15 bits of a recorded one shares at least one
 * band with it (pigeonhole), and only the records of shared bands are compared bit by bit.
 */
export const FINGERPRINT_HEX_LENGTH = 64;
const BANDS = 16;
const BAND_HEX = FINGERPRINT_HEX_LENGTH / BANDS;
/** The largest distance banding is sure to find. */
export const MAX_FINDABLE_DISTANCE = BANDS - 1;

/** The band keys of a fingerprint: each band's position and value. */
export function fingerprintBands(fingerprint: string): string[] {
  return Array.from({ length: BANDS }, (_, band) => `${band}:${fingerprint.slice(band * BAND_HEX, (band + 1) * BAND_HEX)}`);
}

export function hammingDistance(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    for (; x; x &= x - 1) bits++;
  }
  return bits;
}

/** Throws a TypeError unless the arguments are what `NonceStore.recordEvidence` accepts. */
export function checkEvidenceArguments(fingerprints: unknown, ttlSeconds: unknown, maxDistance: unknown, minMatches: unknown): asserts fingerprints is string[] {
  const valid = (f: unknown) => typeof f === 'string' && f.length === FINGERPRINT_HEX_LENGTH && /^[0-9a-f]+$/.test(f);
  if (!Array.isArray(fingerprints) || !fingerprints.every(valid)) {
    throw new TypeError(`recordEvidence: fingerprints must be strings of ${FINGERPRINT_HEX_LENGTH} lowercase hex digits`);
  }
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError('recordEvidence: ttlSeconds must be a positive number');
  }
  if (!Number.isInteger(maxDistance) || (maxDistance as number) < 0 || (maxDistance as number) > MAX_FINDABLE_DISTANCE) {
    throw new TypeError(`recordEvidence: maxDistance must be an integer from 0 to ${MAX_FINDABLE_DISTANCE}`);
  }
  if (!Number.isSafeInteger(minMatches) || (minMatches as number) < 1) throw new TypeError('recordEvidence: minMatches must be a positive integer');
}

interface Entry {
  fingerprint: string;
  expiry: number;
}

export class EvidenceIndex {
  readonly #bands = new Map<string, Set<Entry>>();
  /** In insertion order, so the oldest expire first when swept. */
  readonly #entries = new Set<Entry>();

  get size(): number {
    return this.#entries.size;
  }

  /** Whether a live fingerprint lies within `maxDistance` bits of `fingerprint`. */
  has(fingerprint: string, maxDistance: number, now: number): boolean {
    for (const band of fingerprintBands(fingerprint)) {
      for (const entry of this.#bands.get(band) ?? []) {
        if (entry.expiry > now && hammingDistance(entry.fingerprint, fingerprint) <= maxDistance) return true;
      }
    }
    return false;
  }

  add(fingerprint: string, expiry: number): void {
    const entry = { fingerprint, expiry };
    this.#entries.add(entry);
    for (const band of fingerprintBands(fingerprint)) {
      let entries = this.#bands.get(band);
      if (!entries) this.#bands.set(band, (entries = new Set()));
      entries.add(entry);
    }
  }

  /** Drops the expired fingerprints. */
  sweep(now: number): void {
    for (const entry of this.#entries) {
      if (entry.expiry > now) continue;
      this.#entries.delete(entry);
      for (const band of fingerprintBands(entry.fingerprint)) {
        const entries = this.#bands.get(band)!;
        entries.delete(entry);
        if (entries.size === 0) this.#bands.delete(band);
      }
    }
  }
}
