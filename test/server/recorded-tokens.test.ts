/**
 * Genuine tokens recorded from real end-to-end checks (`npm run tokens`: the built element in headless
 * Chromium, a fixture clip as the camera, a server challenge): each verifies with the server's own analysis, at
 * the time it was made, every challenged action confirmed. One store for all: different checks are not replays.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { createAnalyzer, MemoryNonceStore, verifyToken, type Analyzer } from '../../src/server/index.js';

const DIR = new URL('../data/tokens/', import.meta.url);
const { secret } = JSON.parse(readFileSync(new URL('secret.json', DIR), 'utf8')) as { secret: string };
const index = JSON.parse(readFileSync(new URL('index.json', DIR), 'utf8')) as { name: string; clip: string; actions: string[]; iat: number }[];

let analyzer: Analyzer;
const store = new MemoryNonceStore();
before(async () => {
  analyzer = await createAnalyzer();
});

describe('recorded genuine tokens', () => {
  for (const { name, clip, actions, iat } of index) {
    it(`${name} (${clip}: ${actions.join(', ')}) verifies, confirmed by the server`, async () => {
      const token = readFileSync(new URL(`${name}.jws`, DIR), 'utf8').trim();
      const result = await verifyToken(token, { secret, analyzer, store, now: new Date(iat * 1000) });
      assert.deepEqual(result.errorCodes, []);
      assert.deepEqual(result.analysis!.actions.map((a) => [a.action, a.confirmed]), actions.map((action) => [action, true]));
      assert.ok(result.analysis!.identity.minLink! >= result.analysis!.identity.threshold);
      assert.ok(token.length < 400_000);
    });
  }
});
