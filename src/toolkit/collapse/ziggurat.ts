/**
 * Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8)) on top of a seeded
 * `Rng`. The loops draw millions of normals, and Box–Muller's log, sqrt, sin and cos cost about four times more
 * than one table lookup; NumPy's generator uses a ziggurat too, so this keeps the benchmark like for like.
 *
 * 128 layers of equal area V under f(x) = exp(−x²/2). Edges: e[0] = V/f(R) (the base strip's width, tail folded
 * in), e[1] = R, e[k+1] = f⁻¹(V/e[k] + f(e[k])), e[128] = 0. A draw picks a layer k and x = u·e[k]: it is accepted
 * at once when x < e[k+1] (about 99% of draws), else from the tail (k = 0) or by a wedge test y < f(x).
 */
import type { Rng } from '../util/random.js';

const LAYERS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;

const EDGES = new Float64Array(LAYERS + 1);
const HEIGHTS = new Float64Array(LAYERS + 1);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  EDGES[0] = V / f(R);
  EDGES[1] = R;
  for (let k = 1; k < LAYERS - 1; k++) EDGES[k + 1] = Math.sqrt(-2 * Math.log(V / EDGES[k]! + f(EDGES[k]!)));
  EDGES[LAYERS] = 0;
  for (let k = 0; k <= LAYERS; k++) HEIGHTS[k] = f(EDGES[k]!);
}

/** The layer edges, exposed for tests (the top layer must have area V too). */
export const ZIGGURAT_EDGES: Readonly<Float64Array> = EDGES;

/**
 * Returns a function drawing standard normals, reproducible from `r`: it takes four words from `r` to seed its own
 * xoshiro128** stream (the generator in util/random.ts), kept in an Int32Array because V8 boxes 32-bit state held
 * in closure variables, and that allocation, not the arithmetic, dominated the loops' run time.
 */
export function zigguratNormal(r: Rng): () => number {
  const s = new Int32Array(4);
  for (let i = 0; i < 4; i++) s[i] = Math.floor(r.next() * 4294967296) | 0;
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] ^= s[0]!; s[3] ^= s[1]!; s[1] ^= s[2]!; s[0] ^= s[3]!; s[2] ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  return function draw(): number {
    for (;;) {
      // One 53-bit uniform gives the layer (7 bits), the sign (1 bit) and a 45-bit fraction.
      const t = uniform() * 256;
      const idx = t | 0;
      const k = idx & 127;
      const x = (t - idx) * EDGES[k]!;
      const sign = idx & 128 ? -1 : 1;
      if (x < EDGES[k + 1]!) return sign * x;
      if (k === 0) {
        // Tail beyond R (Marsaglia 1964): exponential proposals a accepted when 2b ≥ a², b ~ Exp(1).
        let a: number, b: number;
        do {
          a = -Math.log(1 - uniform()) / R;
          b = -Math.log(1 - uniform());
        } while (2 * b < a * a);
        return sign * (R + a);
      }
      const y = HEIGHTS[k]! + uniform() * (HEIGHTS[k + 1]! - HEIGHTS[k]!);
      if (y < Math.exp(-0.5 * x * x)) return sign * x;
    }
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
