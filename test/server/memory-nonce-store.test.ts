import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { MemoryNonceStore } from '../../src/server/index.js';
import { StoreFullError } from '../../src/server/nonce-store.js';

describe('MemoryNonceStore', () => {
  it('consumes a nonce once, and each nonce on its own', async () => {
    const store = new MemoryNonceStore();
    assert.equal(await store.consume('a', 60), true);
    assert.equal(await store.consume('a', 60), false);
    assert.equal(await store.consume('b', 60), true);
  });

  it('lets exactly one of 50 concurrent consumers win', async () => {
    const store = new MemoryNonceStore();
    const wins = await Promise.all(Array.from({ length: 50 }, () => store.consume('n', 60)));
    assert.equal(wins.filter(Boolean).length, 1);
  });

  it('forgets a nonce when its time is up', async () => {
    const store = new MemoryNonceStore();
    assert.equal(await store.consume('n', 0.05), true);
    assert.equal(await store.consume('n', 0.05), false);
    await sleep(80);
    assert.equal(await store.consume('n', 0.05), true);
  });

  it('when full of live nonces, refuses new ones (store-full) and forgets none', async () => {
    const store = new MemoryNonceStore({ maxEntries: 3 });
    for (const nonce of ['a', 'b', 'c']) assert.equal(await store.consume(nonce, 60), true);
    await assert.rejects(store.consume('d', 60), (error: unknown) => error instanceof StoreFullError && error.code === 'store-full');
    assert.equal(store.size, 3);
    for (const nonce of ['a', 'b', 'c']) assert.equal(await store.consume(nonce, 60), false, `${nonce} is still used`);
  });

  it('makes room by sweeping expired nonces only', async () => {
    const store = new MemoryNonceStore({ maxEntries: 3 });
    await store.consume('old-live', 60);
    await store.consume('short-1', 0.05);
    await store.consume('short-2', 0.05);
    await sleep(80);
    await store.consume('new', 60);
    assert.equal(store.size, 2);
    assert.equal(await store.consume('old-live', 60), false, 'the oldest, still live, was kept');
  });

  it('a flood of 100,000 genuine consumes, then the replay of the first: refused', async () => {
    const store = new MemoryNonceStore();
    for (let i = 0; i < 100_000; i++) assert.ok(await store.consume(`flood-${i}`, 300));
    assert.equal(await store.consume('flood-0', 300), false);
    await assert.rejects(store.consume('one-more', 300), StoreFullError);
    assert.equal(await store.consume('flood-0', 300), false);
  });

  it('throws a TypeError for invalid arguments', async () => {
    assert.throws(() => new MemoryNonceStore({ maxEntries: 0 }), TypeError);
    assert.throws(() => new MemoryNonceStore({ maxEntries: 1.5 }), TypeError);
    assert.throws(() => new MemoryNonceStore({ maxFingerprints: 0 }), TypeError);
    const store = new MemoryNonceStore();
    for (const [nonce, ttl] of [['', 1], [1, 1], ['n', 0], ['n', -1], ['n', Number.NaN], ['n', '1']]) {
      await assert.rejects(store.consume(nonce as string, ttl as number), TypeError);
    }
  });
});
