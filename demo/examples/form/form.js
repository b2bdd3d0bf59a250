// The form is submitted with the standard API: the browser holds it while the required face check has no token,
// and FormData carries the token under the element's name. The demo's endpoint takes JSON only (so that other
// sites' forms cannot post to it), hence fetch; a server of demo/examples/server/ also takes the form as posted.
const form = document.querySelector('#certification');
const verdict = document.querySelector('#verdict');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  const response = await fetch('/api/liveness/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: fields.get('name'), token: fields.get('face-liveness-token') }),
  });
  const { success, errorCodes } = await response.json();
  verdict.dataset.success = String(success);
  verdict.textContent = success ? '认证通过' : `未通过：${errorCodes.join(', ')}`;
});
