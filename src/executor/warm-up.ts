/**
 * Sample cells put through the type checker and the quick transpiler once the kernel has started (and through
 * TypeScript's emit on its own thread, see transpile-thread.ts), never run and never recorded. A kernel's first cells are otherwise several times
 * slower than later ones: V8 has not yet compiled TypeScript's checker and transformers for the shapes cells use,
 * and the checker has not yet resolved the lib types they touch (arrays, promises, Math, tensors).
 */

/** Cells in the shapes researchers write; `@` becomes the round number. Each must check clean (tested). */
export const SAMPLES: readonly string[] = [
  'function scale@(values: number[], factor = 2): number[] {\n  return values.map((v) => v * factor).filter((v) => v > 0);\n}\nconst scaled@ = scale@([1, 2, 3]);',
  'interface Run@ { name: string; score: number; tags?: string[] }\nconst runs@: Run@[] = [{ name: "a", score: 0.5 }];\nconst best@ = runs@.reduce((a, b) => (a.score > b.score ? a : b));',
  'class Meter@ {\n  private total = 0;\n  constructor(readonly label: string) {}\n  add(x: number): this { this.total += x; return this; }\n  get mean(): number { return this.total; }\n}\nconst meter@ = new Meter@("m").add(1);',
  'type Pair@<T> = { left: T; right: T };\nconst swap@ = <T,>({ left, right }: Pair@<T>): Pair@<T> => ({ left: right, right: left });\nconst pair@ = swap@({ left: "x", right: "y" });',
  'const response@ = await Promise.all([1, 2].map(async (i) => ({ i, text: `cell ${i}` })));\nfor (const { i, text } of response@) console.log(i, text.length, Math.max(i, 3));',
  'const t@ = tf.tidy(() => tf.tensor2d([[1, 2], [3, 4]]).matMul(tf.ones([2, 2])).mean());\nconst arr@ = Array.from({ length: 4 }, (_, k) => k ** 2);\nconst map@ = new Map<string, number>([["a", 1]]);',
  'let count@ = 0;\nwhile (count@ < 3) { count@++; }\nconst obj@ = { ...{ a: 1 }, b: [count@, "s"] as const };\nconst keys@ = Object.entries(obj@).map(([k, v]) => `${k}=${String(v)}`).join(",");',
];

/**
 * One-line cells, each declaring a name as most real cells do, so that a rehearsal is checked with the export line
 * of a declaring cell; `@` becomes the rehearsal's number. Each must check clean (tested).
 */
export const REHEARSALS: readonly string[] = [
  'function rehearsal@(a: number): number { return a * 2 + @ }',
  'const rehearsed@ = Math.max(@, 2) * 3 + 1',
  'const listed@ = [@, 2, 3].map((x) => x / 2).filter((x) => x > 1)',
];

/**
 * After the samples, V8 still has far to go: a kernel that had run 2,500 more one-line cells took 0.84-0.93x the
 * time of a fresh one for each function cell (medians, several A/B runs on a 2-vCPU machine; rehearsing the same
 * cells in-process, as here, 0.93x), and its background threads spent 0.42-0.57 ms a cell instead of 0.70-0.87 on
 * TurboFan, which kept optimizing a long tail of checker, parser and binder functions
 * (131 of them first compiled between cells 500 and 900). What gets those functions compiled is how often the path
 * a cell takes is run, not how long the cells are: so one-line cells, checked and transpiled but never run or
 * recorded, `count` of them, in slices of at most `sliceMs` while the kernel is quiet (a request that arrives waits
 * for one slice at most), until `budgetMs` of slices are spent. `prepare` returns false when a rehearsal cannot
 * take the path real cells take (the live checker is off): then rehearsing would warm the wrong code, and it stops.
 */
export async function rehearse(
  prepare: (code: string) => boolean, idle: () => boolean,
  { count = REHEARSAL_COUNT, budgetMs = REHEARSAL_BUDGET_MS, sliceMs = REHEARSAL_SLICE_MS } = {},
): Promise<void> {
  let spent = 0;
  let done = 0;
  while (done < count && spent < budgetMs) {
    do await new Promise((resolve) => setTimeout(resolve, PAUSE_MS)); while (!idle());
    const start = performance.now();
    // At least one a slice, so that a slow rehearsal cannot stall the loop.
    do {
      if (!prepare(REHEARSALS[done % REHEARSALS.length]!.replaceAll('@', String(done)))) return;
      done++;
    } while (done < count && performance.now() - start < sliceMs);
    spent += performance.now() - start;
  }
}

