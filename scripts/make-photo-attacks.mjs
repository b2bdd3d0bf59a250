// Turns fixture photos into short videos of a held-up photo (a flat face moved in front of the
// camera: slid and shaken, tilted left/right and back/forward, rotated and zoomed), so that the
// liveness engine can be tested against the commonest attack with real faces. The clips are derived
// data: they are regenerated into node_modules/.cache/face-liveness/photo-attacks/, only their traces
// are committed (scripts/record-traces.mjs --photo-attacks).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixturesDir } from './lib/environment.mjs';

export const PHOTO_ATTACK_DIR = resolve('node_modules/.cache/face-liveness/photo-attacks');

const PHOTOS = ['woman-selfie.jpg', 'elderly-man-frontal.jpg', 'man-glasses-frontal.jpg', 'spoof-printed-photo.jpg'];
const SECONDS = 6;

// The photo, fitted into 640×480 on grey, as a held-up print would fill a phone's frame.
const FIT = 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0x808080';
// s rises from 0 to 1 and back every 3 s; the second half of the clip tilts the other way.
const S = '(0.5-0.5*cos(2*PI*on/75))';
const FIRST = `lt(on\\,75)`;

const MOTIONS = {
  slide: `${FIT},scale=800:600,crop=640:480:x='80+80*sin(2*PI*t/2.5)':y='60+50*sin(2*PI*t/1.7)'`,
  // Perspective: the right (then left) edge of the picture recedes, as a print turned about its vertical axis.
  'tilt-yaw': `${FIT},perspective=sense=destination:eval=frame:` +
    `x0='if(${FIRST},0,0.4*W*${S})':y0='if(${FIRST},0,0.2*H*${S})':` +
    `x1='if(${FIRST},W-0.4*W*${S},W)':y1='if(${FIRST},0.2*H*${S},0)':` +
    `x2='if(${FIRST},0,0.4*W*${S})':y2='if(${FIRST},H,H-0.2*H*${S})':` +
    `x3='if(${FIRST},W-0.4*W*${S},W)':y3='if(${FIRST},H-0.2*H*${S},H)'`,
  // The top (then bottom) edge recedes, as a print tilted back and forward.
  'tilt-pitch': `${FIT},perspective=sense=destination:eval=frame:` +
    `x0='if(${FIRST},0.14*W*${S},0)':y0='if(${FIRST},0.28*H*${S},0)':` +
    `x1='if(${FIRST},W-0.14*W*${S},W)':y1='if(${FIRST},0.28*H*${S},0)':` +
    `x2='if(${FIRST},0,0.14*W*${S})':y2='if(${FIRST},H,H-0.28*H*${S})':` +
    `x3='if(${FIRST},W,W-0.14*W*${S})':y3='if(${FIRST},H,H-0.28*H*${S})'`,
  'rotate-zoom': `${FIT},rotate='0.25*sin(2*PI*t/3)':fillcolor=0x808080,scale=w='trunc(640*(1.15+0.15*sin(2*PI*t/2))/2)*2':h=-2:eval=frame,crop=640:480`,
};

export function photoAttackNames() {
  return PHOTOS.flatMap((photo) => Object.keys(MOTIONS).map((motion) => `${photo.replace(/\.\w+$/, '')}-${motion}.mp4`));
}

export function makePhotoAttacks({ force = false } = {}) {
  mkdirSync(PHOTO_ATTACK_DIR, { recursive: true });
  for (const photo of PHOTOS) {
    for (const [motion, filter] of Object.entries(MOTIONS)) {
      const target = join(PHOTO_ATTACK_DIR, `${photo.replace(/\.\w+$/, '')}-${motion}.mp4`);
      if (existsSync(target) && !force) continue;
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-framerate', '25', '-i', join(fixturesDir(), 'photos', photo),
        '-t', String(SECONDS), '-vf', `${filter},format=yuv420p`, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', target]);
      console.log(`made ${target}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) makePhotoAttacks({ force: process.argv.includes('--force') });
