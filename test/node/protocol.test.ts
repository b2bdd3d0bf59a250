import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FACE_COUNT_EVERY, DEFAULT_MAX_FACES, validateDetectorOptions } from '../../src/core/protocol.js';

describe('validateDetectorOptions', () => {
  it('returns a new, completed object', () => {
    const options = { assetsUrl: 'https://portal.example/face-liveness/', version: '1.0.0' };
    const complete = validateDetectorOptions(options);
    assert.notEqual(complete, options);
    assert.deepEqual(complete, { ...options, backend: undefined, maxFaces: DEFAULT_MAX_FACES, faceCountEvery: DEFAULT_FACE_COUNT_EVERY });
  });

  it('rejects misuse with a TypeError', () => {
    const base = { assetsUrl: 'https://portal.example/a/', version: '1' };
    assert.throws(() => validateDetectorOptions({ ...base, assetsUrl: 'https://portal.example/a' }), TypeError);
    assert.throws(() => validateDetectorOptions({ ...base, backend: 'webgpu' as never }), TypeError);
    assert.throws(() => validateDetectorOptions({ ...base, maxFaces: 0 }), TypeError);
    assert.throws(() => validateDetectorOptions({ ...base, maxFaces: 1.5 }), TypeError);
    assert.throws(() => validateDetectorOptions({ ...base, faceCountEvery: 0 }), TypeError);
  });
});
