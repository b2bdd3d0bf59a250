/** The person refuses the camera (this browser denies every permission prompt). */
import { expect } from '@esm-bundle/chai';
import { createElement, defineElement, nextEvent, shadow } from '../helpers/element.js';

describe('<face-liveness> when camera access is refused', () => {
  before(defineElement);

  it('emits camera-denied and explains how to allow it', async () => {
    const element = createElement({ consented: true, lang: 'en' });
    try {
      const error = nextEvent(element, 'liveness-error', 30_000);
      await element.start();
      expect((await error).detail).to.include({ code: 'camera-denied', retryable: true });
      expect(element.status).to.equal('error');
      expect(shadow(element).querySelector('[part="prompt"]')!.textContent).to.contain('Allow the camera in the browser settings');
      expect(shadow(element).querySelector('[part="prompt"]')!.getAttribute('role')).to.equal('alert');
      expect(shadow(element).querySelector('button')!.textContent!.trim()).to.equal('Try again');
    } finally {
      element.remove();
    }
  });
});
