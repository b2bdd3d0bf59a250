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

/**
 * The camera of one element: the stream it opened itself (stopped on release) or the host's (only
 * detached), shown in the element's video.
 */
export class CameraHandle {
  private own: MediaStream | null = null;

  /** The host's stream if it gave one, else the camera, opened once and reused until {@link release}. */
  async open(hostStream: MediaStream | undefined, facing: CameraFacing): Promise<MediaStream> {
    if (hostStream) return hostStream;
    this.own ??= await openCamera(facing);
    return this.own;
  }

  /**
   * Plays `stream` in `video`; `onEnded` is told when its track ends (unplugged, taken by another app) until
   * `signal` aborts.
   * @throws FaceLivenessError `camera-ended` when the picture cannot be shown.
   */
  async show(video: HTMLVideoElement, stream: MediaStream, onEnded: () => void, signal: AbortSignal): Promise<void> {
    if (video.srcObject !== stream) video.srcObject = stream;
    stream.getVideoTracks()[0]?.addEventListener('ended', onEnded, { once: true, signal });
    try {
      await video.play();
    } catch (error) {
      throw new FaceLivenessError('camera-ended', `The camera picture could not be shown: ${String(error)}`, { cause: error });
    }
  }

  /** Stops the camera it opened (the light goes off) and empties `video`. */
  release(video: HTMLVideoElement | null): void {
    stopStream(this.own);
    this.own = null;
    if (video) video.srcObject = null;
  }
}
