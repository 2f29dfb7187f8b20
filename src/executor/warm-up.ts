/**
 * Sample cells put through the type checker once the kernel has started (and through the transpiler on its own
 * thread, see transpile-thread.ts), never run and never recorded. A kernel's first cells are otherwise several times
 * slower than later ones: V8 has not yet compiled TypeScript's checker and transformers for the shapes cells use,
 * and the checker has not yet resolved the lib types they touch (arrays, promises, Math, tensors).
 */
import type { CellChecker } from './cell-checker.js';

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
 * Checks sample cells: the first round at once (it resolves the lib types every early cell needs, so a cell sent
 * meanwhile would pay for most of it anyway), the rest one sample per pause in the user's cells (`idle()`), until
 * `budgetMs` of checking is spent or every sample ran `rounds` times. Those never run between cells sent back to
 * back, where they would delay every other one.
 */
export async function warmUp(checker: CellChecker, idle: () => boolean, budgetMs: number, rounds = 6, atOnce = 1): Promise<void> {
  let spent = 0;
  for (let round = 0; round < rounds; round++) {
    for (const sample of SAMPLES) {
      if (round >= atOnce) {
        do await new Promise((resolve) => setTimeout(resolve, PAUSE_MS)); while (!idle());
      }
      if (spent > budgetMs) return;
      const start = performance.now();
      checker.check(sample.replaceAll('@', String(round)));
      spent += performance.now() - start;
    }
  }
}

/** How often the warm-up looks for a pause; `idle()` decides what counts as one. */
const PAUSE_MS = 20;
