// Where the tests, the benchmark and the trace script find Chromium, the fixtures and ffmpeg, with
// one clear line (not a stack trace) when something is missing.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function missing(message) {
  console.error(message);
  process.exit(1);
}

/** Chromium's path: $CHROME_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  const path = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    missing(`Chromium not found at ${path}: install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chrome or Chromium binary.`);
  }
  return path;
}

/** Flags for headless Chromium as root on a machine with no network and no GPU. */
export function chromiumArgs() {
  return [
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
    // Compositing and raster on SwiftShader cost the GPU process 1.5 of the 2 cores while a camera plays, and the
    // worker got 4 frames a second where a phone's real GPU leaves it the CPU: software compositing gives it 10.
    // WebGL (for the backends' tests) stays on SwiftShader.
    '--disable-gpu-compositing',
    '--disable-gpu-rasterization',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/** The project's real-face fixtures (test/fixtures, with SOURCES.md for their licences). */
export function fixturesDir() {
  const dir = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
  if (!existsSync(join(dir, 'SOURCES.md'))) missing(`Fixtures not found at ${dir}: the clone is incomplete.`);
  return dir;
}

const TYPES = { '.mp4': 'video/mp4', '.jpg': 'image/jpeg', '.png': 'image/png', '.md': 'text/markdown' };

/** The byte range a `Range: bytes=a-b` header asks of a file of `size` bytes, or null for the whole file. */
export function byteRange(header, size) {
  const range = /^bytes=(\d*)-(\d*)$/.exec(header || '');
  if (!range) return null;
  const start = range[1] ? Number(range[1]) : size - Number(range[2]);
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  return { start, end };
}

/** Koa middleware serving the fixtures under /fixtures/ (with byte ranges, which <video> seeks need). */
export function serveFixtures(dir) {
  return async (context, next) => {
    const match = /^\/fixtures\/((?:photos|videos)\/[\w.-]+)$/.exec(context.path);
    if (!match) return next();
    const file = join(dir, match[1]);
    if (!existsSync(file)) return next();
    const size = statSync(file).size;
    const range = byteRange(context.get('range'), size);
    context.set('Accept-Ranges', 'bytes');
    context.type = TYPES[extname(file)] || 'application/octet-stream';
    if (range) {
      const { start, end } = range;
      context.status = 206;
      context.set('Content-Range', `bytes ${start}-${end}/${size}`);
      context.length = end - start + 1;
      context.body = createReadStream(file, { start, end });
    } else {
      context.length = size;
      context.body = createReadStream(file);
    }
  };
}

/**
 * A fixture video (or a derived clip, given by its absolute path) as a file Chromium's fake camera can play
 * (MJPEG, 640×480, 15 fps, the face centred), converted once by ffmpeg into node_modules/.cache. Options: `from` (seconds) starts the file
 * there (the camera loops from there); `shrink` (0–1) shows the picture that much smaller, centred on grey, as
 * the same person seen from further away (a face near the too-small limit).
 */
export function fakeCameraFile(video, { from = 0, shrink = 1 } = {}) {
  const source = isAbsolute(video) ? video : join(fixturesDir(), 'videos', video);
  const cacheDir = resolve('node_modules/.cache/face-liveness');
  const variant = `${from ? `@${from}s` : ''}${shrink !== 1 ? `@x${shrink}` : ''}`;
  const target = join(cacheDir, `${basename(video, extname(video))}${variant}.mjpeg`);
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) return target;
  mkdirSync(cacheDir, { recursive: true });
  const fit = 'scale=640:480:force_original_aspect_ratio=increase,crop=640:480';
  const smaller = shrink !== 1 ? `,scale=trunc(640*${shrink}/2)*2:-2,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0x808080` : '';
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...(from ? ['-ss', String(from)] : []), '-i', source, '-vf',
      `${fit}${smaller},fps=15`, '-q:v', '3', '-f', 'mjpeg', target]);
  } catch (error) {
    missing(`ffmpeg could not convert ${video} for the fake camera (${error.code === 'ENOENT' ? 'ffmpeg is not installed: apt-get install ffmpeg' : error.message}).`);
  }
  return target;
}
