/**
 * Property-based fuzzing: whatever is done to a genuine token short of a genuine capture, verifyToken resolves,
 * never throws, and never succeeds. Each run verifies against a fresh nonce store, so no rejection below is a
 * replay: the mutation alone must make it fail.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ACTIONS } from '../../src/core/challenge.js';
import type { CaptureClaims, EvidenceFrame } from '../../src/core/claims.js';
import { MemoryNonceStore, VERIFY_ERROR_CODES, verifyToken } from '../../src/server/index.js';
import {
  SECRET,
  decodeJsonSegment,
  edited,
  encodeJsonSegment,
  genuineToken,
  newSigner,
  sign,
  type Genuine,
} from './helpers.js';

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

async function assertRefused(token: string): Promise<void> {
  const result = await verifyToken(token, { secret: SECRET, analyzer: false, store: new MemoryNonceStore() });
  assert.equal(result.success, false);
  assert.ok(result.errorCodes.length > 0 && result.errorCodes.every((code) => VERIFY_ERROR_CODES.includes(code)));
}

let genuine: Genuine;
let other: Genuine;

before(async () => {
  genuine = await genuineToken({ count: 3 });
  other = await genuineToken({ count: 3 });
  // The control: unmutated, both pass, so every refusal below is the mutation's doing.
  for (const { token } of [genuine, other]) {
    assert.equal((await verifyToken(token, { secret: SECRET, analyzer: false, store: new MemoryNonceStore() })).success, true);
  }
});

type TextEdit =
  | { kind: 'replace'; segment: number; at: number; text: string }
  | { kind: 'insert'; segment: number; at: number; text: string }
  | { kind: 'delete'; segment: number; at: number; length: number };

const anyText = fc.oneof(fc.constantFrom(...BASE64URL), fc.string({ minLength: 1, maxLength: 4, unit: 'binary' }));
const position = { segment: fc.constantFrom(0, 1, 2), at: fc.nat() };
const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), ...position, text: anyText }),
  fc.record({ kind: fc.constant('insert' as const), ...position, text: anyText }),
  fc.record({ kind: fc.constant('delete' as const), ...position, length: fc.integer({ min: 1, max: 8 }) }),
);

function applyEdit(token: string, edit: TextEdit): string {
  const segments = token.split('.');
  const segment = segments[edit.segment]!;
  const at = edit.at % (segment.length + 1);
  const cut = edit.kind === 'delete' ? edit.length : edit.kind === 'replace' ? edit.text.length : 0;
  const inserted = edit.kind === 'delete' ? '' : edit.text;
  segments[edit.segment] = segment.slice(0, at) + inserted + segment.slice(at + cut);
  return segments.join('.');
}

type Path = Array<string | number>;

/** Every place in a JSON value, the root included. */
function pathsIn(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const children = Object.entries(value).flatMap(([key, child]) =>
    pathsIn(child, [...path, Array.isArray(value) ? Number(key) : key]),
  );
  return [path, ...children];
}

const REMOVE = Symbol('remove');

function withValueAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value !== REMOVE) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

/**
 * A change to signed claims that must make them fail some check, whatever key signs them afterwards. One per
 * run: two could undo each other into claims that are merely different, which any signer may legitimately send.
 */
type Forgery = (claims: CaptureClaims) => void;

/** The i-th evidence frame, counting the frontal one and every burst's frames (modulo their number). */
function pick(claims: CaptureClaims, i: number): EvidenceFrame {
  const frames = [claims.evidence.frontal, ...claims.evidence.actions.flatMap((burst) => burst.frames)];
  return frames[i % frames.length]!;
}

