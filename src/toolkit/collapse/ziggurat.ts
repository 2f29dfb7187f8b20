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

/** A seeded standard-normal source: single draws and a fast bulk fill. */
export interface NormalSource {
  /** One standard normal. */
  (): number;
  /** Writes mu + sd·Z into out[start..start+count) and returns their sum. */
  fill(out: Float64Array, start: number, count: number, mu: number, sd: number): number;
}

/**
 * Returns a standard-normal source reproducible from `r`: it takes four words from `r` to seed its own
 * xoshiro128** stream (the generator in util/random.ts). The state lives in an Int32Array between calls and in
 * local variables inside `fill`, because V8 boxes 32-bit state held in closure variables, and that allocation, not
 * the arithmetic, dominated the loops' run time.
 */
export function zigguratNormal(r: Rng): NormalSource {
  const st = new Int32Array(4);
  for (let i = 0; i < 4; i++) st[i] = Math.floor(r.next() * 4294967296) | 0;
  if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(st[1]!, 5), 7), 9) >>> 0;
    const t = st[1]! << 9;
    st[2] ^= st[0]!; st[3] ^= st[1]!; st[1] ^= st[2]!; st[0] ^= st[3]!; st[2] ^= t;
    st[3] = rotl(st[3]!, 11);
    return result;
  };
  const uniform = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  /** Finishes a draw whose first uniform `t` (already × 256) missed the fast path: tail, wedge, or a retry. */
  const slow = (t: number): number => {
    for (;;) {
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
      t = uniform() * 256;
    }
  };
  // One 53-bit uniform gives the layer (7 bits), the sign (1 bit) and a 45-bit fraction.
  const draw = ((): number => slow(uniform() * 256)) as NormalSource;
  draw.fill = (out, start, count, mu, sd) => {
    let s0 = st[0]!, s1 = st[1]!, s2 = st[2]!, s3 = st[3]!;
    let sum = 0;
    for (let i = start; i < start + count; i++) {
      // Two xoshiro128** steps inlined on local state.
      const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 5;
      let t9 = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t9; s3 = rotl(s3, 11);
      const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 6;
      t9 = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t9; s3 = rotl(s3, 11);
      const t = ((hi * 67108864 + lo) / 9007199254740992) * 256;
      const idx = t | 0;
      const k = idx & 127;
      const x = (t - idx) * EDGES[k]!;
      let z: number;
      if (x < EDGES[k + 1]!) {
        z = idx & 128 ? -x : x;
      } else {
        st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
        z = slow(t);
        s0 = st[0]!; s1 = st[1]!; s2 = st[2]!; s3 = st[3]!;
      }
      const v = mu + sd * z;
      out[i] = v;
      sum += v;
    }
    st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
    return sum;
  };
  return draw;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
