import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { jpegSize } from '../../src/server/jpeg.js';
import { FIXTURE_PHOTOS, fixtureJpeg, fixturePhoto } from './helpers.js';

const DIRECTORIES = [fileURLToPath(new URL('./fixtures/', import.meta.url)), FIXTURE_PHOTOS];
const REAL_JPEGS = DIRECTORIES.flatMap((directory) =>
  readdirSync(directory)
    .filter((name) => name.endsWith('.jpg'))
    .map((name) => join(directory, name)),
);

/** What ffprobe, an independent decoder, says the coded size is. */
function ffprobeSize(file: string): { width: number; height: number } {
  const output = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
  const [width, height] = output.toString().trim().split(',').map(Number);
  return { width: width!, height: height! };
}

/** A marker segment: the marker, its two-byte length (which counts itself), its body. */
function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const SOF0_64x48 = segment(0xc0, [8, 0, 48, 0, 64, 1, 1, 0x11, 0]);
const SOS = [...segment(0xda, [1, 1, 0, 0, 0x3f, 0]), 0x12, 0x34];
const jpegOf = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe('jpegSize', () => {
  it('reads the size ffprobe reports from every real JPEG fixture, baseline and progressive', () => {
    assert.ok(REAL_JPEGS.length >= 13);
    for (const file of REAL_JPEGS) assert.deepEqual(jpegSize(readFileSync(file)), ffprobeSize(file), file);
  });

  it('reads a minimal header chain, fill bytes and restart markers included', () => {
    assert.deepEqual(jpegSize(jpegOf(SOI, SOF0_64x48, SOS, EOI)), { width: 64, height: 48 });
    assert.deepEqual(jpegSize(jpegOf(SOI, [0xff, 0xff], SOF0_64x48, [0xff, 0xd0], SOS, EOI)), { width: 64, height: 48 });
  });

  it('refuses files that are not whole baseline or progressive JPEGs', () => {
    const real = fixtureJpeg('frontal');
    const cases: Record<string, Uint8Array> = {
      empty: new Uint8Array(),
      'SOI and EOI only': jpegOf(SOI, EOI),
      'no SOI': real.subarray(2),
      'no EOI': real.subarray(0, -2),
      'cut in the headers': Uint8Array.from([...real.subarray(0, 300), ...EOI]),
      'scan before the frame header': jpegOf(SOI, SOS, SOF0_64x48, EOI),
      'no scan': jpegOf(SOI, SOF0_64x48, EOI),
      'two frame headers': jpegOf(SOI, SOF0_64x48, SOF0_64x48, SOS, EOI),
      'lossless frame (SOF3)': jpegOf(SOI, segment(0xc3, [8, 0, 48, 0, 64, 1, 1, 0x11, 0]), SOS, EOI),
      'height left to a DNL marker': jpegOf(SOI, segment(0xc0, [8, 0, 0, 0, 64, 1, 1, 0x11, 0]), SOS, EOI),
      'frame header too short': jpegOf(SOI, segment(0xc0, [8, 0, 48, 0]), SOS, EOI),
      'segment length past the end': jpegOf(SOI, [0xff, 0xe0, 0x7f, 0xff], EOI),
      'segment length below 2': jpegOf(SOI, [0xff, 0xe0, 0x00, 0x01], SOF0_64x48, SOS, EOI),
      'garbage between segments': jpegOf(SOI, [0x00], SOF0_64x48, SOS, EOI),
      'a second SOI': jpegOf(SOI, SOI, SOF0_64x48, SOS, EOI),
      'a PNG file': fixturePhoto('no-face-coffee.png'),
    };
    for (const [name, bytes] of Object.entries(cases)) assert.equal(jpegSize(bytes), null, name);
  });
});
