// A page in a mini-program's web-view (WeChat, Alipay, …). Without getUserMedia the element takes a photo
// (passive checks only, `mode: 'photo'` in the claims) and the token goes back to the mini-program, whose
// server decides what it is worth: a photo never passes a server challenge, so send it to manual review.
const element = document.querySelector('face-liveness');
const status = document.querySelector('#handed-back');

/**
 * Hands the token to the mini-program: through the container's bridge when the portal has loaded it (its own
 * copy of the platform's JS-SDK, e.g. `wx.miniProgram`), else to a page that frames this one, on this origin.
 */
function handBack(token) {
  const miniProgram = window.wx?.miniProgram;
  if (miniProgram) {
    miniProgram.postMessage({ data: { type: 'face-liveness-token', token } });
    miniProgram.navigateBack();
  } else {
    window.parent.postMessage({ type: 'face-liveness-token', token }, location.origin);
  }
}

element.addEventListener('liveness-success', (event) => {
  handBack(event.detail.token);
  status.textContent = '照片已提交，请返回小程序';
});
