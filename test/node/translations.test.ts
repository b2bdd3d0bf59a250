/**
 * Languages from the host (src/element/i18n/registry.ts, behind FaceLiveness.registerTranslation): the
 * checks on what is registered, and which language an element's `lang` then resolves to.
 * The registrations here reuse the English text under other tags: these tests are about which
 * registration is picked, not about wording (test/browser/translations.test.ts shows real Uyghur).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../src/element/i18n/en.js';
import { resolveLanguage, textDirection, translation, type Translation } from '../../src/element/i18n/localize.js';
import { registerTranslation } from '../../src/element/i18n/registry.js';
import { zhCN } from '../../src/element/i18n/zh-CN.js';

/** A deep copy of the English text, so that no test can change the built-in one. */
const english = (): Translation => ({ ...(JSON.parse(JSON.stringify(en)) as Translation), step: en.step, attemptsLeft: en.attemptsLeft });

/** English text with a consent title that tells the registrations apart. */
const marked = (title: string): Translation => ({ ...english(), consentTitle: title });

/** English text with one change at `path` (a value of `undefined` removes the key), typed loosely on purpose. */
function changed(path: string[], value: unknown): Translation {
  const copy = english() as unknown as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy as unknown as Translation;
}

describe('registerTranslation', () => {
  it('adds a language that an element’s lang then resolves to, with its text and direction', () => {
    registerTranslation('ug', marked('ug title'), { dir: 'rtl' });
    assert.equal(resolveLanguage('ug'), 'ug');
    assert.equal(translation(resolveLanguage('ug')).consentTitle, 'ug title');
    assert.equal(textDirection('ug'), 'rtl');
  });

  it('matches the exact tag first, then the primary subtag, whatever the case', () => {
    registerTranslation('mn', marked('mn title'), { dir: 'ltr' });
    registerTranslation('mn-Mong', marked('mn-Mong title'), { dir: 'ltr' });
    assert.equal(resolveLanguage('MN-mong'), 'mn-Mong');
    assert.equal(resolveLanguage('mn-Cyrl'), 'mn');
    assert.equal(resolveLanguage('mn-Mong-CN'), 'mn');
    assert.equal(translation(resolveLanguage('mn-MN')).consentTitle, 'mn title');
  });

  it('falls back as before: the next candidate (the page’s lang), English variants, Chinese, then zh-CN', () => {
    assert.equal(resolveLanguage('bo', 'en-GB'), 'en');
    assert.equal(resolveLanguage('zh-TW'), 'zh-CN');
    assert.equal(resolveLanguage('fr'), 'zh-CN');
    assert.equal(resolveLanguage('not a tag', 'en'), 'en');
    assert.equal(resolveLanguage(null, undefined, ''), 'zh-CN');
    assert.equal(translation('zh-CN'), zhCN);
    assert.equal(textDirection('en'), 'ltr');
  });

  it('can replace a built-in language’s wording', () => {
    registerTranslation('en-AU', marked('en-AU title'));
    assert.equal(translation(resolveLanguage('en-AU')).consentTitle, 'en-AU title');
    assert.equal(translation(resolveLanguage('en-US')).consentTitle, en.consentTitle);
  });

  it('takes the direction from the locale data when none is given', () => {
    registerTranslation('fa', marked('fa title'));
    registerTranslation('bo', marked('bo title'));
    assert.equal(textDirection('fa'), 'rtl');
    assert.equal(textDirection('bo'), 'ltr');
  });

  it('keeps its own copy: changing the host’s object later changes nothing', () => {
    const strings = marked('kk title');
    registerTranslation('kk', strings);
    strings.consentTitle = 'changed';
    strings.advice['too-dark'] = '';
    assert.equal(translation('kk').consentTitle, 'kk title');
    assert.equal(translation('kk').advice['too-dark'], en.advice['too-dark']);
  });

  const invalid: [string, () => void, RegExp][] = [
    ['a missing key', () => registerTranslation('ky', changed(['advice', 'too-dark'], undefined)), /strings\.advice\['too-dark'\] is missing/],
    ['a missing top-level key', () => registerTranslation('ky', changed(['photoButton'], undefined)), /strings\.photoButton is missing/],
    ['a number for a string', () => registerTranslation('ky', changed(['errors', 'timeout'], 5)), /strings\.errors\.timeout must be a non-empty string, got number/],
    ['an empty string', () => registerTranslation('ky', changed(['start'], '  ')), /strings\.start must be a non-empty string, got "  "/],
    ['too few consent points', () => registerTranslation('ky', changed(['consentPoints'], ['one', 'two'])), /strings\.consentPoints must be a list of 3 strings/],
    ['a string for a function', () => registerTranslation('ky', changed(['step'], 'Step')), /strings\.step must be a function returning text/],
    ['a function giving no text', () => registerTranslation('ky', changed(['attemptsLeft'], () => 3)), /strings\.attemptsLeft\(2\) must be a non-empty string, got number/],
    ['a function that throws', () => registerTranslation('ky', changed(['step'], () => { throw new Error('boom'); })), /strings\.step\(1, 2\) threw: Error: boom/],
    ['an unknown key', () => registerTranslation('ky', changed(['consentTitel'], 'typo')), /strings\.consentTitel is not a key of Translation/],
    ['no object', () => registerTranslation('ky', null as unknown as Translation), /strings must be an object, got null/],
    ['an empty tag', () => registerTranslation('', english()), /"" is not a BCP-47 language tag/],
    ['a malformed tag', () => registerTranslation('uyghur language', english()), /"uyghur language" is not a BCP-47 language tag/],
    ['a tag that is no string', () => registerTranslation(42 as unknown as string, english()), /42 is not a BCP-47 language tag/],
    ['a wrong direction', () => registerTranslation('ky', english(), { dir: 'right-to-left' as 'rtl' }), /options\.dir must be 'ltr' or 'rtl', got "right-to-left"/],
  ];
  for (const [what, register, message] of invalid) {
    it(`throws a TypeError for ${what}, and registers nothing`, () => {
      assert.throws(register, (error: unknown) => error instanceof TypeError && message.test(error.message));
      assert.equal(resolveLanguage('ky'), 'zh-CN');
    });
  }
});
