/**
 * Languages a host adds with `FaceLiveness.registerTranslation(lang, strings, options)`, next to the
 * built-in zh-CN and English.
 */
import { checkTranslation } from './check-translation.js';
import { en } from './en.js';
import type { Translation } from './translation.js';

/** Which way a language's text runs. */
export type TextDirection = 'ltr' | 'rtl';

export interface TranslationOptions {
  /**
   * Which way the language's text runs. Default: what the browser's `Intl.Locale` knows of the tag's
   * script (Uyghur `ug` and Arabic are `rtl`), else `ltr`; give it where a browser may not know
   * (Firefox has no `Intl.Locale` text info).
   */
  dir?: TextDirection;
}

export interface RegisteredTranslation {
  /** The tag as registered, in canonical form (`ug`, `mn-Mong`, `zh-HK`). */
  lang: string;
  strings: Translation;
  dir: TextDirection;
}

const REGISTERED = new Map<string, RegisteredTranslation>();

/** `tag` in canonical BCP-47 form, or null when it is not a well-formed language tag. */
export function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** The direction the browser's locale data gives for a tag's script, where it has any. */
function scriptDirection(tag: string): TextDirection | undefined {
  const locale = new Intl.Locale(tag) as Intl.Locale & { getTextInfo?(): { direction?: string }; textInfo?: { direction?: string } };
  const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
  return direction === 'rtl' || direction === 'ltr' ? direction : undefined;
}

export function registerTranslation(lang: string, strings: Translation, options: TranslationOptions = {}): void {
  const tag = typeof lang === 'string' ? canonicalTag(lang.trim()) : null;
  if (!tag) {
    throw new TypeError(`FaceLiveness.registerTranslation: ${JSON.stringify(lang)} is not a BCP-47 language tag (such as 'ug', 'bo', 'mn-Mong').`);
  }
  checkTranslation(tag, strings, en);
  const { dir } = options ?? {};
  if (dir !== undefined && dir !== 'ltr' && dir !== 'rtl') {
    throw new TypeError(`FaceLiveness.registerTranslation('${tag}'): options.dir must be 'ltr' or 'rtl', got ${JSON.stringify(dir)}.`);
  }
  // A copy, so that later changes to the host's object cannot slip past the check.
  REGISTERED.set(tag.toLowerCase(), { lang: tag, strings: copyTranslation(strings), dir: dir ?? scriptDirection(tag) ?? 'ltr' });
}

/** The registered translation for `tag`: the exact tag first, then its primary language subtag. */
export function registeredTranslation(tag: string): RegisteredTranslation | undefined {
  const canonical = canonicalTag(tag)?.toLowerCase();
  if (!canonical) return undefined;
  return REGISTERED.get(canonical) ?? REGISTERED.get(canonical.split('-')[0]!);
}

/** A deep copy of a checked translation: its maps and lists copied, its strings and functions kept. */
function copyTranslation<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTranslation) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyTranslation(item)])) as T;
  }
  return value;
}
