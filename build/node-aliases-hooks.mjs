const unused = new URL('./mediapipe-unused.js', import.meta.url).href;
const ALIASED = new Set(['@mediapipe/face_mesh', '@mediapipe/face_detection']);

export async function resolve(specifier, context, nextResolve) {
  if (ALIASED.has(specifier)) return { url: unused, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
