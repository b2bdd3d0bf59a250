/**
 * How a story becomes a screen: the state the element would show, built from the chosen language's
 * translation, rendered by the element's own view in `<face-liveness-view>`.
 */
import { html } from 'lit';
import type { StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { DEFAULT_LIVENESS_CONFIG } from '../src/core/liveness/config.js';
import { resolveLanguage, textDirection, translation, type Translation } from '../src/element/i18n/localize.js';
import type { ViewHandlers, ViewState } from '../src/element/view.js';
import { themingStyle, type ThemeName, type Theming } from './themes.js';
import { defineFaceLivenessView } from './view-host.js';

/** What a story says of its screen; the rest is the element's default for it. */
export type ScreenState = Pick<ViewState, 'screen'> & Partial<Omit<ViewState, 'text' | 'dir'>>;

const HANDLERS: ViewHandlers = {
  agree: action('agree'),
  decline: action('decline'),
  start: action('start'),
  retry: action('retry'),
  switchCamera: action('switchCamera'),
  photo: action('photo'),
};

/** Alternatives a portal offers, in the story's language: the `alternative` slot. */
const ALTERNATIVE: Record<string, string> = {
  'zh-CN': '不方便刷脸？请到社保服务窗口办理，或拨打 12333。',
  en: 'Prefer not to? Visit a service counter, or call 12333.',
  ug: 'چىراي تەكشۈرۈشنى خالىمىسىڭىز، ئىجتىمائىي سۇغۇرتا مۇلازىمەت كۆزنىكىگە بېرىڭ ياكى 12333 گە تېلېفون قىلىڭ.',
};

export function viewState(lang: string, build: (text: Translation) => ScreenState): ViewState {
  const language = resolveLanguage(lang);
  const text = translation(language);
  return {
    prompt: '',
    guide: DEFAULT_LIVENESS_CONFIG.guide,
    guideOk: false,
    mirrored: true,
    aspectRatio: 3 / 4,
    canRetry: false,
    canSwitchCamera: true,
    ...build(text),
    text,
    dir: textDirection(language),
  };
}

/** A story of one screen; the toolbar picks its language and theme, the controls its custom properties. */
export function screenStory(build: (text: Translation) => ScreenState): StoryObj<Theming> {
  return {
    render: (args, { globals }) => {
      defineFaceLivenessView();
      const lang = String(globals.locale ?? 'zh-CN');
      const state = viewState(lang, build);
      return html`<face-liveness-view lang=${lang} style=${themingStyle((globals.theme ?? 'default') as ThemeName, args)} .state=${state} .handlers=${HANDLERS}>
        <p slot="alternative" lang=${lang}>${ALTERNATIVE[lang] ?? ALTERNATIVE.en}</p>
      </face-liveness-view>`;
    },
  };
}
