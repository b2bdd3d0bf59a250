import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { createClient } from 'redis';
import { RedisNonceStore, verifyToken, type RedisCommandClient } from '../../src/server/index.js';
import { SECRET, genuineToken } from './helpers.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

type Client = ReturnType<typeof createClient>;

describe('RedisNonceStore against a real redis-server', () => {
  /** Five connections, as five server instances would have. */
  let clients: Client[] = [];
  let server: RedisServer | undefined;
  // Started by the first test that needs it: if redis-server cannot start, every test fails with the reason.
  let started: Promise<Client[]> | undefined;
  const connected = () =>
    (started ??= startRedisServer().then(async (running) => {
      server = running;
      clients = Array.from({ length: 5 }, () => createClient({ socket: { host: '127.0.0.1', port: running.port } }));
      await Promise.all(clients.map((client) => client.connect()));
      return clients;
    }));

  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server?.stop();
  });

  const nonce = () => `nonce-${crypto.randomUUID()}`;

  it('consumes a nonce once, under the prefix, for the ttl', async () => {
    const clients = await connected();
    const store = new RedisNonceStore(clients[0]!);
    const used = nonce();
    assert.equal(await store.consume(used, 60), true);
    assert.equal(await store.consume(used, 60), false);
    assert.equal(await clients[1]!.get(`face-liveness:nonce:${used}`), '1');
    const ttl = await clients[1]!.ttl(`face-liveness:nonce:${used}`);
    assert.ok(ttl > 0 && ttl <= 60, String(ttl));
  });

  it('keeps nonces under a custom prefix apart from the default one', async () => {
    const clients = await connected();
    const shared = nonce();
    assert.equal(await new RedisNonceStore(clients[0]!, { prefix: 'portal-a:' }).consume(shared, 60), true);
    assert.equal(await new RedisNonceStore(clients[0]!).consume(shared, 60), true);
    assert.equal(await clients[0]!.exists(`portal-a:${shared}`), 1);
  });

  it('lets exactly one of 50 parallel consumers on 5 connections win, for each of 5 nonces', async () => {
    const stores = (await connected()).map((client) => new RedisNonceStore(client));
    const nonces = Array.from({ length: 5 }, nonce);
    const attempts = nonces.flatMap((each) =>
      Array.from({ length: 50 }, (_, i) => stores[i % stores.length]!.consume(each, 60).then((won) => ({ each, won }))),
    );
    const results = await Promise.all(attempts);
    for (const each of nonces) {
      assert.equal(results.filter((result) => result.each === each && result.won).length, 1, each);
    }
  });

  it('forgets a nonce after its ttl of 1 s', async () => {
    const clients = await connected();
    const store = new RedisNonceStore(clients[0]!);
    const used = nonce();
    assert.equal(await store.consume(used, 1), true);
    assert.equal(await store.consume(used, 1), false);
    await sleep(1200);
    assert.equal(await store.consume(used, 1), true);
  });

  it('rounds a fractional ttl up to whole seconds', async () => {
    const clients = await connected();
    const store = new RedisNonceStore(clients[0]!);
    const used = nonce();
    await store.consume(used, 0.2);
    assert.equal(await clients[0]!.ttl(`face-liveness:nonce:${used}`), 1);
  });

  it('lets one of two server instances sharing Redis accept a token sent to both at once', async () => {
    const clients = await connected();
    const { token } = await genuineToken();
    const instances = [new RedisNonceStore(clients[0]!), new RedisNonceStore(clients[1]!)];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => verifyToken(token, { secret: SECRET, analyzer: false, store: instances[i % 2]! })),
    );
    assert.equal(results.filter((result) => result.success).length, 1);
    assert.ok(results.every((result) => result.success || result.errorCodes.join() === 'nonce-replayed'));
  });
});

describe('RedisNonceStore with a client that misbehaves', () => {
  it('rejects on a reply SET NX never gives, and passes client errors on', async () => {
    const odd: RedisCommandClient = { sendCommand: async () => 'QUEUED' };
    await assert.rejects(new RedisNonceStore(odd).consume('n', 1), /unexpected reply/);
    const down: RedisCommandClient = { sendCommand: () => Promise.reject(new Error('ECONNREFUSED')) };
    await assert.rejects(new RedisNonceStore(down).consume('n', 1), /ECONNREFUSED/);
  });

  it('throws a TypeError for what is not a client, or a bad prefix or argument', async () => {
    assert.throws(() => new RedisNonceStore({} as RedisCommandClient), TypeError);
    const client: RedisCommandClient = { sendCommand: async () => 'OK' };
    assert.throws(() => new RedisNonceStore(client, { prefix: 1 as unknown as string }), TypeError);
    await assert.rejects(new RedisNonceStore(client).consume('n', 0), TypeError);
  });
});
