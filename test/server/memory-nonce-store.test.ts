import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { MemoryNonceStore } from '../../src/server/index.js';

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

  it('keeps at most maxEntries, evicting the oldest when none has expired', async () => {
    const store = new MemoryNonceStore({ maxEntries: 3 });
    for (const nonce of ['a', 'b', 'c', 'd']) assert.equal(await store.consume(nonce, 60), true);
    assert.equal(store.size, 3);
    assert.equal(await store.consume('b', 60), false);
    assert.equal(await store.consume('a', 60), true, 'a, the oldest, was evicted');
  });

  it('evicts expired nonces before the oldest live one', async () => {
    const store = new MemoryNonceStore({ maxEntries: 3 });
    await store.consume('old-live', 60);
    await store.consume('short-1', 0.05);
    await store.consume('short-2', 0.05);
    await sleep(80);
    await store.consume('new', 60);
    assert.equal(store.size, 2);
    assert.equal(await store.consume('old-live', 60), false, 'the oldest, still live, was kept');
  });

  it('sweeps again when a later nonce expires sooner than the ones seen at the last sweep', async () => {
    const store = new MemoryNonceStore({ maxEntries: 2 });
    await store.consume('long-1', 60);
    await store.consume('long-2', 60);
    await store.consume('long-3', 60); // full, nothing expired: long-1 goes
    await store.consume('short', 0.05); // long-2 goes
    await sleep(80);
    await store.consume('new', 60); // short has expired: it goes, long-3 stays
    assert.equal(await store.consume('long-3', 60), false);
  });

  it('throws a TypeError for invalid arguments', async () => {
    assert.throws(() => new MemoryNonceStore({ maxEntries: 0 }), TypeError);
    assert.throws(() => new MemoryNonceStore({ maxEntries: 1.5 }), TypeError);
    const store = new MemoryNonceStore();
    for (const [nonce, ttl] of [['', 1], [1, 1], ['n', 0], ['n', -1], ['n', Number.NaN], ['n', '1']]) {
      await assert.rejects(store.consume(nonce as string, ttl as number), TypeError);
    }
  });
});
