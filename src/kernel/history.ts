/** Execution history for `history_request` (tail, range, search), kept for the life of the kernel. */

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output?: string;
}

export type HistoryRow = [number, number, string] | [number, number, [string, string | null]];

/** This kernel's history session number (sessions before it are not persisted, so this is always 1). */
export const CURRENT_SESSION = 1;

export class History {
  private readonly entries: HistoryEntry[] = [];

  add(line: number, input: string): void {
    this.entries.push({ session: CURRENT_SESSION, line, input });
  }

  setOutput(line: number, output: string): void {
    // Newest first: the entry is almost always the one just added.
    const entry = this.entries.findLast((e) => e.line === line);
    if (entry) entry.output = output;
  }

  /** The last `n` entries. */
  tail(n: number): HistoryEntry[] {
    return n > 0 ? this.entries.slice(-n) : [];
  }

  /** Lines `start` ≤ line < `stop` of a session (0 or 1 = this one; negative = earlier, none kept). stop 0 = to the end. */
  range(session: number, start: number, stop: number | undefined): HistoryEntry[] {
    if (session !== 0 && session !== CURRENT_SESSION) return [];
    return this.entries.filter((e) => e.line >= start && (stop === undefined || stop === null || stop <= 0 || e.line < stop));
  }

  /** Glob search (`*`, `?`) over inputs, newest last; `unique` drops repeated inputs; `n` keeps the last n. */
  search(pattern: string, n: number | undefined, unique: boolean): HistoryEntry[] {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`);
    let found = this.entries.filter((e) => regex.test(e.input));
    if (unique) {
      const seen = new Set<string>();
      found = found.reverse().filter((e) => (seen.has(e.input) ? false : (seen.add(e.input), true))).reverse();
    }
    return n && n > 0 ? found.slice(-n) : found;
  }
}

export function toRows(entries: HistoryEntry[], withOutput: boolean): HistoryRow[] {
  return entries.map((e) => (withOutput ? [e.session, e.line, [e.input, e.output ?? null]] : [e.session, e.line, e.input]));
}
