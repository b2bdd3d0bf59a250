import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODEL_HUBS } from '../../build/no-model-hubs.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

function builtScripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtScripts(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

describe('the built bundles (dist/, as npm test builds them)', () => {
  it('recognise a model hub or CDN address when one is there', () => {
    for (const url of ['https://tfhub.dev/mediapipe/tfjs-model/face_mesh/1', 'https://cdn.jsdelivr.net/npm/@mediapipe/face_mesh', 'https://www.kaggle.com/models/x']) {
      assert.match(url, new RegExp(MODEL_HUBS.source));
    }
  });

  it('name no model hub or CDN, in any file the browser or the server loads', () => {
    const scripts = builtScripts(DIST);
    assert.ok(scripts.some((file) => file.endsWith('face-liveness.worker.js')), 'the worker was built');
    const found = scripts.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(MODEL_HUBS)].map((match) => `${file.slice(DIST.length)}: ${match[0]}`));
    assert.deepEqual(found, []);
  });
});
