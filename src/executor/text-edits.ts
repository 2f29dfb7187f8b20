/**
 * Edits to a cell's text that keep every position traceable: characters are blanked (replaced in place, so nothing
 * moves) and text is inserted at positions of the original. The result comes with a source map whose segments mark
 * each stretch of copied text, so a position inside one maps back exactly by its offset from the segment (see
 * `StackMapper`'s `copiedStretches`).
 */

export interface EditedText {
  text: string;
  /** Source map (JSON, version 3) from `text` to the original, one segment per copied stretch and line. */
  sourceMap: string;
}

export class TextEdits {
  /** Per character of the original: 0 kept, 1 blanked, 2 replaced by a semicolon. */
  private readonly state: Uint8Array;
  /** Insertions in the order they were made (`apply` orders them by position, keeping that order at one position). */
  private readonly insertions: { position: number; text: string }[] = [];

  constructor(readonly original: string) {
    this.state = new Uint8Array(original.length);
  }

  /** Replaces `[start, end)` with spaces, keeping line breaks. */
  blank(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      if (this.state[i] === 0 && !isLineBreak(this.original.charCodeAt(i))) this.state[i] = 1;
    }
  }

  /** Whether the character at `position` was blanked. */
  isBlank(position: number): boolean {
    return this.state[position] !== 0;
  }

  /** Whether `[start, end)` holds a line break. */
  hasLineBreak(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (isLineBreak(this.original.charCodeAt(i))) return true;
    return false;
  }

  /** Puts a semicolon where a blank is (ending a statement whose last tokens were types). */
  semicolonAt(position: number): void {
    if (this.state[position] === 1) this.state[position] = 2;
  }

  /** Inserts `text` before the original character at `position` (after earlier insertions there). */
  insert(position: number, text: string): void {
    this.insertions.push({ position, text });
  }

  apply(fileName: string): EditedText {
    const source = this.original;
    // Sorting is stable: insertions at one position keep the order they were made in.
    const insertions = [...this.insertions].sort((a, b) => a.position - b.position);
    const out: string[] = [];
    const map = new MappingsWriter();
    let column = 0;
    let originalLine = 0;
    let originalColumn = 0;
    let copiedFrom = 0;
    let next = 0;
    /** Whether the next copied character starts a stretch (and needs a segment). */
    let stretchStart = true;
    for (let i = 0; i <= source.length; i++) {
      if (next < insertions.length && insertions[next]!.position === i) {
        out.push(this.copy(copiedFrom, i));
        copiedFrom = i;
        for (; next < insertions.length && insertions[next]!.position === i; next++) {
          const { text } = insertions[next]!;
          // Anything positioned inside inserted text belongs to the original position it was inserted at.
          map.segment(column, originalLine, originalColumn);
          out.push(text);
          column = this.advance(text, column, map);
        }
        stretchStart = true;
      }
      if (i === source.length) break;
      if (stretchStart) {
        map.segment(column, originalLine, originalColumn);
        stretchStart = false;
      }
      // Lines and columns of the original and of the output advance together over copied text.
      const code = source.charCodeAt(i);
      if (code === 10 || (isLineBreak(code) && source.charCodeAt(i + 1) !== 10)) {
        column = 0;
        originalLine++;
        originalColumn = 0;
        map.newLine();
        stretchStart = true;
      } else {
        column++;
        originalColumn++;
      }
    }
    out.push(this.copy(copiedFrom, source.length));
    return {
      text: out.join(''),
      sourceMap: JSON.stringify({ version: 3, file: `${fileName}.js`, sources: [fileName], names: [], mappings: map.toString() }),
    };
  }

  /** The original's `[start, end)` with its blanks and semicolons. */
  private copy(start: number, end: number): string {
    let text = '';
    let from = start;
    for (let i = start; i < end; i++) {
      const state = this.state[i];
      if (state === 0) continue;
      let last = i + 1;
      while (last < end && this.state[last] === 1 && state === 1) last++;
      text += this.original.slice(from, i) + (state === 1 ? ' '.repeat(last - i) : ';');
      from = last;
      i = last - 1;
    }
    return text + this.original.slice(from, end);
  }

  /** The output column after inserted `text` (a line break in it starts a new output line). */
  private advance(text: string, column: number, map: MappingsWriter): number {
    let lineStart = -1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      map.newLine();
      lineStart = i + 1;
    }
    return lineStart < 0 ? column + text.length : text.length - lineStart;
  }
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 VLQ, as source maps encode every number. */
function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let encoded = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    encoded += BASE64[digit];
  } while (rest > 0);
  return encoded;
}

/** Collects segments (absolute positions, one source) line by line and writes a source map's `mappings`. */
class MappingsWriter {
  private readonly lines: [column: number, originalLine: number, originalColumn: number][][] = [[]];

  segment(column: number, originalLine: number, originalColumn: number): void {
    const line = this.lines[this.lines.length - 1]!;
    // Two segments at one column (an insertion at a line's start): the later one is where the output resumes.
    if (line.length > 0 && line[line.length - 1]![0] === column) line.pop();
    line.push([column, originalLine, originalColumn]);
  }

  newLine(): void {
    this.lines.push([]);
  }

  /** Every field relative to the one before it (columns only within their line), as the format has it. */
  toString(): string {
    let originalLine = 0;
    let originalColumn = 0;
    return this.lines.map((segments) => {
      let column = 0;
      return segments.map(([c, l, oc]) => {
        const encoded = vlq(c - column) + vlq(0) + vlq(l - originalLine) + vlq(oc - originalColumn);
        column = c;
        originalLine = l;
        originalColumn = oc;
        return encoded;
      }).join(',');
    }).join(';');
  }
}
