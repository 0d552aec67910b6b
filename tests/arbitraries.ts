import fc from 'fast-check';

/** Characters that break naive text handling: controls, bidi, zero-width, combining, surrogates, markup. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u0301',
  '\u0308',
  '\u20dd',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\ude00',
  '\ufffd',
  '😀',
  '👩‍👩‍👧',
  '🏳️‍🌈',
  '🇨🇳',
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '/',
  '\\',
  '<mark>',
  '</mark>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '.*',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '+',
  '?',
  '^',
  '$',
  '|',
  '-',
  '--',
  '"',
  '“',
  '”',
  '　',
  '％',
  '%',
  '%ZZ',
  '政协',
  '资阳',
  '書香',
  '４３户',
  '一年，',
  '党',
  '協',
  '1+7+N',
];

/** Arbitrary queries of up to `max` UTF-16 units: random Unicode mixed with the nasty pieces above. */
export const hostileString = (max = 200) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...NASTY),
        fc.string({ unit: 'binary', maxLength: 4 }),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('').slice(0, max));

/**
 * Percent-encodes any JavaScript string, lone surrogates included (as the invalid UTF-8 a careless
 * client would send), which encodeURIComponent refuses to do.
 */
export function encodeAnything(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => '%' + b.toString(16).toUpperCase())
        .join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** Whether an HTML snippet holds no markup but <mark> and </mark>. */
export function onlyMarkTags(html: string): boolean {
  return !/[<>]/.test(html.replace(/<\/?mark>/g, ''));
}
