import { FaceLivenessError } from '../core/errors.js';

/** Which camera to ask for: the person's own (`user`) or the rear one, for a helper holding the phone. */
export type CameraFacing = 'user' | 'environment';

/**
 * Opens the camera at a size the detector works well with. The facing mode is only `ideal`, so a
 * laptop with a single camera still opens it.
 * @throws FaceLivenessError `unsupported-browser`, `camera-denied`, `camera-not-found`, `camera-in-use`
 */
export async function openCamera(facing: CameraFacing): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new FaceLivenessError('unsupported-browser', 'This browser cannot open the camera (no getUserMedia; the page must be served over HTTPS)');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        facingMode: { ideal: facing },
        width: { ideal: 640 },
        height: { ideal: 480 },
        frameRate: { ideal: 15, max: 30 },
      },
    });
  } catch (error) {
    throw cameraError(error);
  }
}

/** Maps getUserMedia's DOMException names onto error codes. */
export function cameraError(error: unknown): FaceLivenessError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new FaceLivenessError('camera-denied', `Camera access was refused: ${message}`, { cause: error });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new FaceLivenessError('camera-not-found', `No usable camera was found: ${message}`, { cause: error });
    case 'NotReadableError':
    case 'AbortError':
      return new FaceLivenessError('camera-in-use', `The camera could not be started: ${message}`, { cause: error });
    default:
      return new FaceLivenessError('unsupported-browser', `The camera could not be opened: ${message}`, { cause: error });
  }
}

/** Stops every track, which turns the camera light off. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
