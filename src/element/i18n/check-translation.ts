import type { Translation } from './translation.js';

/** A value of the wrong shape somewhere in a host's translation: where, what was expected, and what came. */
function wrong(lang: string, path: string, expected: string, got: unknown): TypeError {
  const shown = typeof got === 'string' ? JSON.stringify(got) : got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  return new TypeError(`FaceLiveness.registerTranslation('${lang}'): ${path} must be ${expected}, got ${shown}.`);
}

/** `path.key`, or `path['key']` for keys such as `too-dark`. */
function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sample arguments for the translation's functions: each must give back text for them. */
const SAMPLE_ARGUMENTS: Record<string, unknown[]> = { step: [1, 2], attemptsLeft: [2] };

/**
 * Checks, key by key against a built-in translation (`reference`), that `strings` has exactly the same
 * keys with text of the same shape: a non-empty string where the reference has one, a function giving
 * a non-empty string, a list of the same length, a map with the same keys. Throws a TypeError naming
 * the first key that is missing, extra or of the wrong type.
 */
export function checkTranslation(lang: string, strings: unknown, reference: Translation): asserts strings is Translation {
  checkValue(lang, 'strings', strings, reference);
}

function checkValue(lang: string, path: string, value: unknown, reference: unknown): void {
  if (typeof reference === 'string') {
    if (typeof value !== 'string' || !value.trim()) throw wrong(lang, path, 'a non-empty string', value);
  } else if (typeof reference === 'function') {
    if (typeof value !== 'function') throw wrong(lang, path, 'a function returning text', value);
    const name = path.slice(path.lastIndexOf('.') + 1);
    const args = SAMPLE_ARGUMENTS[name] ?? [];
    let text: unknown;
    try {
      text = (value as (...values: unknown[]) => unknown)(...args);
    } catch (error) {
      throw new TypeError(`FaceLiveness.registerTranslation('${lang}'): ${path}(${args.join(', ')}) threw: ${String(error)}.`);
    }
    if (typeof text !== 'string' || !text.trim()) throw wrong(lang, `${path}(${args.join(', ')})`, 'a non-empty string', text);
  } else if (Array.isArray(reference)) {
    if (!Array.isArray(value) || value.length !== reference.length) throw wrong(lang, path, `a list of ${reference.length} strings`, value);
    value.forEach((item, index) => checkValue(lang, `${path}[${index}]`, item, reference[index]));
  } else if (isRecord(reference)) {
    if (!isRecord(value)) throw wrong(lang, path, 'an object', value);
    for (const key of Object.keys(reference)) {
      if (!Object.hasOwn(value, key)) throw new TypeError(`FaceLiveness.registerTranslation('${lang}'): ${member(path, key)} is missing.`);
      checkValue(lang, member(path, key), value[key], reference[key]);
    }
    const extra = Object.keys(value).find((key) => !Object.hasOwn(reference, key));
    if (extra) throw new TypeError(`FaceLiveness.registerTranslation('${lang}'): ${member(path, extra)} is not a key of Translation (a typo?).`);
  }
}
