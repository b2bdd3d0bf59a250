/**
 * One person throughout a capture: the frames' identity descriptors must form one group, each frame joined to
 * the group by a similarity at or above the threshold with some other frame. A face that changes with a
 * movement or a turn of the head is joined through the frames next to it, while frames of a second person stay
 * a group apart unless one of them resembles the first person as closely as the threshold.
 */
import { similarity } from './embedding.js';

export interface IdentityLinks {
  /** Per frame, its highest similarity to any other frame; null without a descriptor (or a single frame). */
  links: (number | null)[];
  /** Whether every frame with a descriptor is joined, directly or through others, to every other. */
  oneGroup: boolean;
}

export function identityLinks(descriptors: readonly (Float32Array | null)[], threshold: number): IdentityLinks {
  const present = descriptors.flatMap((descriptor, i) => (descriptor ? [i] : []));
  const group = descriptors.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  const links: (number | null)[] = descriptors.map(() => null);
  for (const [n, i] of present.entries()) {
    for (const j of present.slice(n + 1)) {
      const score = similarity(descriptors[i]!, descriptors[j]!);
      links[i] = Math.max(links[i] ?? -1, score);
      links[j] = Math.max(links[j] ?? -1, score);
      if (score >= threshold) group[root(i)] = root(j);
    }
  }
  return { links, oneGroup: new Set(present.map(root)).size <= 1 };
}
