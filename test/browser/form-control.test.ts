/**
 * <face-liveness required> in a real <form>, as native controls behave: a blocked submit says why, aloud
 * too, and puts the focus on the start button; the value is the token and goes away with it.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, fixtureStream, nextEvent, shadow } from '../helpers/element.js';

describe('<face-liveness> as a form control', () => {
  before(defineElement);
  let form: HTMLFormElement;
  let element: FaceLiveness;
  const spoken: string[] = [];
  const stops: (() => void)[] = [];

  function formWith(attributes: Record<string, string | true>): FaceLiveness {
    form = document.createElement('form');
    form.innerHTML = '<input name="person" value="110101195001010000">';
    element = createElement({ name: 'token', required: true, ...attributes });
    element.removeAttribute('no-voice');
    element.voice = { speak: (text) => spoken.push(text), cancel: () => undefined };
    form.append(element);
    document.body.append(form);
    return element;
  }

  afterEach(() => {
    form?.remove();
    spoken.length = 0;
    for (const stop of stops.splice(0)) stop();
  });

  it('exposes form, validity, validationMessage, willValidate, checkValidity and reportValidity', async () => {
    const el = formWith({ lang: 'en' });
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(el.willValidate).to.equal(true);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validity.valid).to.equal(false);
    expect(el.validationMessage).to.equal('Please complete the face check first');
    let invalidEvents = 0;
    el.addEventListener('invalid', () => invalidEvents++);
    expect(el.checkValidity()).to.equal(false);
    expect(invalidEvents).to.equal(1);
    el.required = false;
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
    expect(el.validationMessage).to.equal('');
  });

  it('says why a submit is blocked, in words and aloud, and moves the focus to the button that starts the check', async () => {
    const el = formWith({});
    await el.updateComplete;
    let submitted = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted = true;
    });
    form.requestSubmit();
    await el.updateComplete;
    expect(submitted).to.equal(false);
    expect(el.validationMessage).to.equal('请先完成刷脸认证');
    expect(shadow(el).querySelector('.detail')?.textContent).to.equal('请先完成刷脸认证');
    expect(spoken).to.include('请先完成刷脸认证');
    const focused = shadow(el).activeElement as HTMLElement | null;
    expect(focused?.tagName).to.equal('BUTTON');
    expect(focused?.textContent?.trim(), 'the consent screen’s button that starts the check').to.equal('同意并开始');
  });

  it('holds the token as its value after a check, and drops it on stop(), a new attempt, reset() and a restored form state', async () => {
    const clip = await fixtureStream('mouth-open-man.mp4', 9);
    stops.push(clip.stop);
    const el = formWith({ consented: true, actions: 'mouth-open', 'action-count': '1', lang: 'en' });
    el.stream = clip.stream;
    const pass = async () => {
      // Each check starts before the clip's wide "O" (11.24–14.8 s), after its talking.
      await clip.seek(9);
      const success = nextEvent(el, 'liveness-success', 90_000);
      await el.start();
      return (await success).detail.token;
    };
    const token = await pass();
    expect(new FormData(form).get('token')).to.equal(token);
    expect(new FormData(form).get('person')).to.equal('110101195001010000');
    expect(form.checkValidity()).to.equal(true);

    el.stop();
    expect(el.token).to.equal(null);
    expect(new FormData(form).get('token')).to.equal(null);
    expect(form.checkValidity()).to.equal(false);

    await pass();
    const attempt = el.start();
    expect(new FormData(form).get('token'), 'a new attempt clears the old token at once').to.equal(null);
    await attempt;
    el.stop();

    await pass();
    el.reset();
    expect(new FormData(form).get('token')).to.equal(null);

    await pass();
    // What the browser calls when Back/Forward or autofill restores the form: a token is never reused.
    el.formStateRestoreCallback();
    expect(el.token).to.equal(null);
    expect(new FormData(form).get('token')).to.equal(null);
  });
});
