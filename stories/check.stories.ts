// The check itself: each action's prompt and picture, the tip when an action is slow to come, the capture,
// signing and success.
import type { Meta } from '@storybook/web-components-vite';
import type { Action } from '../src/core/challenge.js';
import { checkView } from '../src/element/check-prompts.js';
import { screenStory } from './screen-story.js';
import { sessionState } from './session-state.js';

export default {
  title: 'Screens/Check',
  component: 'face-liveness',
} satisfies Meta;

/** The first of two actions, as the element asks for it; with `help`, half its time has passed without it. */
const actionPrompt = (action: Action, { help = false, mirrored = true } = {}) =>
  screenStory((text) => ({ screen: 'checking', mirrored, ...checkView(sessionState({ phase: 'action', action }), text, help) }));

export const Blink = actionPrompt('blink');
export const MouthOpen = actionPrompt('mouth-open');
export const TurnLeft = actionPrompt('turn-left');
export const TurnRight = actionPrompt('turn-right');
export const Nod = actionPrompt('nod');

/** The action is slow to come: its tip joins the prompt. */
export const NodWithTip = actionPrompt('nod', { help: true });

/** The rear camera, for a helper holding the phone: the picture is not mirrored. */
export const RearCamera = actionPrompt('blink', { mirrored: false });

/** Both actions done: the frontal frame is being taken. */
export const Capturing = screenStory((text) => ({ screen: 'checking', ...checkView(sessionState({ phase: 'capture', done: 2 }), text, false) }));

export const Signing = screenStory((text) => ({ screen: 'signing', prompt: text.signing }));

export const Success = screenStory((text) => ({ screen: 'success', prompt: text.success }));
