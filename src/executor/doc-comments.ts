/**
 * Documentation for `inspect`, read from the raw declaration text on demand.
 *
 * The type checker's files are parsed without their JSDoc (`JSDocParsingMode.ParseNone`): parsing every doc comment
 * of the lib, @types/node and TensorFlow.js took about a third of the first check's parse time, at every kernel
 * start, for comments that only `inspect` ever reads. So `inspect` finds the declaration and reads the `/** … *\/`
 * comment right before it.
 */

/** The doc comment ending just before the line that holds `namePosition`, as text and tags; undefined if none. */
export function docCommentBefore(text: string, namePosition: number): { text: string; tags: string[] } | undefined {
  const lineStart = text.lastIndexOf('\n', namePosition - 1) + 1;
  let end = lineStart;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (text.slice(end - 2, end) !== '*/') return undefined;
  const start = text.lastIndexOf('/**', end - 2);
  if (start < 0 || text.slice(start, end - 2).includes('*/')) return undefined;
  return parseDocComment(text.slice(start + 3, end - 2));
}

/** `* Sums.\n * @param x the values\n * @example sum([1])` → text "Sums.", tags ["@param x the values", …]. */
export function parseDocComment(body: string): { text: string; tags: string[] } {
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  const description: string[] = [];
  const tags: string[] = [];
  for (const line of lines) {
    if (/^\s*@\w/.test(line)) tags.push(line.trim());
    else if (tags.length > 0) tags[tags.length - 1] += `\n${line}`;
    else description.push(line);
  }
  return { text: description.join('\n').trim(), tags: tags.map((tag) => tag.trimEnd()) };
}
