/**
 * Execution history for `history_request` (tail, range, search), kept across kernel sessions the way IPython keeps
 * it: each kernel start is a new session numbered after the last one on disk, and tail and search see earlier
 * sessions too (so a console's up-arrow reaches yesterday's cells).
 *
 * Stored as JSON lines, appended in the background so a cell never waits on the disk: `{"s":2,"l":5,"i":"code"}` for
 * an input and `{"s":2,"l":5,"o":"text"}` for its output. The file is `WHETSTONE_HISTORY_FILE` if set (empty turns
 * persistence off), else `$XDG_DATA_HOME/whetstone/history.jsonl` (`~/.local/share/...`).
 */
import { mkdirSync, openSync, readFileSync, renameSync, write, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output?: string;
}

export type HistoryRow = [number, number, string] | [number, number, [string, string | null]];

interface Record {
  s: number;
  l: number;
  i?: string;
  o?: string;
}

/** Above this many entries on disk, loading rewrites the file with the newest KEEP_ENTRIES. */
const COMPACT_ABOVE = 50_000;
const KEEP_ENTRIES = 20_000;
/** How long records wait to be written (see `persist`). */
const WRITE_DELAY_MS = 200;

export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env['WHETSTONE_HISTORY_FILE'];
  if (configured !== undefined) return configured === '' ? null : configured;
  const data = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(data, 'whetstone', 'history.jsonl');
}

export class History {
  private entries: HistoryEntry[] = [];
  private currentSession = 1;
  private loaded = false;
  /** Appends run one after another; a failed write turns persistence off for this kernel instead of failing cells. */
  private writes: Promise<void> = Promise.resolve();
  /** The history file, open for appending from the first record on (closed when the kernel exits). */
  private fd: number | undefined;
  /** The file ends in a torn line (a kernel killed mid-write): start the next record on a line of its own. */
  private tornEnd = false;
  /** Text of the records not yet handed to a write (see `persist`), and the timer that will hand it over. */
  private queued = '';
  private writeTimer: NodeJS.Timeout | undefined;

  constructor(private file: string | null = defaultHistoryFile()) {}

  /** This kernel's session number: one more than the last session on disk. */
  get session(): number {
    this.load();
    return this.currentSession;
  }

  add(line: number, input: string): void {
    this.load();
    this.entries.push({ session: this.currentSession, line, input });
    this.persist({ s: this.currentSession, l: line, i: input });
  }

  setOutput(line: number, output: string): void {
    this.load();
    const entry = this.entries.findLast((e) => e.session === this.currentSession && e.line === line);
    if (!entry) return;
    entry.output = output;
    this.persist({ s: this.currentSession, l: line, o: output });
  }

  /** The last `n` entries, this session's and earlier ones'. */
  tail(n: number): HistoryEntry[] {
    this.load();
    return n > 0 ? this.entries.slice(-n) : [];
  }

  /**
   * Lines `start` ≤ line < `stop` of one session: 0 is this one, a negative number counts back from it (-1 = the
   * previous session), a positive number is absolute. `stop` 0 or missing reads to the end.
   */
  range(session: number, start: number, stop: number | undefined | null): HistoryEntry[] {
    this.load();
    const wanted = session <= 0 ? this.currentSession + session : session;
    return this.entries.filter((e) => e.session === wanted && e.line >= start && (!stop || stop <= 0 || e.line < stop));
  }

  /** Glob search (`*`, `?`) over inputs of every session, newest last; `unique` drops repeats; `n` keeps the last n. */
  search(pattern: string, n: number | undefined, unique: boolean): HistoryEntry[] {
    this.load();
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`);
    let found = this.entries.filter((e) => regex.test(e.input));
    if (unique) {
      const seen = new Set<string>();
      found = found.reverse().filter((e) => (seen.has(e.input) ? false : (seen.add(e.input), true))).reverse();
    }
    return n && n > 0 ? found.slice(-n) : found;
  }

  /** Resolves once every append so far has reached the file (for shutdown and tests). */
  flush(): Promise<void> {
    this.writeQueued();
    return this.writes;
  }

  /** Reads earlier sessions once, on first use, so start-up does not wait for the file. */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return; // no history yet
    }
    this.tornEnd = text.length > 0 && !text.endsWith('\n');
    const byKey = new Map<string, HistoryEntry>();
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (!record) continue; // a torn or foreign line costs that line only
      const key = `${record.s}:${record.l}`;
      if (record.i !== undefined) byKey.set(key, { session: record.s, line: record.l, input: record.i });
      else if (record.o !== undefined) {
        const entry = byKey.get(key);
        if (entry) entry.output = record.o;
      }
    }
    this.entries = [...byKey.values()];
    this.currentSession = this.entries.reduce((max, e) => Math.max(max, e.session), 0) + 1;
    if (this.entries.length > COMPACT_ABOVE) this.compact();
  }

  private compact(): void {
    this.entries = this.entries.slice(-KEEP_ENTRIES);
    const lines = this.entries.flatMap((e) => [
      JSON.stringify({ s: e.session, l: e.line, i: e.input }),
      ...(e.output === undefined ? [] : [JSON.stringify({ s: e.session, l: e.line, o: e.output })]),
    ]);
    try {
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, lines.join('\n') + '\n');
      renameSync(temp, this.file!);
    } catch {
      // Compaction is an optimisation; the full file still loads next time.
    }
  }

  /**
   * Records wait WRITE_DELAY_MS before they are written, all queued ones in one write. A cell's own turn of the event
   * loop never starts a write: handing one to libuv's thread pool wakes a thread, and on a small machine that thread
   * and the write call compete for a core with the zeromq thread that is sending the cell's reply and idle. Cells
   * sent back to back (Run All) share one write every WRITE_DELAY_MS instead of one each. A kernel that shuts down
   * writes what is queued first (`flush`); one killed outright loses at most the records of its last moments.
   */
  private persist(record: Record): void {
    if (!this.file) return;
    const first = this.queued === '';
    this.queued += (this.tornEnd ? '\n' : '') + JSON.stringify(record) + '\n';
    this.tornEnd = false;
    if (first) this.writeTimer = setTimeout(() => this.writeQueued(), WRITE_DELAY_MS);
  }

  private writeQueued(): void {
    clearTimeout(this.writeTimer);
    const file = this.file;
    const text = this.queued;
    this.queued = '';
    if (!file || text === '') return;
    this.writes = this.writes.then(() => new Promise<void>((resolve) => {
      const fail = (error: Error) => {
        process.stderr.write(`whetstone: history is not saved (${error.message})\n`);
        this.file = null;
        resolve();
      };
      try {
        // Opened once and kept: opening and closing the file for every cell cost more than the write itself.
        if (this.fd === undefined) {
          mkdirSync(dirname(file), { recursive: true });
          this.fd = openSync(file, 'a');
        }
      } catch (error) {
        fail(error as Error);
        return;
      }
      write(this.fd, text, (error) => (error ? fail(error) : resolve()));
    }));
  }
}

function parseRecord(line: string): Record | undefined {
  if (!line) return undefined;
  try {
    const value = JSON.parse(line) as Record;
    return Number.isInteger(value.s) && Number.isInteger(value.l) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function toRows(entries: HistoryEntry[], withOutput: boolean): HistoryRow[] {
  return entries.map((e) => (withOutput ? [e.session, e.line, [e.input, e.output ?? null]] : [e.session, e.line, e.input]));
}
