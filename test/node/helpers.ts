import { readFileSync } from 'node:fs';

export interface RecordedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  measures: Record<string, number>;
  landmarks: number[];
}

/** An observation the real detector recorded on a fixture photo (scripts/record-traces.mjs). */
export function recordedPhoto(name: string): { width: number; height: number; faces: RecordedFace[] } {
  return JSON.parse(readFileSync(new URL(`../data/photos/${name}.json`, import.meta.url), 'utf8'));
}
