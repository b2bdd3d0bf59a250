// Wires the demo's settings to the element and logs its events.
const check = document.getElementById('check');
const settings = document.getElementById('settings');
const log = document.getElementById('log');

function record(type, detail) {
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time} ${type} ${detail === undefined ? '' : JSON.stringify(detail)}`;
  log.prepend(item);
}

for (const type of ['liveness-ready', 'liveness-progress', 'liveness-success', 'liveness-fail', 'liveness-error']) {
  check.addEventListener(type, (event) => record(type, event.detail));
}

settings.addEventListener('change', () => {
  const data = new FormData(settings);
  check.lang = data.get('lang');
  document.documentElement.lang = data.get('lang');
  check.camera = data.get('camera');
  check.requestUpdate();
});
