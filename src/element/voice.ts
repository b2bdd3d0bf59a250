import type { Language } from './i18n/localize.js';

/**
 * Speaks prompts. The element never waits for speech. Hosts whose web-view lacks `speechSynthesis`
 * (many Android web-views) can set `element.voice` to their own, e.g. one that plays recorded audio.
 */
export interface Voice {
  speak(text: string, language: Language): void;
  /** Stops whatever is being said. */
  cancel(): void;
}

/** The browser's speech synthesis, or null where it does not exist. */
export function browserVoice(): Voice | null {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return null;
  return {
    speak(text, language) {
      speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = language;
      // A little slower than default: many listeners are old or hard of hearing.
      utterance.rate = 0.9;
      const voice = speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith(language === 'en' ? 'en' : 'zh'));
      if (voice) utterance.voice = voice;
      speechSynthesis.speak(utterance);
    },
    cancel() {
      speechSynthesis.cancel();
    },
  };
}