const otherValue = fc.oneof(fc.jsonValue(), fc.string(), fc.integer());
const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.record({ field: fc.constantFrom('id', 'nonce', 'actions', 'issuedAt', 'expiresAt', 'mac'), value: otherValue }).map(
    ({ field, value }): Forgery => (claims) => void ((claims.challenge as unknown as Record<string, unknown>)[field] = value),
  ),
  fc.array(fc.constantFrom(...ACTIONS), { maxLength: 6 }).map(
    (actions): Forgery => (claims) => void (claims.challenge.actions = actions),
  ),
  fc.constant<Forgery>((claims) => void claims.challenge.actions.reverse()),
  fc.integer({ min: -1000, max: 1000 }).filter((shift) => shift !== 0).map(
    (shift): Forgery => (claims) => void (claims.challenge.expiresAt += shift),
  ),
  fc.constant<Forgery>((claims) => void (claims.result.passed = false)),
  fc.constant<Forgery>((claims) => {
    claims.mode = 'local';
    delete claims.challenge.mac;
  }),
  fc.integer({ min: 601, max: 10 ** 6 }).map((age): Forgery => (claims) => void (claims.iat = Date.now() / 1000 - age)),
  fc.integer({ min: 61, max: 10 ** 6 }).map((ahead): Forgery => (claims) => void (claims.iat = Date.now() / 1000 + ahead)),
  fc.nat().map((i): Forgery => (claims) => void claims.result.actions.splice(i % claims.result.actions.length, 1)),
  fc.constantFrom(...ACTIONS).map((action): Forgery => (claims) => {
    claims.result.actions.push({ ...claims.result.actions[0]!, action });
  }),
  fc.nat().map((i): Forgery => (claims) => void claims.evidence.actions.splice(i % claims.evidence.actions.length, 1)),
  fc.nat().map((i): Forgery => (claims) => {
    const bursts = claims.evidence.actions;
    bursts.push(structuredClone(bursts[i % bursts.length]!));
  }),
  fc.constant<Forgery>((claims) => void claims.evidence.actions.reverse()),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2000 })).map(([i, grow]): Forgery => (claims) => {
    pick(claims, i).width += grow;
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, keep]): Forgery => (claims) => {
    const frame = pick(claims, i);
    const bytes = Buffer.from(frame.jpeg, 'base64');
    frame.jpeg = bytes.subarray(0, keep % bytes.length).toString('base64');
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 61_001, max: 10 ** 9 })).map(([i, early]): Forgery => (claims) => {
    pick(claims, i).t = claims.challenge.issuedAt * 1000 - early;
  }),
);

describe('fuzzing genuine tokens', () => {
  it('refuses character edits anywhere in the token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(textEdit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const token = edits.reduce(applyEdit, genuine.token);
        fc.pre(token !== genuine.token);
        await assertRefused(token);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses segments swapped, dropped, repeated or taken from another genuine token', async () => {
    const pieces = [...genuine.token.split('.'), ...other.token.split('.')];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(pieces.length - 1), { maxLength: 5 }), async (picks) => {
        const token = picks.map((i) => pieces[i]).join('.');
        fc.pre(token !== genuine.token && token !== other.token);
        await assertRefused(token);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses decoded header or claims changed anywhere and re-encoded without re-signing', async () => {
    const [headerSegment, payloadSegment, signature] = genuine.token.split('.') as [string, string, string];
    const parts = [decodeJsonSegment(headerSegment), decodeJsonSegment(payloadSegment)];
    const places = parts.map((part) => pathsIn(part));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1),
        fc.nat(),
        fc.oneof(fc.jsonValue(), fc.constant(REMOVE)),
        async (part, place, value) => {
          const path = places[part]![place % places[part]!.length]!;
          fc.pre(path.length > 0 || value !== REMOVE);
          const changed = parts.map((each, i) =>
            i === part ? encodeJsonSegment(withValueAt(each, path, value)) : null,
          );
          const header = changed[0] ?? headerSegment;
          const payload = changed[1] ?? payloadSegment;
          fc.pre(header !== headerSegment || payload !== payloadSegment);
          await assertRefused([header, payload, signature].join('.'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses forged challenges, results and evidence re-signed with a random key', async () => {
    await fc.assert(
      fc.asyncProperty(forgery, async (forge) => {
        const claims = edited(genuine.claims, forge);
        fc.pre(JSON.stringify(claims) !== JSON.stringify(genuine.claims));
        await assertRefused(await sign(claims, await newSigner()));
      }),
      { numRuns: 200 },
    );
  });
});
