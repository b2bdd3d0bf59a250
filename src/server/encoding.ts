/**
 * The bytes that `text` spells in `encoding`, or null unless `text` is their one canonical spelling (no stray
 * characters, no padding in base64url, zero spare bits). Node's decoder skips what it does not understand;
 * refusing every other spelling keeps a token, a mac or an evidence frame to exactly one accepted form.
 */
export function decodeCanonical(text: string, encoding: 'base64' | 'base64url'): Buffer | null {
  const bytes = Buffer.from(text, encoding);
  return bytes.toString(encoding) === text ? bytes : null;
}
