/**
 * Tokenizers for the n-gram LM: characters (code points, so an emoji is one token) or whitespace-separated words.
 * Each returns token strings with their UTF-16 offsets, so scored text can be reported in OpenAI's `text_offset` form.
 */

/** Tokenization level of `models.ngram`. */
export type NgramLevel = 'char' | 'token';

/** Tokens of a text with their UTF-16 offsets. */
export interface Tokenized {
  tokens: string[];
  offsets: number[];
}

/**
 * Splits `text` into tokens at `level`.
 * @example
 *   tokenize('ab c', 'token'); // { tokens: ['ab', 'c'], offsets: [0, 3] }
 */
export function tokenize(text: string, level: NgramLevel): Tokenized {
  const tokens: string[] = [];
  const offsets: number[] = [];
  if (level === 'char') {
    let at = 0;
    for (const ch of text) {
      tokens.push(ch);
      offsets.push(at);
      at += ch.length;
    }
  } else {
    for (const m of text.matchAll(/\S+/g)) {
      tokens.push(m[0]);
      offsets.push(m.index);
    }
  }
  return { tokens, offsets };
}

/** Joins generated tokens back into text: characters directly, words with single spaces. */
export function detokenize(tokens: readonly string[], level: NgramLevel): string {
  return tokens.join(level === 'char' ? '' : ' ');
}

/**
 * The training document for a prompt and its completion. Word-level documents need a space between the two so the
 * last prompt word and the first completion word stay separate tokens.
 */
export function joinDocument(prompt: string, completion: string, level: NgramLevel): string {
  if (level === 'char' || prompt === '' || completion === '') return prompt + completion;
  return `${prompt} ${completion}`;
}
