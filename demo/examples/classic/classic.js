// A page of classic scripts: listen on the element, post its token to the server, show the server's verdict.
var verdict = document.getElementById('verdict');
document.getElementById('version').textContent = 'face-liveness ' + window.FaceLiveness.VERSION;

document.querySelector('face-liveness').addEventListener('liveness-success', function (event) {
  fetch('/api/liveness/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: event.detail.token }),
  })
    .then(function (response) { return response.json(); })
    .then(function (result) {
      verdict.dataset.success = String(result.success);
      verdict.textContent = result.success ? '认证通过' : '未通过：' + result.errorCodes.join(', ');
    });
});
