/**
 * What a shaky hand and poor eyesight need from the layout during a check, with the fake camera: the
 * picture's box does not change size when the camera starts, and switching cameras is a small control apart
 * from the prompt.
 */
import { expect } from '@esm-bundle/chai';
import type { FaceLiveness } from '../../src/element/face-liveness.js';
import { createElement, defineElement, shadow, until } from '../helpers/element.js';

describe('<face-liveness> layout during a check', () => {
  before(defineElement);
  let element: FaceLiveness | undefined;
  afterEach(() => element?.remove());

  it('keeps the picture box and everything below it in place from "starting" to the first frames', async () => {
    element = createElement({ consented: true, actions: 'turn-left', 'action-count': '1', lang: 'en' });
    const root = shadow(element);
    const heights: number[] = [];
    const prompts: number[] = [];
    const record = () => {
      const stage = root.querySelector('.stage')!.getBoundingClientRect();
      if (stage.height > 0) heights.push(Math.round(stage.height));
      prompts.push(Math.round(root.querySelector('[part="prompt"]')!.getBoundingClientRect().top));
    };
    const starting = element.start();
    await element.updateComplete;
    expect(element.status).to.equal('starting');
    record();
    const sampler = setInterval(record, 20);
    await starting;
    await until(() => element!.status === 'checking' && root.querySelector('.icon') !== null, 'the action prompt');
    clearInterval(sampler);
    record();
    expect(new Set(heights), `box heights ${[...new Set(heights)].join(', ')}`).to.have.property('size', 1);
    expect(new Set(prompts), `prompt positions ${[...new Set(prompts)].join(', ')}`).to.have.property('size', 1);
    // The whole camera frame is shown inside it (nothing analysed is cut off).
    expect(getComputedStyle(root.querySelector('video')!).objectFit).to.equal('contain');
  });

  it('makes the camera switch a secondary control: at least 60 px, smaller than the prompt, apart from the main buttons', async () => {
    element = createElement({ consented: true, actions: 'turn-left', 'action-count': '1', lang: 'en' });
    await element.start();
    await until(() => element!.status === 'checking', 'the check');
    await element.updateComplete;
    const root = shadow(element);
    const button = root.querySelector<HTMLButtonElement>('.switch-camera')!;
    expect(button.textContent?.trim()).to.equal('Switch camera');
    expect(button.closest('.buttons'), 'not among the main buttons').to.equal(null);
    const box = button.getBoundingClientRect();
    expect(Math.min(box.width, box.height)).to.be.at.least(60);
    const prompt = root.querySelector<HTMLElement>('[part="prompt"]')!;
    expect(parseFloat(getComputedStyle(button).fontSize)).to.be.below(parseFloat(getComputedStyle(prompt).fontSize));
    expect(box.top - prompt.getBoundingClientRect().bottom, 'well below the prompt').to.be.at.least(24);
    expect(box.width, 'not the full width').to.be.below(root.querySelector('.base')!.getBoundingClientRect().width * 0.8);
  });
});
