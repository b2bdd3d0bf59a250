// Liveness not proven (`liveness-fail`): each reason with attempts left, and the final failure.
import type { Meta } from '@storybook/web-components-vite';
import type { Action } from '../src/core/challenge.js';
import type { FailReason } from '../src/core/liveness/session.js';
import { failureText } from '../src/element/check-prompts.js';
import { screenStory } from './screen-story.js';
import { sessionState } from './session-state.js';

export default {
  title: 'Screens/Failed',
  component: 'face-liveness',
} satisfies Meta;

/** What the element shows after an attempt failed on `action` (or, never placed, with the advice showing). */
const failed = (reason: FailReason, { action = 'blink' as Action | undefined, attemptsLeft = 2 } = {}) =>
  screenStory((text) => ({
    screen: 'failed',
    prompt: failureText(reason, action, sessionState({ phase: 'failed', failure: reason, issue: 'too-dark' }), text),
    detail: attemptsLeft > 0 ? text.attemptsLeft(attemptsLeft) : text.noAttemptsLeft,
    canRetry: attemptsLeft > 0,
  }));

/** The blink was not seen: named, with its tip. */
export const ActionTimeout = failed('action-timeout');
export const WrongAction = failed('wrong-action', { action: 'turn-left' });
export const PhotoSuspected = failed('photo-suspected', { action: 'nod' });
export const FaceLost = failed('face-lost');
export const MultipleFaces = failed('multiple-faces');
/** Never got placed: the advice that was showing (here, too dark) is repeated. */
export const PositioningTimeout = failed('positioning-timeout', { action: undefined });
export const OneAttemptLeft = failed('action-timeout', { action: 'mouth-open', attemptsLeft: 1 });

/** No attempts left: no retry button, only the host's alternative. */
export const Final = failed('action-timeout', { attemptsLeft: 0 });
