// face-liveness with Express 5: FACE_LIVENESS_SECRET=… node express.mjs (PORT, HOST: where it listens).
//   GET  /face-liveness/…            the package's dist/ (<script type="module" src="/face-liveness/face-liveness.js">)
//   POST /api/liveness/challenge {}  a challenge for <face-liveness challenge-url="/api/liveness/challenge">
//   POST /api/liveness/verify        { token } (or the form value) → { success, errorCodes, manualReview }
import express from 'express';
import { createAnalyzer, createChallenge, verifyToken } from 'face-liveness/server';
import { accountOf, CHALLENGE_BODY_LIMIT, DIST_DIR, errorBody, recordAttempt, secretFromEnvironment, tokenOf, VERIFY_BODY_LIMIT } from './host.mjs';

const secret = secretFromEnvironment();
// Loaded now, so that a missing model fails the start, not the first check.
const analyzer = await createAnalyzer();
const app = express();

app.use('/face-liveness', express.static(DIST_DIR));

app.post('/api/liveness/challenge', express.json({ limit: CHALLENGE_BODY_LIMIT }), (request, response) => {
  response.json(createChallenge({ secret }));
});

app.post(
  '/api/liveness/verify',
  express.json({ limit: VERIFY_BODY_LIMIT }),
  express.urlencoded({ limit: VERIFY_BODY_LIMIT, extended: false }),
  async (request, response) => {
    // Express 5 passes a rejection (the analyzer failed: nothing was accepted) to the error handler below.
    const result = await verifyToken(tokenOf(request.body), { secret, analyzer });
    const { manualReview } = await recordAttempt(accountOf(request.headers), result);
    response.status(result.success ? 200 : 422).json({ success: result.success, errorCodes: result.errorCodes, manualReview });
  },
);

app.use((request, response) => response.status(404).json(errorBody(404)));

// JSON for every error, never Express's HTML page with a stack trace.
app.use((error, request, response, next) => {
  const status = error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  response.status(status).json(errorBody(status));
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`face-liveness with Express: http://${address}:${port}/`);
});
