import type { Observation } from '../core/protocol.js';

/**
 * Draws each face's box and landmarks onto `canvas`, sized to the analysed frame so that the same
 * CSS (object-fit, mirroring) lays it exactly over the video.
 */
export function drawObservation(canvas: HTMLCanvasElement, observation: Observation, color: string): void {
  if (canvas.width !== observation.width) canvas.width = observation.width;
  if (canvas.height !== observation.height) canvas.height = observation.height;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  const unit = Math.max(1, observation.width / 320);
  context.strokeStyle = color;
  context.fillStyle = color;
  context.lineWidth = 2 * unit;
  for (const face of observation.faces) {
    context.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    const { landmarks } = face;
    for (let i = 0; i < landmarks.length; i += 3) {
      context.fillRect(landmarks[i]! - unit / 2, landmarks[i + 1]! - unit / 2, unit, unit);
    }
  }
}

export function clearOverlay(canvas: HTMLCanvasElement): void {
  canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
