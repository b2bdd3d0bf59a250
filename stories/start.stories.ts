// The screens before and around the check: consent, declined, ready, starting, and photo mode.
import type { Meta } from '@storybook/web-components-vite';
import { screenStory } from './screen-story.js';

export default {
  title: 'Screens/Start',
  component: 'face-liveness',
} satisfies Meta;

/** Separate consent before the camera opens: what is captured, why, where it goes. */
export const Consent = screenStory(() => ({ screen: 'consent' }));

/** The person declined: the host's alternative stays, and agreeing is still possible. */
export const Declined = screenStory((text) => ({ screen: 'declined', prompt: text.declined }));

/** The host obtained consent itself (`consented`): a start button. */
export const Ready = screenStory((text) => ({ screen: 'ready', prompt: text.readyTitle }));

/** Camera and challenge on their way. */
export const Starting = screenStory((text) => ({ screen: 'starting', prompt: text.starting }));

/** No camera API (older mini-program web-views): a photo instead. */
export const Photo = screenStory((text) => ({ screen: 'photo', prompt: text.photoTitle }));

/** A photo that did not pass (here: too dark), with what to change. */
export const PhotoAdvice = screenStory((text) => ({ screen: 'photo', prompt: text.advice['too-dark'], detail: text.photoHelp }));
