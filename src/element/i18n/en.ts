import type { Translation } from './localize.js';

export const en: Translation = {
  start: 'Start',
  starting: 'Opening the camera, please wait…',
  placeFace: 'Place your face inside the oval',
  noFace: 'No face seen. Please face the camera',
  stopped: 'Stopped',
  retry: 'Try again',
  errors: {
    'unsupported-browser': 'This browser cannot run the face check. Please use the system browser or update it',
    'camera-denied': 'Camera access is blocked. Allow the camera in the browser settings, then tap “Try again”',
    'camera-not-found': 'No camera was found',
    'camera-in-use': 'Another app is using the camera. Close it, then tap “Try again”',
    'camera-ended': 'The camera disconnected. Tap “Try again”',
    'worker-failed': 'The check could not load. Please reload the page',
    'backend-unavailable': 'This device cannot run face detection',
    'model-load-failed': 'The face model could not be downloaded. Check the connection, then tap “Try again”',
    'challenge-failed': 'The server could not be reached. Check the connection, then tap “Try again”',
    'challenge-expired': 'This check has expired. Tap “Try again”',
    timeout: 'This took too long. Tap “Try again”',
    'no-face': 'No face seen',
    'multiple-faces': 'More than one face is visible. Only one person, please',
    aborted: 'Stopped',
  },
};
