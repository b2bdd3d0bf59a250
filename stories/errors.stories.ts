// Technical failures (`liveness-error`): the screen of each error code, with a retry button where
// trying again may help.
import type { Meta } from '@storybook/web-components-vite';
import { FaceLivenessError, type ErrorCode } from '../src/core/errors.js';
import { screenStory } from './screen-story.js';

export default {
  title: 'Screens/Errors',
  component: 'face-liveness',
} satisfies Meta;

const error = (code: ErrorCode) =>
  screenStory((text) => ({ screen: 'error', prompt: text.errors[code], canRetry: new FaceLivenessError(code, code).retryable }));

export const UnsupportedBrowser = error('unsupported-browser');
export const CameraDenied = error('camera-denied');
export const CameraNotFound = error('camera-not-found');
export const CameraInUse = error('camera-in-use');
export const CameraEnded = error('camera-ended');
export const WorkerFailed = error('worker-failed');
export const BackendUnavailable = error('backend-unavailable');
export const ModelLoadFailed = error('model-load-failed');
export const ChallengeFailed = error('challenge-failed');
export const ChallengeExpired = error('challenge-expired');
export const Timeout = error('timeout');
export const NoFace = error('no-face');
export const MultipleFaces = error('multiple-faces');
export const Aborted = error('aborted');
