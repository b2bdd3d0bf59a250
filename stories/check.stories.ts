// The check itself: each action's prompt and picture, the capture, signing and success.
import type { Meta } from '@storybook/web-components-vite';
import type { Action } from '../src/core/challenge.js';
import { screenStory } from './screen-story.js';

export default {
  title: 'Screens/Check',
  component: 'face-liveness',
} satisfies Meta;

/** The first of two actions, as the element asks for it: prompt, picture, step and progress. */
const actionPrompt = (action: Action) =>
  screenStory((text) => ({
    screen: 'checking',
    prompt: text.actions[action],
    detail: text.step(1, 2),
    action,
    step: { done: 0, total: 2 },
    guideOk: true,
  }));

export const Blink = actionPrompt('blink');
export const MouthOpen = actionPrompt('mouth-open');
export const TurnLeft = actionPrompt('turn-left');
export const TurnRight = actionPrompt('turn-right');
export const Nod = actionPrompt('nod');

/** Both actions done: the frontal frame is being taken. */
export const Capturing = screenStory((text) => ({ screen: 'checking', prompt: text.capturing, step: { done: 2, total: 2 }, guideOk: true }));

/** The rear camera for a helper, where the host supplies no stream: no mirroring. */
export const RearCamera = screenStory((text) => ({
  screen: 'checking',
  prompt: text.actions.blink,
  detail: text.step(1, 2),
  action: 'blink',
  step: { done: 0, total: 2 },
  guideOk: true,
  mirrored: false,
}));

export const Signing = screenStory((text) => ({ screen: 'signing', prompt: text.signing }));

export const Success = screenStory((text) => ({ screen: 'success', prompt: text.success }));
