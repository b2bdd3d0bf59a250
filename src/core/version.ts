declare const __FACE_LIVENESS_VERSION__: string | undefined;

/** The SDK version, stamped at build time; the worker reports its own and a mismatch is an error. */
export const VERSION: string =
  typeof __FACE_LIVENESS_VERSION__ === 'string' ? __FACE_LIVENESS_VERSION__ : '0.0.0-dev';
