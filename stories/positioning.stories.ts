// Getting placed: the guide, and the advice for each problem with the picture (every QualityIssue).
import type { Meta } from '@storybook/web-components-vite';
import type { QualityIssue } from '../src/core/liveness/gates.js';
import { checkView } from '../src/element/check-prompts.js';
import { screenStory } from './screen-story.js';
import { sessionState } from './session-state.js';

export default {
  title: 'Screens/Positioning',
  component: 'face-liveness',
} satisfies Meta;

/** What the element shows while the picture has `issue` (none: a face fits the guide). */
const positioning = (issue: QualityIssue | null) =>
  screenStory((text) => ({ screen: 'checking', ...checkView(sessionState({ phase: 'positioning', issue }), text, false) }));

/** A face fits the guide: the still hold before the first action. */
export const HoldStill = positioning(null);
export const NoFace = positioning('no-face');
export const MultipleFaces = positioning('multiple-faces');
export const TooSmall = positioning('too-small');
export const TooLarge = positioning('too-large');
export const OffCentre = positioning('off-centre');
export const Backlit = positioning('backlit');
export const TooDark = positioning('too-dark');
export const TooBright = positioning('too-bright');
export const TooBlurry = positioning('too-blurry');
export const NotFrontal = positioning('not-frontal');
