/** Every attack the server must refuse, each with the code it must be refused with. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureClaims } from '../../src/core/claims.js';
import { challengeMac } from '../../src/server/challenge.js';
import { MemoryNonceStore, verifyToken, type VerifyResult, type VerifyTokenOptions } from '../../src/server/index.js';
import {
  SECRET,
  edited,
  fixtureJpeg,
  genuineToken,
  newSigner,
  fixturePhoto,
  sign,
  splitToken,
  tampered,
  tokenHeader,
} from './helpers.js';

const verifyFresh = (token: unknown, options: Partial<VerifyTokenOptions> = {}): Promise<VerifyResult> =>
  verifyToken(token, { secret: SECRET, analyzer: false, store: new MemoryNonceStore(), ...options });

async function codes(token: unknown, options: Partial<VerifyTokenOptions> = {}): Promise<string[]> {
  const result = await verifyFresh(token, options);
  assert.equal(result.success, result.errorCodes.length === 0);
  return result.errorCodes;
}

/** Re-signs the claims, edited by `change`, with a new key of the attacker's own: a valid signature. */
async function resigned(claims: CaptureClaims, change: (copy: CaptureClaims) => void): Promise<string> {
  return sign(edited(claims, change), await newSigner());
}

describe('tampering without re-signing', () => {
  it('refuses edited claims as bad-signature and returns no claims', async () => {
    const { token, claims } = await genuineToken();
    const edits: Array<(copy: CaptureClaims) => void> = [
      (copy) => void (copy.sdk = '9.9.9'),
      (copy) => void (copy.result.quality.brightness = 0.9),
      (copy) => void (copy.evidence.frontal.jpeg = fixtureJpeg('turn-right').toString('base64')), // same size
      (copy) => void (copy.iat += 1),
    ];
    for (const edit of edits) {
      const result = await verifyFresh(tampered(token, { claims: edited(claims, edit) }));
      assert.deepEqual(result, { success: false, errorCodes: ['bad-signature'], analysis: null });
    }
  });

  it('refuses a header whose key was replaced by another one', async () => {
    const { token } = await genuineToken();
    const other = await newSigner();
    assert.deepEqual(await codes(tampered(token, { header: tokenHeader(other) })), ['bad-signature']);
  });

  it('refuses a signature made by another key than the header names', async () => {
    const { claims, signer } = await genuineToken();
    const token = await sign(claims, await newSigner(), tokenHeader(signer));
    assert.deepEqual(await codes(token), ['bad-signature']);
  });

  it('refuses the signature of one genuine token on the claims of another', async () => {
    const first = await genuineToken();
    const second = await genuineToken();
    const [header, payload] = first.token.split('.');
    const spliced = [header, payload, second.token.split('.')[2]].join('.');
    assert.deepEqual(await codes(spliced), ['bad-signature']);
  });
});

describe('forged challenges, re-signed with the attacker own key', () => {
  it('refuses changed actions, nonce, times or id with the mac kept', async () => {
    const { claims } = await genuineToken({ actions: ['blink', 'nod'] });
    const forgeries: Array<(copy: CaptureClaims) => void> = [
      (copy) => void copy.challenge.actions.reverse(),
      (copy) => void (copy.challenge.nonce = 'attacker-chosen-nonce'),
      (copy) => void (copy.challenge.expiresAt += 3600),
      (copy) => void (copy.challenge.issuedAt -= 1),
      (copy) => void (copy.challenge.id = 'another-id'),
    ];
    for (const forge of forgeries) {
      const result = await codes(await resigned(claims, forge));
      assert.equal(result[0], 'challenge-forged', String(forge));
    }
  });

  it('refuses a mac recomputed with a wrong secret, a missing mac, and a mac of the wrong length', async () => {
    const { claims } = await genuineToken();
    const macs = [challengeMac(claims.challenge, 'not the secret, although long enough!'), undefined, 'AAAA', ''];
    for (const mac of macs) {
      assert.deepEqual(await codes(await resigned(claims, (copy) => void (copy.challenge.mac = mac))), [
        'challenge-forged',
      ]);
    }
  });

  it('refuses a challenge the browser made itself (local mode)', async () => {
    const { claims } = await genuineToken();
    const local = await resigned(claims, (copy) => {
      copy.mode = 'local';
      delete copy.challenge.mac;
    });
    assert.deepEqual(await codes(local), ['challenge-forged']);
  });

  it('burns no nonce: the genuine token still passes after forgeries of its challenge', async () => {
    const { token, claims } = await genuineToken();
    const store = new MemoryNonceStore();
    const forged = await resigned(claims, (copy) => void (copy.challenge.expiresAt += 1));
    assert.deepEqual((await verifyToken(forged, { secret: SECRET, analyzer: false, store })).errorCodes, ['challenge-forged']);
    const tamperedCopy = tampered(token, { claims: edited(claims, (copy) => void (copy.sdk = 'x')) });
    assert.deepEqual((await verifyToken(tamperedCopy, { secret: SECRET, analyzer: false, store })).errorCodes, ['bad-signature']);
    assert.equal((await verifyToken(token, { secret: SECRET, analyzer: false, store })).success, true);
  });

  it('lets a re-signed copy of a genuine capture race the original: the second one is a replay', async () => {
    // The key is made in the browser, so a signature is no identity: only the nonce makes the capture single-use.
    const { token, claims } = await genuineToken();
    const copy = await sign(claims, await newSigner());
    const store = new MemoryNonceStore();
    assert.equal((await verifyToken(copy, { secret: SECRET, analyzer: false, store })).success, true);
    assert.deepEqual((await verifyToken(token, { secret: SECRET, analyzer: false, store })).errorCodes, ['nonce-replayed']);
  });
});

