// Getting placed: the guide, and the advice for each problem with the picture (every QualityIssue).
import type { Meta } from '@storybook/web-components-vite';
import type { QualityIssue } from '../src/core/liveness/gates.js';
import { screenStory } from './screen-story.js';

export default {
  title: 'Screens/Positioning',
  component: 'face-liveness',
} satisfies Meta;

/** The advice the element writes and speaks while the picture has `issue`; the guide is not passing. */
const advice = (issue: QualityIssue) =>
  screenStory((text) => ({ screen: 'checking', prompt: text.advice[issue], step: { done: 0, total: 2 }, guideOk: false }));

/** A face fits the guide: the baseline hold before the first action. */
export const HoldStill = screenStory((text) => ({ screen: 'checking', prompt: text.holdStill, step: { done: 0, total: 2 }, guideOk: true }));
export const NoFace = advice('no-face');
export const MultipleFaces = advice('multiple-faces');
export const TooSmall = advice('too-small');
export const TooLarge = advice('too-large');
export const OffCentre = advice('off-centre');
export const TooDark = advice('too-dark');
export const TooBright = advice('too-bright');
export const TooBlurry = advice('too-blurry');
export const NotFrontal = advice('not-frontal');
