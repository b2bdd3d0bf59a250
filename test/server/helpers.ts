/**
 * Builds tokens exactly as the browser does: a WebCrypto ES256 key pair whose private key cannot be exported,
 * the public key as the header's `jwk`, jose's CompactSign, and real JPEG crops as evidence.
 */
import type { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactSign, type CompactJWSHeaderParameters } from 'jose';
import type { Action, Challenge } from '../../src/core/challenge.js';
import { CLAIMS_VERSION, TOKEN_TYPE, type CaptureClaims, type EvidenceFrame } from '../../src/core/claims.js';
import { createChallenge } from '../../src/server/index.js';

/** What the tests' server keys its challenges with. */
export const SECRET = 'test-only secret: 7fQ2xL9pKv4mZ8sR1wT6yB3nH5jD0cE';

/** The evidence crops made by fixtures/make-fixtures.sh, with their sizes as ffprobe reports them. */
export const FIXTURE_SIZES: Record<'frontal' | Action, { width: number; height: number }> = {
  frontal: { width: 256, height: 256 },
  blink: { width: 192, height: 256 },
  'mouth-open': { width: 256, height: 256 },
  'turn-left': { width: 240, height: 288 },
  'turn-right': { width: 256, height: 256 },
  nod: { width: 200, height: 256 },
};

export function fixtureJpeg(label: 'frontal' | Action): Buffer {
  return readFileSync(new URL(`./fixtures/${label}.jpg`, import.meta.url));
}

/** The project's real-face photos (test/fixtures, with SOURCES.md). */
export const FIXTURE_PHOTOS = fileURLToPath(new URL('../fixtures/photos', import.meta.url));

export function fixturePhoto(name: string): Buffer {
  return readFileSync(join(FIXTURE_PHOTOS, name));
}

export interface Signer {
  privateKey: CryptoKey;
  /** The public key as WebCrypto exports it (with `ext` and `key_ops`), as the element puts it in the header. */
  jwk: webcrypto.JsonWebKey;
}

export async function newSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  return { privateKey, jwk: await crypto.subtle.exportKey('jwk', publicKey) };
}

/** The protected header the element writes. */
export function tokenHeader(signer: Signer): CompactJWSHeaderParameters {
  return { alg: 'ES256', typ: TOKEN_TYPE, jwk: signer.jwk };
}

export async function sign(claims: unknown, signer: Signer, header = tokenHeader(signer)): Promise<string> {
  return signText(JSON.stringify(claims), signer, header);
}

/** Signs a payload given as JSON text: what an attacker writes by hand, deeper than JSON.stringify could. */
export async function signText(text: string, signer: Signer, header = tokenHeader(signer)): Promise<string> {
  return new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader(header)
    .sign(signer.privateKey);
}

/** A fixture crop as an evidence frame at time `t`. */
export function fixtureFrame(label: 'frontal' | Action, t: number): EvidenceFrame {
  return { jpeg: fixtureJpeg(label).toString('base64'), ...FIXTURE_SIZES[label], t };
}

/** Frames in each action's burst here: the fewest the claims allow. */
const BURST = 4;

/**
 * Claims of a passed check: the frontal frame 4.5 s after the challenge was issued, then each action a second
 * apart, its burst of 4 frames (the fixture crop of the action) 250 ms apart from just before its onset. Real crops, but not a real
 * movement: these claims pass the checks before the analysis, so tests of those pass `analyzer: false`.
 */
export function passedClaims(challenge: Challenge): CaptureClaims {
  const start = challenge.issuedAt * 1000 + 5000;
  const bursts = challenge.actions.map((action, i) => ({
    action,
    frames: Array.from({ length: BURST }, (_, j) => fixtureFrame(action, start + 1000 * i + 250 * j)),
  }));
  const actions = bursts.map(({ action, frames }) => ({ action, startedAt: frames[1]!.t, completedAt: frames[3]!.t, metric: 0.42 }));
  return {
    v: CLAIMS_VERSION,
    sdk: '0.1.0',
    iat: Math.ceil(start / 1000) + challenge.actions.length + 1,
    challenge,
    mode: 'server',
    result: { passed: true, actions, quality: { brightness: 0.55, sharpness: 0.3, faceToGuide: 0.8 } },
    evidence: { frontal: fixtureFrame('frontal', start - 500), actions: bursts },
  };
}

export interface Genuine {
  token: string;
  challenge: Challenge;
  claims: CaptureClaims;
  signer: Signer;
}

/** A genuine token for a fresh challenge of `count` actions, and what it was made from. */
export async function genuineToken({ count = 2, actions }: { count?: number; actions?: Action[] } = {}): Promise<Genuine> {
  const challenge = createChallenge({ secret: SECRET, count, ...(actions && { actions }) });
  const claims = passedClaims(challenge);
  const signer = await newSigner();
  return { token: await sign(claims, signer), challenge, claims, signer };
}

/** A deep copy of the claims, changed by `change`: what an attacker edits before re-signing. */
export function edited(claims: CaptureClaims, change: (copy: CaptureClaims) => void): CaptureClaims {
  const copy = structuredClone(claims);
  change(copy);
  return copy;
}

/** The token's three segments, the first two decoded. */
export function splitToken(token: string): { header: Record<string, unknown>; claims: CaptureClaims; signature: string } {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  return { header: decodeJsonSegment(header), claims: decodeJsonSegment(payload), signature };
}

export function decodeJsonSegment<T>(segment: string): T {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

export function encodeJsonSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The token with its header and payload replaced, and its signature kept: tampering without re-signing. */
export function tampered(token: string, { header, claims }: { header?: unknown; claims?: unknown }): string {
  const [headerSegment, payloadSegment, signature] = token.split('.') as [string, string, string];
  return [
    header === undefined ? headerSegment : encodeJsonSegment(header),
    claims === undefined ? payloadSegment : encodeJsonSegment(claims),
    signature,
  ].join('.');
}
