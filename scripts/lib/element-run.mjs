// One check of the built element (dist/face-liveness.js) in a harness page whose browser plays a fixture
// clip as Chromium's fake camera, as a person's check runs: the camera opened by the element, the worker and
// models next to the script. Records what a person would see change: the progress phases, the guide's
// dashed/solid state (`guide-ok`) and the prompt, with their times. Shared by the scripts that measure
// the element end to end (count-state-changes, accuracy-e2e).
import { fakeCameraFile } from './environment.mjs';
import { withHarnessPage } from './harness.mjs';

/**
 * Chromium flags that make `clip` the camera: a fixture video's name, optionally with `@<seconds>s` (start
 * there) and `@x<fraction>` (shrunk, see {@link fakeCameraFile}), e.g. `still-man.mp4@x0.6`.
 */
export function fakeCameraArgs(clip) {
  const [video, ...variants] = clip.split('@');
  const options = {};
  for (const variant of variants) {
    if (/^[\d.]+s$/.test(variant)) options.from = Number(variant.slice(0, -1));
    else if (/^x[\d.]+$/.test(variant)) options.shrink = Number(variant.slice(1));
    else throw new Error(`${clip}: unknown variant @${variant}`);
  }
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile(video, options)}`];
}

/** A browser whose camera plays `clip` (see {@link fakeCameraArgs}); `body(page)` runs {@link checkInPage} through `page.evaluate`. */
export function withFakeCamera(clip, body, { root } = {}) {
  return withHarnessPage(body, { args: fakeCameraArgs(clip), ...(root ? { root } : {}) });
}

/**
 * In the page: one check with these attributes (and `challenge` for server mode), for at most `seconds`.
 * Resolves with `{ outcome, token?, reason?, log }`: outcome `success`, `fail`, `error` or `time` (still
 * running when the time was up); `log` holds `{ t, phase, action, index }` per progress event, `{ t, ok }` per
 * guide change and `{ t, text }` per prompt change, t in ms from start().
 */
export async function checkInPage({ attributes, challenge, seconds }) {
  await import('/dist/face-liveness.js');
  document.body.replaceChildren();
  const element = document.createElement('face-liveness');
  for (const [name, value] of Object.entries({ 'no-voice': '', consented: '', lang: 'en', 'max-attempts': '1', ...attributes })) {
    element.setAttribute(name, value);
  }
  if (challenge) element.challenge = challenge;
  document.body.append(element);
  await element.updateComplete;
  const log = { phases: [], guide: [], prompts: [] };
  let t0 = performance.now();
  const now = () => Math.round(performance.now() - t0);
  element.addEventListener('liveness-progress', ({ detail }) => log.phases.push({ t: now(), phase: detail.phase, action: detail.action, index: detail.index }));
  let guideOk = null;
  let prompt = null;
  const watch = () => {
    const guide = element.shadowRoot.querySelector('.guide');
    const ok = guide ? guide.classList.contains('guide-ok') : null;
    if (guide && ok !== guideOk) log.guide.push({ t: now(), ok });
    guideOk = ok;
    const text = element.shadowRoot.querySelector('[part=prompt]')?.textContent.trim() ?? '';
    if (text !== prompt) log.prompts.push({ t: now(), text });
    prompt = text;
  };
  const observer = new MutationObserver(watch);
  observer.observe(element.shadowRoot, { subtree: true, attributes: true, childList: true, characterData: true });
  const outcome = new Promise((resolve) => {
    element.addEventListener('liveness-success', (e) => resolve({ outcome: 'success', token: e.detail.token }));
    element.addEventListener('liveness-fail', (e) => resolve({ outcome: 'fail', reason: e.detail.reason }));
    element.addEventListener('liveness-error', (e) => resolve({ outcome: 'error', reason: `${e.detail.code}: ${e.detail.message}` }));
  });
  t0 = performance.now();
  await element.start();
  const timeUp = new Promise((resolve) => setTimeout(() => resolve({ outcome: 'time' }), seconds * 1000));
  const result = await Promise.race([outcome, timeUp]);
  watch();
  observer.disconnect();
  element.remove();
  return { ...result, log, ms: now() };
}
