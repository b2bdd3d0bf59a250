/**
 * Reading a token: a compact JWS whose segments are checked for count, size and canonical base64url before
 * anything is decoded, whose JSON is checked for depth, size and repeated keys before it is parsed, with exactly
 * the documented header and claims.
 */
import { compactVerify, importJWK } from 'jose';
import { TOKEN_TYPE, type CaptureClaims } from '../core/claims.js';
import { isCaptureClaims } from './claims-shape.js';
import { decodeCanonical } from './encoding.js';
import { withinJsonLimits, type JsonLimits } from './json-limits.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The header is `{ alg, typ, jwk: { kty, crv, x, y, ext?, key_ops: [...] } }`. */
const HEADER_LIMITS: JsonLimits = { maxDepth: 3, maxItems: 8 };
/** Claims nest six deep (claims → evidence → actions → burst → frames → frame); no list holds more than 8. */
const CLAIMS_LIMITS: JsonLimits = { maxDepth: 6, maxItems: 16 };
/** A protected header of the documented shape is well under this. */
const MAX_HEADER_CHARS = 1024;
/** An ES256 signature is 64 bytes: 86 characters of base64url. */
const SIGNATURE_CHARS = 86;

/**
 * The claims and the header's public key of a compact JWS whose segments are canonical base64url, whose protected
 * header is exactly `{ alg: 'ES256', typ: TOKEN_TYPE, jwk }` with a public P-256 key, and whose payload has the
 * claims' shape; null for anything else. The signature is not checked here.
 */
export async function parseToken(token: string): Promise<{ claims: CaptureClaims; key: CryptoKey } | null> {
  const segments = token.split('.', 4);
  if (segments.length !== 3 || segments[0]!.length > MAX_HEADER_CHARS || segments[2]!.length !== SIGNATURE_CHARS) return null;
  const [header, payload, signature] = segments.map((segment) => decodeCanonical(segment, 'base64url'));
  if (!header || !payload || !signature) return null;
  const headerFields = parseJson(header, HEADER_LIMITS);
  const claims = parseJson(payload, CLAIMS_LIMITS);
  if (!isTokenHeader(headerFields) || !isCaptureClaims(claims)) return null;
  const key = await importPublicKey(headerFields.jwk);
  return key && { claims, key };
}

function parseJson(bytes: Uint8Array, limits: JsonLimits): unknown {
  try {
    const text = utf8.decode(bytes);
    return withinJsonLimits(text, limits) ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** Exactly three header parameters: anything else (`crit`, `b64`, `kid`, `x5u`...) would change how it is read. */
function isTokenHeader(value: unknown): value is { jwk: PublicJwk } {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  return (
    Object.keys(header).length === 3 &&
    header.alg === 'ES256' &&
    header.typ === TOKEN_TYPE &&
    isPublicP256Jwk(header.jwk)
  );
}

const JWK_MEMBERS = new Set(['kty', 'crv', 'x', 'y', 'ext', 'key_ops']);

/**
 * WebCrypto's export of a P-256 public key: `kty`, `crv`, `x`, `y`, and its `ext` (a boolean) and `key_ops`
 * (strings), which are allowed and ignored; any other member (`d`, `kid`, ...) is refused.
 */
function isPublicP256Jwk(value: unknown): value is PublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const jwk = value as Record<string, unknown>;
  const extras =
    (jwk.ext === undefined || typeof jwk.ext === 'boolean') &&
    (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.every((op) => typeof op === 'string')));
  return (
    Object.keys(jwk).every((key) => JWK_MEMBERS.has(key)) &&
    extras &&
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    isCoordinate(jwk.x) &&
    isCoordinate(jwk.y)
  );
}

function isCoordinate(value: unknown): boolean {
  return typeof value === 'string' && decodeCanonical(value, 'base64url')?.length === 32;
}

/** The key, or null when the coordinates are not a point on the curve. */
async function importPublicKey({ kty, crv, x, y }: PublicJwk): Promise<CryptoKey | null> {
  try {
    return await importJWK({ kty, crv, x, y }, 'ES256');
  } catch {
    return null;
  }
}

export async function signatureVerifies(token: string, key: CryptoKey): Promise<boolean> {
  try {
    await compactVerify(token, key, { algorithms: ['ES256'] });
    return true;
  } catch {
    // jose throws for every kind of failed verification; each one means the same to the caller.
    return false;
  }
}
