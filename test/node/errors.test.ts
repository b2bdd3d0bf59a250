import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transferHandlers, type TransferHandler } from 'comlink';
import { installErrorTransfer } from '../../src/core/error-transfer.js';
import { ERROR_CODES, FaceLivenessError, fromWireError, isErrorCode, toWireError } from '../../src/core/errors.js';

describe('FaceLivenessError', () => {
  it('keeps code and retryable through the wire form', () => {
    const original = new FaceLivenessError('model-load-failed', 'no models');
    const copy = fromWireError(structuredClone(toWireError(original)));
    assert.ok(copy instanceof FaceLivenessError, 'copy instanceof FaceLivenessError');
    assert.equal(copy.code, 'model-load-failed');
    assert.equal(copy.retryable, true);
    assert.equal(copy.message, 'no models');
  });

  it('gives any other thrown value the fallback code', () => {
    assert.equal(toWireError(new TypeError('boom')).code, 'worker-failed');
    assert.equal(toWireError('text', 'timeout').code, 'timeout');
  });

  it('knows its codes', () => {
    assert.equal(ERROR_CODES.length, 14);
    assert.ok(ERROR_CODES.every(isErrorCode), 'ERROR_CODES.every(isErrorCode)');
    assert.equal(isErrorCode('toString'), false);
    assert.equal(isErrorCode('nope'), false);
  });
});

describe('installErrorTransfer', () => {
  it("replaces comlink's throw handler so the code survives serialisation", () => {
    installErrorTransfer(transferHandlers);
    const handler = transferHandlers.get('throw') as TransferHandler<unknown, unknown>;
    const thrown = { value: new FaceLivenessError('backend-unavailable', 'no backend'), [Symbol('Comlink.thrown')]: 0 };
    const [wire] = handler.serialize(thrown);
    assert.throws(
      () => handler.deserialize(structuredClone(wire)),
      (error: unknown) => error instanceof FaceLivenessError && error.code === 'backend-unavailable' && error.message === 'no backend',
    );
  });
});
