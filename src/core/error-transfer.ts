import type { TransferHandler } from 'comlink';
import { fromWireError, toWireError, type WireError } from './errors.js';

/**
 * Comlink's own throw handler keeps only `name`, `message` and `stack`, so a worker's
 * `FaceLivenessError` would reach the element without its `code`. Both sides install this one
 * (each bundle has its own comlink, hence its own handler map).
 */
export function installErrorTransfer(transferHandlers: Map<string, TransferHandler<unknown, unknown>>): void {
  const builtIn = transferHandlers.get('throw');
  if (!builtIn) throw new Error('comlink has no "throw" transfer handler to replace');
  const handler: TransferHandler<{ value: unknown }, WireError> = {
    canHandle: (value): value is { value: unknown } => builtIn.canHandle(value),
    serialize: ({ value }) => [toWireError(value), []],
    deserialize: (wire) => {
      throw fromWireError(wire);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
