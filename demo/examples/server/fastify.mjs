// face-liveness with Fastify 5: FACE_LIVENESS_SECRET=… node fastify.mjs (PORT, HOST: where it listens).
//   GET  /face-liveness/…            the package's dist/ (<script type="module" src="/face-liveness/face-liveness.js">)
//   POST /api/liveness/challenge {}  a challenge for <face-liveness challenge-url="/api/liveness/challenge">
//   POST /api/liveness/verify        { token } (or the form value) → { success, errorCodes, manualReview }
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { createAnalyzer, createChallenge, verifyToken } from 'face-liveness/server';
import { accountOf, CHALLENGE_BODY_LIMIT, DIST_DIR, errorBody, recordAttempt, secretFromEnvironment, tokenOf, VERIFY_BODY_LIMIT } from './host.mjs';

const secret = secretFromEnvironment();
// Loaded now, so that a missing model fails the start, not the first check.
const analyzer = await createAnalyzer();
const app = Fastify();

await app.register(fastifyStatic, { root: DIST_DIR, prefix: '/face-liveness/' });

// A form posted with the token as its value; Fastify parses JSON by itself.
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
  done(null, Object.fromEntries(new URLSearchParams(body)));
});

app.post('/api/liveness/challenge', { bodyLimit: CHALLENGE_BODY_LIMIT }, async () => createChallenge({ secret }));

app.post('/api/liveness/verify', { bodyLimit: VERIFY_BODY_LIMIT }, async (request, reply) => {
  // A rejection (the analyzer failed: nothing was accepted) goes to the error handler below.
  const result = await verifyToken(tokenOf(request.body), { secret, analyzer });
  const { manualReview } = await recordAttempt(accountOf(request.headers), result);
  return reply.code(result.success ? 200 : 422).send({ success: result.success, errorCodes: result.errorCodes, manualReview });
});

app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody(404)));

// The same JSON errors as the other examples; a 500 says nothing of its cause to the client.
app.setErrorHandler((error, request, reply) => {
  const status = error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) console.error(error);
  return reply.code(status).send(errorBody(status));
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
console.log(`face-liveness with Fastify: ${address}/`);
