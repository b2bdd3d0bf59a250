/**
 * The evidence-fingerprint contract of both nonce stores (memory, and a real redis-server), with random
 * fingerprints: a store test needs no faces. Then Redis going away mid-run: verifyToken fails closed with
 * `store-unavailable`, never throwing, and recovers when Redis is back.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { MemoryNonceStore, RedisNonceStore, verifyToken, type NonceStore } from '../../src/server/index.js';
import { SECRET, genuineToken } from './helpers.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

const fingerprint = () => randomBytes(32).toString('hex');
/** `base` with `bits` of its bits flipped, spread over the whole fingerprint. */
function flipped(base: string, bits: number): string {
  const bytes = Buffer.from(base, 'hex');
  for (let i = 0; i < bits; i++) bytes[(i * 7) % 32]! ^= 1 << (i % 8);
  return bytes.toString('hex');
}

function evidenceContract(name: string, makeStore: () => Promise<NonceStore>): void {
  describe(`${name}: recordEvidence`, () => {
    it('records new frames, then refuses them again, exactly or within the distance', async () => {
      const store = await makeStore();
      const frames = [fingerprint(), fingerprint(), fingerprint(), fingerprint()];
      assert.equal(await store.recordEvidence(frames, 60, 3, 3), true);
      assert.equal(await store.recordEvidence(frames, 60, 3, 3), false, 'the same frames');
      assert.equal(await store.recordEvidence(frames.map((f) => flipped(f, 3)), 60, 3, 3), false, 'each 3 bits away');
      assert.equal(await store.recordEvidence(frames.map((f) => flipped(f, 10)), 60, 15, 3), false, 'each 10 bits away, within 15');
    });

    it('accepts frames farther than the distance, and captures sharing fewer frames than the minimum', async () => {
      const store = await makeStore();
      const frames = [fingerprint(), fingerprint(), fingerprint(), fingerprint()];
      assert.equal(await store.recordEvidence(frames, 60, 3, 3), true);
      assert.equal(await store.recordEvidence(frames.map((f) => flipped(f, 40)), 60, 15, 3), true, '40 bits away');
      assert.equal(await store.recordEvidence([frames[0]!, frames[1]!, fingerprint(), fingerprint()], 60, 3, 3), true, 'two old of four');
    });

    it('forgets fingerprints after their time', async () => {
      const store = await makeStore();
      const frames = [fingerprint()];
      assert.equal(await store.recordEvidence(frames, 1, 3, 1), true);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal(await store.recordEvidence(frames, 60, 3, 1), true);
    });

    it('of 20 concurrent replays of one capture, exactly one is recorded', async () => {
      const store = await makeStore();
      const frames = [fingerprint(), fingerprint()];
      const results = await Promise.all(Array.from({ length: 20 }, () => store.recordEvidence(frames, 60, 3, 2)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('refuses arguments it cannot judge', async () => {
      const store = await makeStore();
      for (const args of [[['abc'], 60, 3, 1], [[fingerprint().toUpperCase()], 60, 3, 1], [[fingerprint()], 0, 3, 1], [[fingerprint()], 60, 16, 1], [[fingerprint()], 60, 3, 0]]) {
        await assert.rejects(store.recordEvidence(...(args as [string[], number, number, number])), TypeError, JSON.stringify(args));
      }
    });
  });
}

evidenceContract('MemoryNonceStore', async () => new MemoryNonceStore());

let server: RedisServer;
let client: ReturnType<typeof createClient>;
before(async () => {
  server = await startRedisServer();
  // No reconnect delay to speak of, and no offline queue: commands while Redis is down fail at once.
  client = createClient({ socket: { host: '127.0.0.1', port: server.port, reconnectStrategy: () => 100 }, disableOfflineQueue: true });
  client.on('error', () => {}); // reconnection errors while the server is stopped are expected
  await client.connect();
});
after(async () => {
  await client.close().catch(() => {});
  await server.stop();
});

evidenceContract('RedisNonceStore', async () => new RedisNonceStore(client, { prefix: `test-${randomBytes(4).toString('hex')}:` }));

describe('RedisNonceStore when Redis goes away', () => {
  it('fails closed with store-unavailable, never throwing, and recovers after a restart', async () => {
    const store = new RedisNonceStore(client, { timeoutMs: 500 });
    const verify = async () => verifyToken((await genuineToken()).token, { secret: SECRET, analyzer: false, store });
    assert.deepEqual((await verify()).errorCodes, []);
    await server.stop();
    const down = await verify();
    assert.deepEqual(down, { ...down, success: false, errorCodes: ['store-unavailable'] });
    await assert.rejects(store.recordEvidence([fingerprint()], 60, 3, 1));
    server = await startRedisServer(server.port);
    const deadline = Date.now() + 10_000;
    while (!client.isReady && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual((await verify()).errorCodes, []);
  });
});