describe('expiry', () => {
  const at = (seconds: number) => new Date(seconds * 1000);

  it('refuses a token after its challenge expired, without consuming its nonce', async () => {
    const { token, challenge } = await genuineToken();
    const store = new MemoryNonceStore();
    const late = await verifyToken(token, { secret: SECRET, analyzer: false, store, now: at(challenge.expiresAt + 1) });
    assert.deepEqual(late.errorCodes, ['challenge-expired']);
    assert.equal(store.size, 0);
  });

  it('refuses a token whose iat is older than maxAgeSeconds', async () => {
    const { token, claims } = await genuineToken();
    assert.deepEqual(await codes(token, { maxAgeSeconds: 10, now: at(claims.iat + 11) }), ['challenge-expired']);
    assert.deepEqual(await codes(token, { maxAgeSeconds: 10, now: at(claims.iat + 10) }), []);
  });

  it('refuses an iat more than 60 s in the future', async () => {
    const { claims } = await genuineToken();
    const now = claims.iat;
    const token = await resigned(claims, (copy) => void (copy.iat = now + 61));
    assert.deepEqual(await codes(token, { now: at(now) }), ['challenge-expired']);
    const skewed = await resigned(claims, (copy) => void (copy.iat = now + 60));
    assert.deepEqual(await codes(skewed, { now: at(now) }), []);
  });

  it('refuses a challenge issued more than 60 s in the future of the verifying server', async () => {
    const { token, challenge } = await genuineToken();
    assert.deepEqual(await codes(token, { now: at(challenge.issuedAt - 61) }), ['challenge-expired']);
  });
});

describe('replay', () => {
  it('accepts a token once and refuses it the second time, still returning its claims', async () => {
    const { token, claims } = await genuineToken();
    const store = new MemoryNonceStore();
    assert.equal((await verifyToken(token, { secret: SECRET, analyzer: false, store })).success, true);
    assert.deepEqual(await verifyToken(token, { secret: SECRET, analyzer: false, store }), {
      success: false,
      errorCodes: ['nonce-replayed'],
      claims,
      analysis: null,
    });
  });

  it('lets exactly one of 20 concurrent verifications of one token succeed', async () => {
    const { token } = await genuineToken();
    const store = new MemoryNonceStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyToken(token, { secret: SECRET, analyzer: false, store })));
    assert.equal(results.filter((result) => result.success).length, 1);
    for (const result of results.filter((each) => !each.success)) assert.deepEqual(result.errorCodes, ['nonce-replayed']);
  });

  it('refuses a second, different token for an already used challenge', async () => {
    const { token, claims } = await genuineToken();
    const store = new MemoryNonceStore();
    assert.equal((await verifyToken(token, { secret: SECRET, analyzer: false, store })).success, true);
    const second = await sign(edited(claims, (copy) => void (copy.iat += 1)), await newSigner());
    assert.deepEqual((await verifyToken(second, { secret: SECRET, analyzer: false, store })).errorCodes, ['nonce-replayed']);
  });
});

