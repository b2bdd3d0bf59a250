/**
 * A worker thread of the analyzer pool: loads its own models, then analyses the JPEGs it is sent, one at a
 * time, answering each message `{ id, jpeg }` with `{ id, result }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompleteAnalyzerOptions } from './analyzer-types.js';
import { createLocalAnalyzer } from './local-analyzer.js';

export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string };

const port = parentPort!;
try {
  const analyzer = await createLocalAnalyzer({ ...(workerData as CompleteAnalyzerOptions), threads: 0 });
  port.on('message', ({ id, jpeg }: { id: number; jpeg: Uint8Array }) => {
    analyzer.analyzeJpeg(jpeg).then(
      (result) => port.postMessage({ type: 'done', id, result } satisfies ThreadMessage),
      (error: unknown) => port.postMessage({ type: 'failed', id, message: String(error) } satisfies ThreadMessage),
    );
  });
  port.postMessage({ type: 'ready' } satisfies ThreadMessage);
} catch (error) {
  port.postMessage({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) } satisfies ThreadMessage);
}
