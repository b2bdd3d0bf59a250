/**
 * A pass over JSON text before `JSON.parse` sees it, so that a hostile token costs no more than its length:
 * nesting deeper than allowed, an object with more members or an array with more items than allowed, and a key
 * repeated within one object (which `JSON.parse` would silently resolve to the last value) are refused. Strings
 * are skipped whole; the text's validity as JSON is left to `JSON.parse`.
 */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays; the top level is depth 1. */
  maxDepth: number;
  /** Most members of one object, or items of one array. */
  maxItems: number;
}

interface Container {
  kind: '{' | '[';
  /** Members of an object; commas of an array (one fewer than its items). */
  count: number;
  keys: Set<string> | null;
  /** Inside an object: whether the next string is a key. */
  expectKey: boolean;
}

/** Whether `text` stays within `limits` and repeats no key within an object. */
export function withinJsonLimits(text: string, { maxDepth, maxItems }: JsonLimits): boolean {
  const stack: Container[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return false;
      if (top?.expectKey) {
        const key = text.slice(i + 1, end);
        if (top.keys!.has(key) || ++top.count > maxItems) return false;
        top.keys!.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      if (stack.length >= maxDepth) return false;
      stack.push({ kind: char, count: 0, keys: char === '{' ? new Set() : null, expectKey: char === '{' });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',' && top) {
      if (top.kind === '{') top.expectKey = true;
      else if (++top.count >= maxItems) return false;
    }
  }
  return true;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
