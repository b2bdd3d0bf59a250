// Wires the demo's settings to the element, logs its events, decodes the signed payload after a success
// and, in server mode, has the demo server verify it (what a portal's backend does).
const check = document.getElementById('check');
const settings = document.getElementById('settings');
const log = document.getElementById('log');
const payload = document.getElementById('payload');

function record(type, detail) {
  const item = document.createElement('li');
  const shown = detail?.token ? { ...detail, token: `${detail.token.slice(0, 32)}… (${detail.token.length} characters)` } : detail;
  item.textContent = `${new Date().toLocaleTimeString()} ${type} ${shown === undefined ? '' : JSON.stringify(shown)}`;
  log.prepend(item);
}

function decodeSegment(segment) {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

function showPayload(token) {
  const [header, body] = token.split('.');
  const claims = decodeSegment(body);
  document.getElementById('header').textContent = JSON.stringify(decodeSegment(header), null, 2);
  const short = (frame) => ({ ...frame, jpeg: `${frame.jpeg.slice(0, 24)}… (${frame.jpeg.length} base64 characters)` });
  const { frontal, actions } = claims.evidence;
  const shortened = { ...claims, evidence: { frontal: short(frontal), actions: actions.map((burst) => ({ ...burst, frames: burst.frames.map(short) })) } };
  document.getElementById('claims').textContent = JSON.stringify(shortened, null, 2);
  const labelled = [{ label: 'frontal', frame: frontal }, ...actions.flatMap(({ action, frames }) => frames.map((frame, i) => ({ label: `${action} ${i + 1}/${frames.length}`, frame })))];
  document.getElementById('evidence').replaceChildren(
    ...labelled.map(({ label, frame }) => {
      const figure = document.createElement('figure');
      const image = new Image(frame.width, frame.height);
      image.src = `data:image/jpeg;base64,${frame.jpeg}`;
      image.alt = `evidence: ${label}`;
      const caption = document.createElement('figcaption');
      caption.textContent = label;
      figure.append(image, caption);
      return figure;
    }),
  );
  payload.hidden = false;
}

async function verify(token) {
  const output = document.getElementById('verification');
  if (!check.hasAttribute('challenge-url')) {
    output.textContent = 'Local mode: no server challenge, so there is nothing for a server to verify. Switch to server mode.';
    return;
  }
  output.textContent = 'POST /api/liveness/verify …';
  const response = await fetch('/api/liveness/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  output.textContent = JSON.stringify(await response.json(), null, 2);
}

for (const type of ['liveness-ready', 'liveness-progress', 'liveness-success', 'liveness-fail', 'liveness-error']) {
  check.addEventListener(type, (event) => record(type, event.detail));
}
check.addEventListener('liveness-success', (event) => {
  showPayload(event.detail.token);
  void verify(event.detail.token);
});

settings.addEventListener('change', () => {
  const data = new FormData(settings);
  document.documentElement.lang = data.get('lang');
  check.lang = data.get('lang');
  check.camera = data.get('camera');
  check.showLandmarks = data.get('landmarks') === 'on';
  // The tester's choice of actions: the element's pool in local mode, a request to the demo server in server mode.
  const actions = data.getAll('actions');
  const count = Math.min(Number(data.get('count')), actions.length || 5);
  check.actions = actions.join(' ');
  check.actionCount = count;
  const query = actions.length ? `?actions=${actions.join(',')}&count=${count}` : '';
  if (data.get('mode') === 'server') check.setAttribute('challenge-url', `/api/liveness/challenge${query}`);
  else check.removeAttribute('challenge-url');
  payload.hidden = true;
  check.reset();
  check.requestUpdate();
});

// How the check runs on this device, live (the element's `stats`).
setInterval(() => {
  const { backend, frames, dropped, fps, frameMs } = check.stats;
  if (!frames) return;
  document.getElementById('stats').textContent =
    `${backend}: ${frames} frames, ${dropped} dropped, ${fps.toFixed(1)} fps, ${frameMs.median.toFixed(0)} ms a frame (p95 ${frameMs.p95.toFixed(0)})`;
}, 500);
