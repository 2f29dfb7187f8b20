/**
 * Answer extraction used by the verifiers: the last `\boxed{…}` (braces balanced, as MATH-style graders expect), the
 * last number in a text (integers, decimals, thousands separators, exponents, simple fractions a/b), and a light
 * normalization for string comparison.
 */

/**
 * The content of the last `\boxed{…}` (or `\fbox{…}`) in `text`, with nested braces kept; null when there is none or
 * its braces never close.
 *
 * @example
 * rewards.extractBoxed('so \\boxed{\\frac{1}{2}}.')   // '\\frac{1}{2}'
 * rewards.extractBoxed('no box')                      // null
 */
export function extractBoxed(text: string): string | null {
  const at = Math.max(text.lastIndexOf('\\boxed{'), text.lastIndexOf('\\fbox{'));
  if (at < 0) return null;
  const open = text.indexOf('{', at);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(open + 1, i).trim();
  }
  return null;
}

const NUMBER = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*\/\s*-?\d+(?:\.\d+)?)?|-?\.\d+/g;

/**
 * The last number in `text` as written (e.g. '1,234.5', '-3/4', '2e-3'), or null.
 *
 * @example
 * rewards.extractNumber('The answer is 1,024 apples')   // '1,024'
 */
export function extractNumber(text: string): string | null {
  const all = text.match(NUMBER);
  return all ? all[all.length - 1]!.trim() : null;
}

/**
 * Parses a number as extractNumber finds it (thousands separators, fractions a/b, a trailing %); NaN if it is not one.
 *
 * @example
 * rewards.parseNumber('-3/4')    // -0.75
 * rewards.parseNumber('1,024')   // 1024
 */
export function parseNumber(text: string): number {
  const s = text.trim().replace(/,(?=\d{3}\b)/g, '').replace(/%$/, '').replace(/^\$/, '');
  const frac = /^(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  return s === '' ? NaN : Number(s);
}

/** Trims, collapses whitespace, drops surrounding `$…$` and a trailing period: for exact string comparison. */
export function normalizeAnswer(text: string): string {
  return text.trim().replace(/^\$+|\$+$/g, '').replace(/\s+/g, ' ').replace(/\.$/, '').trim();
}
