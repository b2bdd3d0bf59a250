// npm run soak: 30 consecutive checks in one page with Chromium's fake camera (successes, failures and
// stops mixed), and after each the page's JS heap (after a forced GC), its event listeners, the detector
// worker's tensors, live workers and open camera tracks, against the figures after the first check.
// Prints a markdown table; exits 1 if a count grew. Not a timed test.
import { fakeCameraFile } from './lib/environment.mjs';
import { withHarnessPage } from './lib/harness.mjs';

const CHECKS = 30;
/** The kinds of check, in turn: a blink the fake camera's man gives; a turn he never makes; a stop midway. */
const KINDS = ['success', 'fail', 'stop'];

// Runs in the page before any script: notes every worker and camera stream the element makes.
function installSpies() {
  const NativeWorker = window.Worker;
  window.__workers = [];
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      const entry = { worker: this, terminated: false };
      window.__workers.push(entry);
      const terminate = this.terminate.bind(this);
      this.terminate = () => {
        entry.terminated = true;
        terminate();
      };
    }
  };
  window.__streams = [];
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    window.__streams.push(stream);
    return stream;
  };
}

async function runCheck(page, kind) {
  return page.evaluate(async (kind) => {
    const element = document.getElementById('check');
    element.actions = kind === 'success' ? 'blink' : 'turn-left';
    // The man blinks only near the start of his 19.6-s clip, which the fake camera loops.
    element.actionTimeout = kind === 'success' ? 25 : 3;
    const outcome = new Promise((resolve) => {
      const done = (event) => resolve(`${event.type.replace('liveness-', '')}${event.detail.reason ? `:${event.detail.reason}` : ''}${event.detail.code ? `:${event.detail.code}` : ''}`);
      for (const type of ['liveness-success', 'liveness-fail', 'liveness-error']) element.addEventListener(type, done, { once: true, signal: window.__round.signal });
    });
    await element.start();
    if (kind === 'stop') {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      element.stop();
      return 'stopped';
    }
    return outcome;
  }, kind);
}

async function measure(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const counts = await page.evaluate(async () => {
    const { wrap } = await import('/node_modules/comlink/dist/esm/comlink.mjs');
    const live = window.__workers.filter((w) => !w.terminated);
    window.__remotes ??= new Map();
    let tensors = 0;
    for (const { worker } of live) {
      if (!window.__remotes.has(worker)) window.__remotes.set(worker, wrap(worker));
      tensors += (await window.__remotes.get(worker).stats()).numTensors;
    }
    const tracks = window.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState !== 'ended').length;
    return { workers: live.length, tensors, tracks };
  });
  return { heapMB: metric('JSHeapUsedSize') / 2 ** 20, listeners: metric('JSEventListeners'), nodes: metric('Nodes'), ...counts };
}

await withHarnessPage(
  async (page) => {
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await page.evaluate(installSpies);
    await page.evaluate(async () => {
      await import('/dist/face-liveness.js');
      const element = document.createElement('face-liveness');
      element.id = 'check';
      for (const [name, value] of Object.entries({ consented: '', 'no-voice': '', lang: 'en', 'action-count': '1', 'max-attempts': '1000' })) element.setAttribute(name, value);
      const ready = new Promise((resolve) => element.addEventListener('liveness-ready', resolve, { once: true }));
      document.body.append(element);
      await ready;
    });
    // The script's own comlink handle on the worker adds a listener: made before anything is counted.
    await measure(page, cdp);
    const rows = [];
    /** Each kind of check leaves its own screen (and its buttons' listeners): compared with its first. */
    const baseline = {};
    for (let i = 0; i < CHECKS; i++) {
      const kind = KINDS[i % KINDS.length];
      await page.evaluate(() => (window.__round = new AbortController()));
      const outcome = await runCheck(page, kind);
      // Listeners of this round's outcome promise are the script's own, not the element's.
      await page.evaluate(() => window.__round.abort());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const figures = await measure(page, cdp);
      baseline[kind] ??= figures;
      rows.push({ check: i + 1, kind, outcome, ...figures });
      console.error(`${i + 1}/${CHECKS} ${kind} → ${outcome}`);
    }
    const fmt = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
    console.log('| # | kind | outcome | JS heap MB | listeners | DOM nodes | workers | tensors | open tracks |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.check} | ${r.kind} | ${r.outcome} | ${fmt(r.heapMB)} | ${r.listeners} | ${r.nodes} | ${r.workers} | ${r.tensors} | ${r.tracks} |`);
    const [first, last] = [rows[0], rows.at(-1)];
    const grew = ['listeners', 'workers', 'tensors', 'tracks'].filter((key) => rows.some((r) => r[key] > baseline[r.kind][key]));
    console.log(`\nAfter check 1 → after check ${CHECKS}: heap ${fmt(first.heapMB)} → ${fmt(last.heapMB)} MB (max ${fmt(Math.max(...rows.map((r) => r.heapMB)))}); ` +
      `workers ${first.workers} → ${last.workers}, tensors ${first.tensors} → ${last.tensors}, open tracks ${first.tracks} → ${last.tracks}; ` +
      `listeners after each kind's first and last check: ${KINDS.map((k) => `${k} ${baseline[k].listeners} → ${rows.filter((r) => r.kind === k).at(-1).listeners}`).join(', ')}.`);
    if (grew.length) {
      console.log(`Grew: ${grew.join(', ')}`);
      process.exitCode = 1;
    }
  },
  {
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile('blink-man-glasses.mp4')}`],
  },
);
