// The host registers its language once, then puts the element on the page with that `lang`.
import '/face-liveness/face-liveness.js';
import { ug } from './translations/ug.js';

const FaceLiveness = customElements.get('face-liveness');
FaceLiveness.registerTranslation('ug', ug, { dir: 'rtl' });

const ALTERNATIVE = {
  ug: 'چىراي تەكشۈرۈشنى خالىمىسىڭىز، ئىجتىمائىي سۇغۇرتا مۇلازىمەت كۆزنىكىگە بېرىڭ ياكى 12333 گە تېلېفون قىلىڭ.',
  'zh-CN': '不方便刷脸？请到社保服务窗口办理，或拨打 12333。',
  en: 'Prefer not to? Visit a service counter, or call 12333.',
};

/** A fresh element for `lang`: an element picks its language when it is connected. */
function show(lang) {
  const element = document.createElement('face-liveness');
  element.id = 'check';
  element.lang = lang;
  const alternative = document.createElement('p');
  alternative.slot = 'alternative';
  alternative.lang = lang;
  alternative.textContent = ALTERNATIVE[lang];
  element.append(alternative);
  document.getElementById('check-host').replaceChildren(element);
}

const settings = document.getElementById('settings');
const chosen = () => new FormData(settings).get('lang');
settings.addEventListener('change', () => show(chosen()));
show(chosen());
