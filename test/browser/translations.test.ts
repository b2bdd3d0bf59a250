/**
 * A language from the host, as a portal adds it: the built element (dist/face-liveness.js), Uyghur
 * registered from the demo's sample (demo/public/translations/ug.js), right to left.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import type { Translation } from '../../src/element/i18n/translation.js';
import { axeViolations, createElement, defineElement, nextEvent, shadow } from '../helpers/element.js';

describe('a language registered by the host', () => {
  let ug: Translation;
  let element: FaceLiveness;
  const pageLang = document.documentElement.lang;

  before(async () => {
    await defineElement();
    ({ ug } = (await import(/* @vite-ignore */ new URL('/demo/public/translations/ug.js', location.href).href)) as { ug: Translation });
    (customElements.get('face-liveness') as typeof FaceLiveness).registerTranslation('ug', ug, { dir: 'rtl' });
  });

  afterEach(() => {
    element?.remove();
    document.documentElement.lang = pageLang;
  });

  const text = (selector: string) => shadow(element).querySelector(selector)?.textContent?.trim();
  const base = () => shadow(element).querySelector<HTMLElement>('.base')!;

  it('shows its text, right to left, laid out from the right, and stays accessible', async () => {
    element = createElement({ lang: 'ug' });
    await element.updateComplete;
    expect(text('.title')).to.equal(ug.consentTitle);
    expect([...shadow(element).querySelectorAll('button')].map((button) => button.textContent!.trim())).to.deep.equal([ug.agree, ug.decline]);
    expect(base().dir).to.equal('rtl');
    expect(getComputedStyle(base()).direction).to.equal('rtl');
    // The consent points are indented on the side their lines start: the right.
    const points = getComputedStyle(shadow(element).querySelector('.points')!);
    expect(parseFloat(points.paddingRight)).to.be.greaterThan(0);
    expect(parseFloat(points.paddingLeft)).to.equal(0);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('is chosen for a regional tag by its primary subtag, and from the page’s lang', async () => {
    element = createElement({ lang: 'ug-Arab-CN', consented: true });
    await element.updateComplete;
    expect(text('[part="prompt"]')).to.equal(ug.readyTitle);
    element.remove();
    document.documentElement.lang = 'ug';
    element = createElement({ consented: true });
    await element.updateComplete;
    expect(text('[part="prompt"]')).to.equal(ug.readyTitle);
    expect(base().dir).to.equal('rtl');
  });

  it('speaks to the person in it on an error screen too', async () => {
    // This browser has no camera: the check ends with camera-not-found.
    element = createElement({ lang: 'ug', consented: true });
    const error = nextEvent(element, 'liveness-error', 30_000);
    await element.start();
    expect((await error).detail.code).to.equal('camera-not-found');
    await element.updateComplete;
    expect(text('[part="prompt"]')).to.equal(ug.errors['camera-not-found']);
    expect(base().dir).to.equal('rtl');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('leaves a language nobody registered to fall back to zh-CN, left to right', async () => {
    element = createElement({ lang: 'bo', consented: true });
    await element.updateComplete;
    expect(text('[part="prompt"]')).to.equal('准备好后，请点“开始认证”');
    expect(base().dir).to.equal('ltr');
  });

  it('refuses a translation with a key missing, with a TypeError naming it', () => {
    const { photoButton: _left, ...incomplete } = ug;
    const FaceLivenessClass = customElements.get('face-liveness') as typeof FaceLiveness;
    expect(() => FaceLivenessClass.registerTranslation('ug-CN', incomplete as Translation))
      .to.throw(TypeError, /strings\.photoButton is missing/);
  });
});
