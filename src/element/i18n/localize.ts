import { en } from './en.js';
import { canonicalTag, registeredTranslation, type TextDirection } from './registry.js';
import type { Translation } from './translation.js';
import { zhCN } from './zh-CN.js';

export type { Translation } from './translation.js';
export type { TextDirection, TranslationOptions } from './registry.js';

/** `zh-CN`, `en`, or a tag registered with `FaceLiveness.registerTranslation`. */
export type Language = 'zh-CN' | 'en' | (string & {});

const BUILT_IN: Record<'zh-CN' | 'en', Translation> = { 'zh-CN': zhCN, en };

/**
 * The element's `lang`, else the page's, else zh-CN. For each candidate tag: a registered language
 * (the exact tag, then its primary subtag), else any English variant as `en`, any Chinese as `zh-CN`.
 */
export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const tag = candidate ? canonicalTag(candidate.trim()) : null;
    if (!tag) continue;
    const registered = registeredTranslation(tag);
    if (registered) return registered.lang;
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'en') return 'en';
    if (primary === 'zh') return 'zh-CN';
  }
  return 'zh-CN';
}

export function translation(language: Language): Translation {
  return registeredTranslation(language)?.strings ?? (Object.hasOwn(BUILT_IN, language) ? BUILT_IN[language as 'zh-CN' | 'en'] : zhCN);
}

/** Which way the language's text runs: the built-in ones left to right, a registered one as registered. */
export function textDirection(language: Language): TextDirection {
  return registeredTranslation(language)?.dir ?? 'ltr';
}