describe('actions and result', () => {
  it('refuses actions performed in another order than the challenge asked', async () => {
    const { claims } = await genuineToken({ actions: ['turn-left', 'turn-right'] });
    const reordered = await resigned(claims, (copy) => void copy.result.actions.reverse());
    assert.deepEqual(await codes(reordered), ['actions-mismatch']);
  });

  it('refuses a missing, an extra or a substituted action', async () => {
    const { claims } = await genuineToken({ actions: ['blink', 'nod'] });
    const changes: Array<(copy: CaptureClaims) => void> = [
      (copy) => void copy.result.actions.pop(),
      (copy) => void copy.result.actions.push({ ...copy.result.actions[0]! }),
      (copy) => void (copy.result.actions[1]!.action = 'mouth-open'),
    ];
    for (const change of changes) assert.deepEqual(await codes(await resigned(claims, change)), ['actions-mismatch']);
  });

  it('refuses a result that did not pass', async () => {
    const { claims } = await genuineToken();
    const failed = await resigned(claims, (copy) => void (copy.result.passed = false));
    assert.deepEqual(await codes(failed), ['liveness-failed']);
  });
});

describe('evidence', () => {
  const frontal = (copy: CaptureClaims) => copy.evidence.frontal;
  const corruptions: Array<[string, (copy: CaptureClaims) => void]> = [
    ['no burst at all', (copy) => void (copy.evidence.actions = [])],
    ['no burst for the last action', (copy) => void copy.evidence.actions.pop()],
    ['a burst relabelled as another action', (copy) => void (copy.evidence.actions[1]!.action = copy.evidence.actions[0]!.action)],
    ['a truncated JPEG (no EOI)', (copy) => void (frontal(copy).jpeg = fixtureJpeg('frontal').subarray(0, 4000).toString('base64'))],
    ['a JPEG whose SOI was overwritten', (copy) => void (frontal(copy).jpeg = withBytes(fixtureJpeg('frontal'), 1, [0x00]))],
    ['a JPEG with a broken segment length', (copy) => {
      const burst = copy.evidence.actions[1]!;
      burst.frames[1]!.jpeg = withBytes(fixtureJpeg(burst.action), 4, [0xff, 0xff]);
    }],
    ['a declared size other than the JPEG header says', (copy) => void (frontal(copy).width = 255)],
    ['the JPEG of another frame with its declared size kept', (copy) => void (frontal(copy).jpeg = fixtureJpeg('turn-left').toString('base64'))],
    ['a PNG photo instead of a JPEG', (copy) => void (frontal(copy).jpeg = fixturePhoto('no-face-coffee.png').toString('base64'))],
    ['a full 1200 px photo instead of a crop', (copy) => {
      Object.assign(frontal(copy), { jpeg: fixturePhoto('elderly-man-frontal.jpg').toString('base64'), width: 1200, height: 1200 });
    }],
    ['a 32 px thumbnail size', (copy) => void Object.assign(frontal(copy), { width: 32, height: 32 })],
    ['a data: URL instead of bare base64', (copy) => void (frontal(copy).jpeg = `data:image/jpeg;base64,${frontal(copy).jpeg}`)],
    ['base64 with line breaks', (copy) => void (frontal(copy).jpeg = frontal(copy).jpeg.replace(/(.{76})/g, '$1\n'))],
    // Evidence is base64 inside the base64url payload: 1 MiB of it takes about 1.8 MiB of the 2 MiB token.
    ['more than 1 MiB of evidence in a real JPEG padded with comments', (copy) => {
      frontal(copy).jpeg = withComments(fixtureJpeg('frontal'), 16).toString('base64');
    }],
  ];

  for (const [attack, corrupt] of corruptions) {
    it(`refuses ${attack} as evidence-missing`, async () => {
      const { claims } = await genuineToken();
      assert.deepEqual(await codes(await resigned(claims, corrupt)), ['evidence-missing']);
    });
  }

  const inconsistencies: Array<[string, (copy: CaptureClaims) => void]> = [
    ['bursts out of the actions order', (copy) => void copy.evidence.actions.reverse()],
    ['an extra burst', (copy) => void copy.evidence.actions.push(structuredClone(copy.evidence.actions[0]!))],
    ['a frame timed in seconds instead of milliseconds', (copy) => void (frontal(copy).t = copy.challenge.issuedAt + 5)],
    ['a frame timed 59 s before the challenge was issued', (copy) => void (frontal(copy).t = (copy.challenge.issuedAt - 59) * 1000)],
    ['the frontal frame after the actions', (copy) => void (frontal(copy).t = copy.evidence.actions[1]!.frames[3]!.t + 100)],
    ['burst frames out of time order', (copy) => void copy.evidence.actions[0]!.frames.reverse()],
    ['an action completed after the challenge expired', (copy) => {
      copy.result.actions[1]!.completedAt = (copy.challenge.expiresAt + 61) * 1000;
    }],
    ['an action that ends before it starts', (copy) => {
      const action = copy.result.actions[0]!;
      [action.startedAt, action.completedAt] = [action.completedAt, action.startedAt];
    }],
    ['an action of 0 ms', (copy) => void (copy.result.actions[0]!.completedAt = copy.result.actions[0]!.startedAt)],
    ['actions out of order in time', (copy) => void (copy.result.actions[1]!.startedAt = copy.result.actions[0]!.startedAt)],
    ['an action outside the frames of its burst', (copy) => void (copy.result.actions[0]!.startedAt -= 1000)],
    ['local mode claimed for a server challenge', (copy) => void (copy.mode = 'local')],
    ['photo mode claimed for a server challenge', (copy) => void (copy.mode = 'photo')],
  ];

  for (const [attack, change] of inconsistencies) {
    it(`refuses ${attack} as evidence-mismatch`, async () => {
      const { claims } = await genuineToken();
      assert.deepEqual(await codes(await resigned(claims, change)), ['evidence-mismatch']);
    });
  }

  it('accepts a real JPEG padded with a comment while the total stays within 1 MiB', async () => {
    const { claims } = await genuineToken();
    const padded = await resigned(claims, (copy) => {
      copy.evidence.frontal.jpeg = withComments(fixtureJpeg('frontal'), 1).toString('base64');
    });
    assert.deepEqual(await codes(padded), []);
  });
});

