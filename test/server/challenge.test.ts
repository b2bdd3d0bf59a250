import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTIONS, type Action, type Challenge } from '../../src/core/challenge.js';
import { hasValidMac } from '../../src/server/challenge.js';
import { createChallenge, type CreateChallengeOptions } from '../../src/server/index.js';
import { SECRET } from './helpers.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** How often each order of actions came out in `draws` challenges. */
function orderCounts(options: Omit<CreateChallengeOptions, 'secret'>, draws: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const order = createChallenge({ secret: SECRET, ...options }).actions.join(' ');
    counts.set(order, (counts.get(order) ?? 0) + 1);
  }
  return counts;
}

function permutations(items: readonly Action[], size: number): string[] {
  if (size === 0) return [''];
  return items.flatMap((item) =>
    permutations(items.filter((other) => other !== item), size - 1).map((rest) => (rest ? `${item} ${rest}` : item)),
  );
}

describe('createChallenge', () => {
  it('draws two distinct actions from all five, with a fresh nonce, id and a 300 s lifetime', () => {
    const before = Math.floor(Date.now() / 1000);
    const challenge = createChallenge({ secret: SECRET });
    const after = Math.floor(Date.now() / 1000);
    assert.equal(challenge.actions.length, 2);
    assert.notEqual(challenge.actions[0], challenge.actions[1]);
    assert.ok(challenge.actions.every((action) => ACTIONS.includes(action)));
    assert.ok(challenge.issuedAt >= before && challenge.issuedAt <= after);
    assert.equal(challenge.expiresAt - challenge.issuedAt, 300);
    assert.match(challenge.nonce, BASE64URL);
    assert.ok(Buffer.from(challenge.nonce, 'base64url').length * 8 >= 128);
    assert.match(challenge.mac!, BASE64URL);
    assert.deepEqual(Object.keys(challenge).sort(), ['actions', 'expiresAt', 'id', 'issuedAt', 'mac', 'nonce']);
  });

  it('never repeats a nonce or an id', () => {
    const challenges = Array.from({ length: 1000 }, () => createChallenge({ secret: SECRET }));
    assert.equal(new Set(challenges.map(({ nonce }) => nonce)).size, 1000);
    assert.equal(new Set(challenges.map(({ id }) => id)).size, 1000);
  });

  it('honours the pool, the count and the lifetime', () => {
    const challenge = createChallenge({ secret: SECRET, actions: ['nod', 'blink', 'turn-left'], count: 3, ttlSeconds: 60 });
    assert.deepEqual([...challenge.actions].sort(), ['blink', 'nod', 'turn-left']);
    assert.equal(challenge.expiresAt - challenge.issuedAt, 60);
    assert.deepEqual(createChallenge({ secret: SECRET, actions: ['mouth-open'], count: 1 }).actions, ['mouth-open']);
  });

  it('draws every order of the pool, none much more often than the others', () => {
    const all = permutations(['blink', 'nod', 'turn-left'], 3);
    const counts = orderCounts({ actions: ['blink', 'nod', 'turn-left'], count: 3 }, 1200);
    assert.deepEqual([...counts.keys()].sort(), all.sort());
    // 200 expected each; ±100 is more than seven standard deviations.
    for (const [order, count] of counts) assert.ok(count > 100 && count < 300, `${order}: ${count}`);
  });

  it('draws every ordered pair of the five actions by default', () => {
    const counts = orderCounts({}, 1000);
    assert.deepEqual([...counts.keys()].sort(), permutations(ACTIONS, 2).sort());
  });

  it('makes a mac that verifies with its secret only', () => {
    const challenge = createChallenge({ secret: SECRET });
    assert.equal(hasValidMac(challenge, SECRET), true);
    assert.equal(hasValidMac(challenge, new TextEncoder().encode(SECRET)), true);
    assert.equal(hasValidMac(challenge, 'another secret, also long enough...'), false);
  });

  it('makes a mac that any change to any field breaks', () => {
    const challenge = createChallenge({ secret: SECRET, count: 3 });
    const changes: Array<Partial<Challenge>> = [
      { id: `${challenge.id}x` },
      { nonce: challenge.nonce.slice(1) },
      { actions: [...challenge.actions].reverse() },
      { actions: challenge.actions.slice(0, 2) },
      { actions: [...challenge.actions, 'nod'] },
      { issuedAt: challenge.issuedAt - 1 },
      { expiresAt: challenge.expiresAt + 1 },
      { mac: undefined },
      { mac: '' },
      { mac: `${challenge.mac}A` },
      { mac: challenge.mac!.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')) },
    ];
    for (const change of changes) assert.equal(hasValidMac({ ...challenge, ...change }, SECRET), false, JSON.stringify(change));
  });

  it('keeps fields apart in the mac input: moving text between id and nonce breaks it', () => {
    const challenge = createChallenge({ secret: SECRET });
    const shifted = { ...challenge, id: challenge.id + challenge.nonce.slice(0, 1), nonce: challenge.nonce.slice(1) };
    assert.equal(hasValidMac(shifted, SECRET), false);
  });

  it('throws a TypeError for invalid options', () => {
    const misuses: unknown[] = [
      undefined,
      {},
      { secret: 'short' },
      { secret: new Uint8Array(16) },
      { secret: SECRET, actions: [] },
      { secret: SECRET, actions: ['wink'] },
      { secret: SECRET, actions: ['blink', 'blink'] },
      { secret: SECRET, actions: 'blink' },
      { secret: SECRET, count: 0 },
      { secret: SECRET, count: 6 },
      { secret: SECRET, actions: ['blink', 'nod'], count: 3 },
      { secret: SECRET, count: 1.5 },
      { secret: SECRET, ttlSeconds: 0 },
      { secret: SECRET, ttlSeconds: 2.5 },
    ];
    for (const options of misuses) {
      assert.throws(() => createChallenge(options as CreateChallengeOptions), TypeError, JSON.stringify(options));
    }
  });
});
