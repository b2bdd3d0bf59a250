import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinSentences } from '../../src/element/check-prompts.js';

describe('joinSentences', () => {
  it('joins Chinese without a space, adding a full-width stop where the first lacks one', () => {
    assert.equal(joinSentences('没有看到您眨眼。', '眨眼要闭紧再睁开。'), '没有看到您眨眼。眨眼要闭紧再睁开。');
    assert.equal(joinSentences('请慢慢眨一下眼睛', '眨眼要闭紧再睁开。'), '请慢慢眨一下眼睛。眨眼要闭紧再睁开。');
  });

  it('joins other scripts with a space, adding a full stop where the first lacks one', () => {
    assert.equal(joinSentences('We did not see you blink.', 'Close your eyes fully.'), 'We did not see you blink. Close your eyes fully.');
    assert.equal(joinSentences('Please blink slowly, once', 'Close your eyes fully.'), 'Please blink slowly, once. Close your eyes fully.');
  });
});
