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
      // A voice of the language itself (zh for zh-CN, ug for ug-CN), never another language's.
      const primary = language.toLowerCase().split('-')[0]!;
      const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === primary);
      if (voice) utterance.voice = voice;
      speechSynthesis.speak(utterance);
    },
    cancel() {
      speechSynthesis.cancel();
    },
  };
}

/** Advice is spoken again at most this often, so the voice does not nag. */
const ADVICE_REPEAT_MS = 5000;
/** Advice waits this long after anything else was said, so a prompt is not cut off by a passing problem. */
const ADVICE_AFTER_MS = 1500;

/**
 * What the element says, and when: a prompt once when it changes, advice again only after a pause.
 * `voice()` is asked each time, so turning the voice off (or replacing it) takes effect at once.
 */
export class PromptSpeaker {
  private spoken = { text: '', at: 0 };

  constructor(
    private readonly voice: () => Voice | null,
    private readonly language: () => Language,
  ) {}

  /** Speaks `text` when it changed; `repeat` speaks it even if it did not (a prompt said again, with help). */
  say(text: string, kind: 'prompt' | 'advice' | 'repeat' = 'prompt'): void {
    const voice = this.voice();
    if (!voice || !text) return;
    const now = performance.now();
    const since = now - this.spoken.at;
    if (kind === 'prompt' && text === this.spoken.text) return;
    if (kind === 'advice' && (since < ADVICE_AFTER_MS || (text === this.spoken.text && since < ADVICE_REPEAT_MS))) return;
    this.spoken = { text, at: now };
    voice.speak(text, this.language());
  }

  cancel(): void {
    this.voice()?.cancel();
  }
}