/**
 * Rehearsals in all: enough for the gain measured above. In a kernel they took about 0.6 s of the main thread and
 * 2.2 s of the process's CPU with V8's compiling (9.25 s vs 7.0 s in the first 10 s after start), and kept ~1 MB of heap.
 */
const REHEARSAL_COUNT = 2_500;
/** A bound for slow machines, where each rehearsal takes longer. */
const REHEARSAL_BUDGET_MS = 5_000;
/** A request arriving during a slice waits for it: a few rehearsals, each well under a millisecond once warm. */
const REHEARSAL_SLICE_MS = 3;

/**
 * Prepares sample cells with `prepare` (everything a cell goes through before it runs): the first round at once (it
 * resolves the lib types every early cell needs, so a cell sent meanwhile would pay for most of it anyway), the rest
 * one sample at a time while the kernel is quiet (`idle()`, see QuietPeriod), at most one per `PAUSE_MS`, until
 * `budgetMs` is spent or every sample ran `rounds` times. In a kernel a sample takes 2–20 ms even after the first
 * round, and a request that arrives meanwhile waits for it: so samples keep out of bursts of requests (Run All, a
 * client sending cells back to back) and run in the pauses a person leaves between cells.
 */
export async function warmUp(prepare: (code: string) => void, idle: () => boolean, budgetMs: number, rounds = ROUNDS, atOnce = 1): Promise<void> {
  let spent = 0;
  for (let round = 0; round < rounds; round++) {
    for (const sample of SAMPLES) {
      if (round >= atOnce) {
        do await new Promise((resolve) => setTimeout(resolve, PAUSE_MS)); while (!idle());
      }
      if (spent > budgetMs) return;
      const start = performance.now();
      prepare(sample.replaceAll('@', String(round)));
      spent += performance.now() - start;
    }
  }
}

/**
 * Rounds of samples (280 checks; in process about 0.5 s of CPU in all). V8 keeps optimizing the checker long after
 * its first rounds: in process, the first 20 function cells took 0.60-0.70 ms (median) after the 6 rounds there used
 * to be, and 0.36-0.44 ms after 300 more samples; in a kernel (two A/B runs of five and six sessions of each build)
 * 1.75-1.79 ms instead of 2.08-2.10.
 */
const ROUNDS = 40;

/**
 * How often the warm-up looks for its next turn; `idle()` decides whether it has one. Short enough that the rounds
 * are done within the first seconds of pauses (a request waits at most for the one sample running when it arrives).
 */
const PAUSE_MS = 5;

/**
 * Whether the kernel has been left alone for a while: no cell, completion or inspection for `quietMs`. Cells sent
 * back to back arrive well under a millisecond after the previous one ends, so a pause this long means nobody is
 * waiting on the kernel right now.
 */
export class QuietPeriod {
  private lastActivity = -Infinity;
  private busy = 0;

  constructor(private readonly quietMs = QUIET_MS, private readonly now: () => number = () => performance.now()) {}

  /** Marks the start of a request's work; pair with `end`. */
  begin(): void {
    this.busy++;
    this.lastActivity = this.now();
  }

  end(): void {
    this.busy = Math.max(0, this.busy - 1);
    this.lastActivity = this.now();
  }

  /** A request that takes no time worth tracking (a completion): counts as activity at this moment. */
  touch(): void {
    this.lastActivity = this.now();
  }

  isQuiet(): boolean {
    return this.busy === 0 && this.now() - this.lastActivity >= this.quietMs;
  }
}

/**
 * Far above the gap between cells sent back to back (under a millisecond) and below a person's pause between cells.
 * Samples that took any gap made `1+1` sent back to back 1.33 ms instead of 1.06 (median of eight A/B runs).
 */
const QUIET_MS = 150;
