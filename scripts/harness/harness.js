// Page side of scripts/lib/harness.mjs: drives the built worker (dist/) over fixture frames.
import { transfer, wrap } from '/node_modules/comlink/dist/esm/comlink.mjs';

const { version } = await (await fetch('/package.json')).json();
const assetsUrl = new URL('/dist/', location.href).href;

async function startWorker(options = {}) {
  const worker = new Worker('/dist/face-liveness.worker.js', { type: 'module' });
  const api = wrap(worker);
  const started = performance.now();
  // A worker that fails to load never answers: fail instead of waiting for ever.
  const failed = new Promise((_, reject) => worker.addEventListener('error', () => reject(new Error('the worker failed to load'))));
  const info = await Promise.race([api.init({ assetsUrl, version, ...options }), failed]);
  return { api, worker, info, initWallMs: performance.now() - started };
}

/** A fixture clip by name, or any served URL (the derived photo-attack clips live under /generated/). */
async function openVideo(name) {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.src = name.startsWith('/') ? name : `/fixtures/videos/${name}`;
  await new Promise((resolve, reject) => {
    video.onloadeddata = resolve;
    video.onerror = () => reject(new Error(`cannot play ${name}`));
  });
  return video;
}

async function seek(video, seconds) {
  if (Math.abs(video.currentTime - seconds) < 1e-4) return;
  const seeked = new Promise((resolve) => (video.onseeked = resolve));
  video.currentTime = seconds;
  await seeked;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Benchmark one backend over `frames` frames of `video` sampled at `fps`, tracking as a camera would. */
async function bench({ backend, video: name, frames, fps, maxFaces }) {
  const { api, worker, info, initWallMs } = await startWorker({ backend, ...(maxFaces ? { maxFaces } : {}) });
  try {
    const video = await openVideo(name);
    const endToEnd = [];
    const inWorker = [];
    let faces = 0;
    let firstCallMs = 0;
    let tensorsAfterFirst = 0;
    for (let i = 0; i < frames; i++) {
      await seek(video, (i / fps) % video.duration);
      const started = performance.now();
      const bitmap = await createImageBitmap(video);
      const observation = await api.detect(transfer(bitmap, [bitmap]), i * (1000 / fps));
      const elapsed = performance.now() - started;
      faces += observation.faces.length;
      if (i === 0) {
        firstCallMs = elapsed;
        tensorsAfterFirst = (await api.stats()).numTensors;
      } else {
        endToEnd.push(elapsed);
        inWorker.push(observation.workerMs);
      }
    }
    endToEnd.sort((a, b) => a - b);
    inWorker.sort((a, b) => a - b);
    const stats = await api.stats();
    return {
      backend: info.backend, reason: info.reason, renderer: info.renderer ?? null,
      initWallMs, loadMs: info.loadMs, warmUpMs: info.warmUpMs, firstCallMs,
      frames, framesWithFace: faces,
      medianMs: percentile(endToEnd, 0.5), p95Ms: percentile(endToEnd, 0.95),
      workerMedianMs: percentile(inWorker, 0.5),
      tensorsAfterFirst, tensorsAtEnd: stats.numTensors,
    };
  } finally {
    await api.dispose();
    worker.terminate();
  }
}

/**
 * Observation traces of a clip whose frames ffmpeg extracted at `fps` to `${base}00001.jpg`…, analysed
 * in order with tracking, as a camera's frames would be. Landmarks are left out.
 */
async function trace({ video, base, count, fps, backend = 'wasm' }) {
  const { api, worker } = await startWorker({ backend });
  try {
    const samples = [];
    for (let i = 0; i < count; i++) {
      const blob = await (await fetch(`${base}${String(i + 1).padStart(5, '0')}.jpg`)).blob();
      const bitmap = await createImageBitmap(blob);
      const observation = await api.detect(transfer(bitmap, [bitmap]), Math.round((i * 1000) / fps));
      samples.push(summarise(observation, false));
    }
    return { video, fps, width: samples[0]?.width, height: samples[0]?.height, samples };
  } finally {
    await api.dispose();
    worker.terminate();
  }
}

/** One photo's observation from scratch. */
async function observePhoto({ photo, maxFaces, backend = 'wasm' }) {
  const { api, worker } = await startWorker({ backend, ...(maxFaces ? { maxFaces } : {}) });
  try {
    const blob = await (await fetch(`/fixtures/photos/${photo}`)).blob();
    const bitmap = await createImageBitmap(blob);
    return summarise(await api.detect(transfer(bitmap, [bitmap]), 0), true);
  } finally {
    await api.dispose();
    worker.terminate();
  }
}

function summarise(observation, withLandmarks) {
  return {
    t: observation.t,
    width: observation.width,
    height: observation.height,
    otherFaces: observation.otherFaces,
    faces: observation.faces.map((face) => ({
      box: face.box,
      score: face.score,
      measures: face.measures,
      ...(withLandmarks ? { landmarks: Array.from(face.landmarks, (v) => Math.round(v * 100) / 100) } : {}),
    })),
  };
}

/**
 * Runs a whole check with the built element (consent already given) on this browser's camera, and
 * resolves with its token, or rejects with the fail or error event's detail.
 */
async function elementCheck(challenge) {
  await import('/dist/face-liveness.js');
  const element = document.createElement('face-liveness');
  element.setAttribute('no-voice', '');
  element.setAttribute('consented', '');
  element.challenge = challenge;
  document.body.append(element);
  const outcome = new Promise((resolve, reject) => {
    element.addEventListener('liveness-success', (event) => resolve(event.detail.token));
    for (const type of ['liveness-fail', 'liveness-error']) {
      element.addEventListener(type, (event) => reject(new Error(`${type}: ${JSON.stringify(event.detail)}`)));
    }
  });
  await element.start();
  try {
    return await outcome;
  } finally {
    element.remove();
  }
}

window.harness = { bench, trace, observePhoto, elementCheck };
