// Liveness not proven (`liveness-fail`): each reason with attempts left, and the final failure.
import type { Meta } from '@storybook/web-components-vite';
import type { FailReason } from '../src/core/liveness/session.js';
import { screenStory } from './screen-story.js';

export default {
  title: 'Screens/Failed',
  component: 'face-liveness',
} satisfies Meta;

/** What the element shows after a failed attempt with `attemptsLeft` still allowed. */
const failed = (reason: FailReason, attemptsLeft = 2) =>
  screenStory((text) => ({
    screen: 'failed',
    prompt: text.failures[reason],
    detail: attemptsLeft > 0 ? text.attemptsLeft(attemptsLeft) : text.noAttemptsLeft,
    canRetry: attemptsLeft > 0,
  }));

export const ActionTimeout = failed('action-timeout');
export const WrongAction = failed('wrong-action');
export const PhotoSuspected = failed('photo-suspected');
export const FaceLost = failed('face-lost');
export const MultipleFaces = failed('multiple-faces');
export const OneAttemptLeft = failed('action-timeout', 1);

/** Could not get placed in time: the advice that was showing is repeated. */
export const PositioningTimeout = screenStory((text) => ({
  screen: 'failed',
  prompt: `${text.failures['positioning-timeout']} ${text.advice['too-dark']}`,
  detail: text.attemptsLeft(2),
  canRetry: true,
}));

/** No attempts left: no retry button, only the host's alternative. */
export const Final = failed('action-timeout', 0);