describe('size limits and garbage', () => {
  it('refuses a token longer than 2 MiB, or than maxTokenBytes, before parsing it', async () => {
    assert.deepEqual(await codes('a'.repeat(2 * 1024 * 1024 + 1)), ['token-too-large']);
    assert.deepEqual(await codes('é'.repeat(1024 * 1024 + 1)), ['token-too-large']); // 2 bytes each in UTF-8
    const { token } = await genuineToken();
    assert.deepEqual(await codes(token, { maxTokenBytes: token.length - 1 }), ['token-too-large']);
    assert.deepEqual(await codes(token, { maxTokenBytes: token.length }), []);
  });

  it('refuses a genuine token padded past the limit with real evidence', async () => {
    const { claims } = await genuineToken();
    const huge = await resigned(claims, (copy) => {
      copy.evidence.frontal.jpeg = withComments(fixtureJpeg('frontal'), 26).toString('base64');
    });
    assert.ok(huge.length > 2 * 1024 * 1024);
    assert.deepEqual(await codes(huge), ['token-too-large']);
  });

  it('calls anything but a non-empty string a missing token', async () => {
    for (const token of [undefined, null, '', 0, 42, true, {}, [], ['a.b.c'], Buffer.from('a.b.c'), () => 'a.b.c', Symbol('t')]) {
      assert.deepEqual(await codes(token), ['missing-token'], String(token?.toString()));
    }
  });

  it('calls strings that are not face-liveness tokens malformed', async () => {
    const { token, signer } = await genuineToken();
    const { header, claims, signature } = splitToken(token);
    const [headerSegment, payloadSegment] = token.split('.') as [string, string];
    const withHeader = (fields: unknown) => tampered(token, { header: fields });
    const withPayload = (text: string) => [headerSegment, Buffer.from(text).toString('base64url'), signature].join('.');
    const garbage: Record<string, string> = {
      'a.b.c': 'a.b.c',
      dots: '..',
      'one segment': 'abc',
      'four segments': `${token}.AAAA`,
      'padded base64url': `${headerSegment}=.${payloadSegment}.${signature}`,
      // The signature in standard base64 (with its padding): the other segments rarely hold a - or _ to swap.
      'standard base64 alphabet': `${headerSegment}.${payloadSegment}.${Buffer.from(signature, 'base64url').toString('base64')}`,
      'whitespace inside': `${headerSegment}.${payloadSegment.slice(0, 10)} ${payloadSegment.slice(10)}.${signature}`,
      'non-canonical last character': `${headerSegment}.${payloadSegment}.${nonCanonicalTail(signature)}`,
      'huge string of dots': '.'.repeat(1_500_000),
      'huge base64url string': 'A'.repeat(1_900_000),
      'JSON bomb: deeply nested arrays': withPayload('['.repeat(500_000) + ']'.repeat(500_000)),
      'JSON bomb: unclosed nesting': withPayload('{"a":'.repeat(200_000)),
      'payload not JSON': withPayload('not json'),
      'payload invalid UTF-8': [headerSegment, Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url'), signature].join('.'),
      'payload JSON null': withPayload('null'),
      'payload of the first version': withPayload(JSON.stringify({ ...claims, v: 1 })),
      'an unknown member in the claims': withPayload(JSON.stringify({ ...claims, trusted: true })),
      'an unknown member in the result': withPayload(JSON.stringify({ ...claims, result: { ...claims.result, score: 1 } })),
      'an unknown member in the quality': withPayload(JSON.stringify({ ...claims, result: { ...claims.result, quality: { ...claims.result.quality, iso: 100 } } })),
      'an unknown member in the challenge': withPayload(JSON.stringify({ ...claims, challenge: { ...claims.challenge, user: 'x' } })),
      'an unknown member in a frame': withPayload(JSON.stringify({ ...claims, evidence: { ...claims.evidence, frontal: { ...claims.evidence.frontal, label: 'frontal' } } })),
      'an unknown member in a burst': withPayload(JSON.stringify({ ...claims, evidence: { ...claims.evidence, actions: claims.evidence.actions.map((b) => ({ ...b, peak: 2 })) } })),
      'an unknown member in the evidence': withPayload(JSON.stringify({ ...claims, evidence: { ...claims.evidence, extra: [] } })),
      'a burst of 3 frames': withPayload(JSON.stringify({ ...claims, evidence: { ...claims.evidence, actions: claims.evidence.actions.map((b) => ({ ...b, frames: b.frames.slice(0, 3) })) } })),
      'a burst of 9 frames': withPayload(JSON.stringify({ ...claims, evidence: { ...claims.evidence, actions: claims.evidence.actions.map((b) => ({ ...b, frames: [...b.frames, ...b.frames, b.frames[0]!] })) } })),
      'a 6,000-deep array in an extra member': withPayload(JSON.stringify(claims).replace(/}$/, `,"x":${'['.repeat(6000)}${']'.repeat(6000)}}`)),
      'a repeated key in the claims': withPayload(JSON.stringify(claims).replace(/}$/, ',"mode":"server"}')),
      'header with alg twice': [Buffer.from(JSON.stringify(header).replace('{', '{"alg":"ES256",')).toString('base64url'), payloadSegment, signature].join('.'),
      'header jwk with a kid': withHeader({ ...header, jwk: { ...signer.jwk, kid: 'k1' } }),
      'payload with a string for passed': withPayload(JSON.stringify({ ...claims, result: { ...claims.result, passed: 'true' } })),
      'payload with an unknown action': withPayload(JSON.stringify({ ...claims, challenge: { ...claims.challenge, actions: ['wink'] } })),
      'payload with an unknown mode': withPayload(JSON.stringify({ ...claims, mode: 'trusted' })),
      'payload with a __proto__ challenge': withPayload(JSON.stringify(claims).replace('"challenge":', '"__proto__":')),
      'header alg none': withHeader({ ...header, alg: 'none' }),
      'header alg HS256': withHeader({ ...header, alg: 'HS256' }),
      'header typ JWT': withHeader({ ...header, typ: 'JWT' }),
      'header with crit and b64': withHeader({ ...header, b64: false, crit: ['b64'] }),
      'header with a kid': withHeader({ ...header, kid: 'k1' }),
      'header without jwk': withHeader({ alg: 'ES256', typ: header.typ }),
      'header as an array': withHeader([header]),
      'header jwk with the private key d': withHeader({ ...header, jwk: { ...signer.jwk, d: signer.jwk.x } }),
      'header jwk of an RSA key': withHeader({ ...header, jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }),
      'header jwk on P-384': withHeader({ ...header, jwk: { ...signer.jwk, crv: 'P-384' } }),
      'header jwk with a short coordinate': withHeader({ ...header, jwk: { ...signer.jwk, x: 'AAAA' } }),
      'header jwk off the curve': withHeader({ ...header, jwk: { ...signer.jwk, y: signer.jwk.x } }),
    };
    for (const [name, text] of Object.entries(garbage)) {
      assert.deepEqual(await codes(text), ['malformed-token'], name);
    }
  });
});

/** The file with `bytes` written at `offset`, as base64. */
function withBytes(file: Buffer, offset: number, bytes: number[]): string {
  const copy = Buffer.from(file);
  copy.set(bytes, offset);
  return copy.toString('base64');
}

/** A real JPEG with `count` comment segments of 64 KB each inserted after its SOI: still a valid JPEG file. */
function withComments(jpeg: Buffer, count: number): Buffer {
  const text = 0xfffd;
  const comment = Buffer.alloc(2 + 2 + text, 0x20);
  comment.writeUInt16BE(0xfffe, 0);
  comment.writeUInt16BE(text + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), ...Array.from({ length: count }, () => comment), jpeg.subarray(2)]);
}

/** The same bytes spelled differently: the last character of 64 bytes in base64url carries 4 spare bits. */
function nonCanonicalTail(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(segment.at(-1)!);
  return segment.slice(0, -1) + alphabet[last ^ 1];
}
