// A portal's server code against the installed package: challenges, verification, stores, face comparison.
import {
  compareFaces,
  createChallenge,
  MemoryNonceStore,
  verifyToken,
  type Challenge,
  type VerifyErrorCode,
  type VerifyResult,
} from 'face-liveness/server';

const secret = process.env.FACE_LIVENESS_SECRET ?? '';
const challenge: Challenge = createChallenge({ secret, actions: ['blink', 'nod'], count: 1 });
// @ts-expect-error actions are the documented names
createChallenge({ secret, actions: ['smile'] });
// @ts-expect-error count is a number
createChallenge({ secret, count: '2' });

const store = new MemoryNonceStore({ maxEntries: 1000 });
const result: VerifyResult = await verifyToken('token', { secret, store, analyzer: false });
const codes: VerifyErrorCode[] = result.errorCodes;
// @ts-expect-error error codes are the documented ones
const unknown: VerifyErrorCode = 'token-stolen';
const match = await compareFaces(new Uint8Array(), Buffer.alloc(0));
const similarity: number | null = match.similarity;
console.log(challenge.nonce, codes, unknown, similarity, result.success);
