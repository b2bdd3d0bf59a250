/**
 * Signs the capture payload: a JWS compact serialisation (ES256) made with `jose` and a WebCrypto key
 * pair created for this one capture. The private key cannot be exported; the public key travels in the
 * protected header so the server can check the signature.
 */
import { CompactSign } from 'jose';
import { TOKEN_TYPE, type CaptureClaims } from '../src/core/claims.js';

export async function signClaims(claims: CaptureClaims): Promise<string> {
  const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES256', typ: TOKEN_TYPE, jwk: { kty: kty!, crv: crv!, x: x!, y: y! } })
    .sign(privateKey);
}

/** Standard base64 of binary data (the evidence JPEGs). */
export function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
