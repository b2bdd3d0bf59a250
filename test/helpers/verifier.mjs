// The server side of an end-to-end browser test: the built `face-liveness/server` (dist/server.js) issuing
// challenges to the element and verifying its tokens with its own analysis of the evidence, as a portal does.
import { randomBytes } from 'node:crypto';

/**
 * `middleware` answers `POST /verifier/challenge?actions=a,b` with a challenge of those actions (all of them, in
 * that order's pool); `plugin` gives the browser the server command `verify-token` (payload: `{ token }`), which
 * returns `{ success, errorCodes, actions, identity, frames }` from `verifyToken`.
 */
export function verifier() {
  const secret = randomBytes(32);
  const server = import('../../dist/server.js');
  let analyzer;
  let store;
  const middleware = async (context, next) => {
    if (context.method !== 'POST' || context.path !== '/verifier/challenge') return next();
    const { createChallenge } = await server;
    const actions = String(context.query.actions ?? '').split(',').filter(Boolean);
    context.type = 'application/json';
    context.set('cache-control', 'no-store');
    context.body = JSON.stringify(createChallenge({ secret, actions, count: actions.length }));
  };
  const plugin = {
    name: 'face-liveness-verifier',
    async executeCommand({ command, payload }) {
      if (command !== 'verify-token') return undefined;
      const { verifyToken, createAnalyzer, MemoryNonceStore } = await server;
      analyzer ??= createAnalyzer();
      store ??= new MemoryNonceStore();
      const result = await verifyToken(payload.token, { secret, store, analyzer: await analyzer });
      return {
        success: result.success,
        errorCodes: result.errorCodes,
        actions: (result.analysis?.actions ?? []).map(({ action, confirmed }) => ({ action, confirmed })),
        identity: result.analysis?.identity ?? null,
        // Per frame, for a failure's message: what the server measured.
        frames: (result.analysis?.frames ?? []).map(({ label, t, similarity, link, measures }) => ({
          label, t, similarity: similarity?.toFixed(3), link: link?.toFixed(3), yaw: measures?.yaw.toFixed(1), pitch: measures?.pitch.toFixed(1),
        })),
      };
    },
    async serverStop() {
      await (await analyzer)?.dispose();
    },
  };
  return { middleware, plugin };
}
