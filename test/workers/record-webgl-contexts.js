// Imported before the real worker bundle: keeps every WebGL context the worker makes, so a test can lose them
// as a GPU reset does (see lossy-webgl.worker.js).
export const contexts = [];
const getContext = OffscreenCanvas.prototype.getContext;
OffscreenCanvas.prototype.getContext = function (type, ...options) {
  const context = getContext.call(this, type, ...options);
  if (context && type.startsWith('webgl')) contexts.push(context);
  return context;
};
