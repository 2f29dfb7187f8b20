/**
 * Edits to a cell's text that keep every position traceable: characters are blanked (replaced in place, so nothing
 * moves) and text is inserted at positions of the original. The result comes with a source map whose segments mark
 * each stretch of copied text, so a position inside one maps back exactly by its offset from the segment (see
 * `StackMapper`'s `copiedStretches`).
 */

/** Line terminators in JavaScript: blanking keeps them so every line stays where it was. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

export interface EditedText {
  text: string;
  /** Source map (JSON, version 3) from `text` to the original, one segment per copied stretch and line. */
  sourceMap: string;
}

export class TextEdits {
  /** Per character of the original: 0 kept, 1 blanked, 2 replaced by a semicolon. */
  private readonly state: Uint8Array;
  /** Insertions by original position, in the order they were made. */
  private readonly insertions = new Map<number, string[]>();

  constructor(readonly original: string) {
    this.state = new Uint8Array(original.length);
  }

  /** Replaces `[start, end)` with spaces, keeping line breaks. */
  blank(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      if (this.state[i] === 0 && !LINE_BREAK.test(this.original[i]!)) this.state[i] = 1;
    }
  }

  /** Whether the character at `position` was blanked. */
  isBlank(position: number): boolean {
    return this.state[position] !== 0;
  }

  /** Whether `[start, end)` holds a line break. */
  hasLineBreak(start: number, end: number): boolean {
    return LINE_BREAK.test(this.original.slice(start, end));
  }

  /** Puts a semicolon where a blank is (ending a statement whose last tokens were types). */
  semicolonAt(position: number): void {
    if (this.state[position] === 1) this.state[position] = 2;
  }

  /** Inserts `text` before the original character at `position` (after earlier insertions there). */
  insert(position: number, text: string): void {
    const list = this.insertions.get(position);
    if (list) list.push(text);
    else this.insertions.set(position, [text]);
  }

  apply(fileName: string): EditedText {
    const source = this.original;
    const out: string[] = [];
    const map = new MappingsWriter();
    let column = 0;
    let originalLine = 0;
    let originalColumn = 0;
    /** Whether the next copied character starts a new stretch (and needs a segment). */
    let stretchStart = true;
    const emitInserted = (text: string) => {
      out.push(text);
      for (const ch of text) {
        if (ch === '\n') {
          column = 0;
          map.newLine();
        } else {
          column++;
        }
      }
    };
    for (let i = 0; i <= source.length; i++) {
      const inserted = this.insertions.get(i);
      if (inserted) {
        for (const text of inserted) {
          // Anything positioned inside inserted text belongs to the original position it was inserted at.
          map.segment(column, originalLine, originalColumn);
          emitInserted(text);
        }
        stretchStart = true;
      }
      if (i === source.length) break;
      if (stretchStart) {
        map.segment(column, originalLine, originalColumn);
        stretchStart = false;
      }
      const ch = source[i]!;
      const state = this.state[i];
      out.push(state === 1 ? ' ' : state === 2 ? ';' : ch);
      // Lines and columns of the original and of the output advance together over copied text.
      if (ch === '\n' || ((ch === '\r' || ch === '\u2028' || ch === '\u2029') && source[i + 1] !== '\n')) {
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
    return {
      text: out.join(''),
      sourceMap: JSON.stringify({ version: 3, file: `${fileName}.js`, sources: [fileName], names: [], mappings: map.toString() }),
    };
  }
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
