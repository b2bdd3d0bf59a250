/**
 * Why `verifyToken` refused a token. Kebab-case and stable, as Turnstile's siteverify codes: hosts log them and
 * switch on them. The order of {@link VERIFY_ERROR_CODES} is the order in which `verifyToken` checks and reports.
 */
export type VerifyErrorCode =
  /** No token: not a string, or an empty one (the form field was not filled, or the client sent nothing). */
  | 'missing-token'
  /** The token text is longer than `maxTokenBytes` (2 MB by default); it was not parsed. */
  | 'token-too-large'
  /**
   * Not a face-liveness token: not a compact JWS in canonical base64url, a protected header other than
   * `{ alg: 'ES256', typ: 'face-liveness+jws', jwk: <EC P-256 public key> }` (a private `d` is refused too), or
   * a payload that is not JSON of the `CaptureClaims` shape. Nothing else is checked after this one.
   */
  | 'malformed-token'
  /** The ES256 signature does not verify against the header's key: the header, claims or evidence were changed. */
  | 'bad-signature'
  /** The challenge is not one this server issued with its secret: its `mac` is missing or wrong. */
  | 'challenge-forged'
  /**
   * Too late or too early: the challenge expired, the token's `iat` is older than `maxAgeSeconds`, or `iat` or the
   * challenge's `issuedAt` lies in the future by more than the allowed clock skew (60 s).
   */
  | 'challenge-expired'
  /** The challenge's nonce was already used: the token (or another one for the same challenge) was verified before. */
  | 'nonce-replayed'
  /** The nonce store could not be reached (Redis down, for instance): fails closed, the token is not accepted. */
  | 'store-unavailable'
  /** The memory nonce store is full of live records: fails closed rather than forget a used nonce. */
  | 'store-full'
  /** The performed actions are not the challenge's actions in the challenge's order (or not `expectedActions`). */
  | 'actions-mismatch'
  /** The SDK itself reported that liveness was not proven (`result.passed` is not `true`). */
  | 'liveness-failed'
  /**
   * Evidence absent or unusable: no `frontal` frame or no frame for an action, a frame that is not a real JPEG
   * whose header matches its declared size (64–1024 px a side), or more decoded evidence than allowed (1 MiB).
   */
  | 'evidence-missing'
  /**
   * Evidence or timing inconsistent with the challenge: frames not labelled `frontal` then the actions in order,
   * extra frames, a frame or an action timed outside the challenge's lifetime, or an action that ends before it starts.
   */
  | 'evidence-mismatch'
  /** A frame's JPEG does not decode (damaged or truncated image data), or decodes to another size than declared. */
  | 'evidence-undecodable'
  /** The server's analysis found no face in a frame. */
  | 'face-not-found'
  /** The server's analysis found more than one face in a frame. */
  | 'multiple-faces'
  /** The frames do not all show the same person: a frame matches none of the frames before it. */
  | 'identity-mismatch'
  /** The server's own run of the action detector did not see a challenged action in its burst of frames. */
  | 'action-not-confirmed'
  /** A presentation attack is suspected: a turn or nod moved like a flat picture (no parallax of the nose). */
  | 'spoof-suspected'
  /** The frames were seen before, in a capture accepted within `evidenceTtlSeconds`: old evidence re-signed. */
  | 'evidence-replayed'
  /** The frontal frame does not match `registeredPhoto` (or the registered photo shows no single face). */
  | 'face-mismatch';

/** Every {@link VerifyErrorCode}, in the order `verifyToken` checks them (and lists them in `errorCodes`). */
export const VERIFY_ERROR_CODES: readonly VerifyErrorCode[] = [
  'missing-token',
  'token-too-large',
  'malformed-token',
  'bad-signature',
  'challenge-forged',
  'challenge-expired',
  'nonce-replayed',
  'store-unavailable',
  'store-full',
  'actions-mismatch',
  'liveness-failed',
  'evidence-missing',
  'evidence-mismatch',
  'evidence-undecodable',
  'face-not-found',
  'multiple-faces',
  'identity-mismatch',
  'action-not-confirmed',
  'spoof-suspected',
  'evidence-replayed',
  'face-mismatch',
];
