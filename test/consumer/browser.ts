// A portal's page code against the installed package: the class, the tag, its properties and its events.
import 'face-liveness/define';
import { FaceLiveness, FaceLivenessError, type ErrorCode, type LivenessSuccessEvent } from 'face-liveness';

const element = document.createElement('face-liveness');
const sameClass: FaceLiveness = element;
const found: FaceLiveness | null = document.querySelector('face-liveness');

element.challengeUrl = '/api/liveness/challenge';
element.actionCount = 2;
element.camera = 'environment';
element.noVoice = true;
// @ts-expect-error action-count is a number
element.actionCount = '2';
// @ts-expect-error the camera is 'user' or 'environment'
element.camera = 'back';
// @ts-expect-error status is read-only
element.status = 'success';

element.addEventListener('liveness-success', (event) => {
  const token: string = event.detail.token;
  const passed: boolean = event.detail.result.passed;
  // @ts-expect-error a success has no failure reason
  console.log(event.detail.reason, token, passed);
});
element.addEventListener('liveness-fail', (event) => {
  const left: number = event.detail.attemptsLeft;
  // @ts-expect-error a failure has no token
  console.log(event.detail.token, left);
});
element.addEventListener('liveness-error', (event) => {
  const code: ErrorCode = event.detail.code;
  // @ts-expect-error codes are the documented ones
  const unknown: typeof code = 'camera-exploded';
  console.log(unknown, event.detail.retryable);
});
element.addEventListener('liveness-ready', ({ detail }) => {
  // @ts-expect-error the backend is one of webgl, wasm, cpu
  const backend: 'webgpu' = detail.backend;
  console.log(backend, detail.loadMs);
});
// Events bubble: a listener on the document is typed too.
document.addEventListener('liveness-progress', (event) => console.log(event.detail.phase, event.detail.index));
// @ts-expect-error an event name the element does not have gives a plain Event, without detail
element.addEventListener('liveness-succes', (event) => console.log(event.detail));

const onSuccess = (event: LivenessSuccessEvent) => event.detail.token;
element.addEventListener('liveness-success', onSuccess);
// @ts-expect-error a success handler does not fit the error event
element.addEventListener('liveness-error', onSuccess);

if (!(new FaceLivenessError('timeout', 'slow') instanceof Error)) throw new Error('unreachable');
element.start();
console.log(sameClass, found, FaceLiveness.name);
