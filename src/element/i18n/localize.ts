import { en } from './en.js';
import type { Translation } from './translation.js';
import { zhCN } from './zh-CN.js';

export type { Translation } from './translation.js';

export type Language = 'zh-CN' | 'en';

const TRANSLATIONS: Record<Language, Translation> = { 'zh-CN': zhCN, en };

/** The element's `lang`, else the page's, else zh-CN; any English variant maps to `en`. */
export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const tag = candidate?.trim().toLowerCase();
    if (!tag) continue;
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}

export function translation(language: Language): Translation {
  return TRANSLATIONS[language];
}
