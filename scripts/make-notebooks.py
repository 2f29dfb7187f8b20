"""Writes the demo notebooks' sources (cells without outputs); `npm run demo` executes them with whetstone run."""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "notebooks"


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip()}


def code(text, tags=None):
    return {"cell_type": "code", "metadata": {"tags": tags} if tags else {}, "source": text.strip(), "outputs": [], "execution_count": None}


def notebook(name, cells):
    for i, cell in enumerate(cells):
        cell["id"] = f"{name}-{i}"
    nb = {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "whetstone", "display_name": "TypeScript (Whetstone)", "language": "typescript"}}}
    (OUT / f"{name}.ipynb").write_text(json.dumps(nb, indent=1) + "\n")


notebook("selection", [
    md("""
# pass@k keeps climbing, maj@k saturates

Repeated sampling (Brown et al., *Large Language Monkeys*, arXiv 2407.21787) shows coverage, pass@k, growing with the
number of samples while majority voting plateaus. We reproduce the shape on a toy benchmark of categorical "models":
each problem has a correct answer with probability p and a few wrong answers, some more popular than the right one.
"""),
    code("""
const seed = 7;
const problemCount = 200;
const n = 64;
""", ["parameters"]),
    md("Each problem draws p from a Beta-like spread; on a third of the problems a single wrong answer beats the right one."),
    code("""
const rand = (() => { let s = seed; return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648); })();
const table: Record<string, Record<string, number>> = {};
for (let i = 0; i < problemCount; i++) {
  const p = 0.02 + 0.5 * rand() ** 2;
  const trap = i % 3 === 0 ? Math.min(0.9 - p, p + 0.1 + 0.2 * rand()) : 0.1 * rand();
  const rest = 1 - p - trap;
  table[`q${i}`] = { right: p, trap, other1: rest / 2, other2: rest / 2 };
}
const policy = models.categorical(table, { name: 'toy benchmark' });
const samples = await policy.sample(Object.keys(table), { n, seed });
const problems = samples.map((group) => ({ answers: group.map((s) => s.text), correct: 'right' }));
problems.length
"""),
    md("The unbiased estimator agrees with its closed form: pass@k = 1 − C(n−c, k)/C(n, k)."),
    code("""
const closedForm = (nn: number, c: number, k: number) => { let q = 1; for (let i = 0; i < k; i++) q *= (nn - c - i) / (nn - i); return 1 - q; };
const estimate = select.passAtK(200, 13, 10);
if (Math.abs(estimate - closedForm(200, 13, 10)) > 1e-12) throw new Error('pass@k disagrees with the closed form');
estimate
"""),
    md("Look for the gap: pass@k rises towards 1 with k, while maj@k flattens, and even falls, well below it: on most problems a wrong answer is the plurality, and more votes only make it win more surely."),
    code("""
const ks = [1, 2, 4, 8, 16, 32, 64];
const pass = select.kCurve(problems.map((p) => ({ n, c: p.answers.filter((a) => a === 'right').length })), { ks, seed });
const maj = select.kCurve(problems, { ks, estimator: 'majAtK', seed });
plot.kCurve([
  { name: 'pass@k', k: ks, value: pass.rows.map((r) => r.mean), lower: pass.rows.map((r) => r.lo), upper: pass.rows.map((r) => r.hi) },
  { name: 'maj@k', k: ks, value: maj.rows.map((r) => r.mean), lower: maj.rows.map((r) => r.lo), upper: maj.rows.map((r) => r.hi) },
], { title: 'Coverage grows, voting saturates' })
"""),
    code("""
const gap = pass.rows[ks.length - 1]!.mean - maj.rows[ks.length - 1]!.mean;
if (!(gap > 0.2)) throw new Error(`expected pass@64 − maj@64 > 0.2, got ${gap}`);
({ passAt64: pass.rows[ks.length - 1]!.mean, majAt64: maj.rows[ks.length - 1]!.mean, gap })
"""),
    md("The whole curve as a table (bootstrap 95% intervals over problems):"),
    code("maj"),
])

notebook("sharpening", [
    md("""
# Sharpening: best-of-N and the KL-regularized optimum

Huang et al. (*Self-Improvement in Language Models: The Sharpening Mechanism*, arXiv 2412.01951) view self-improvement
as moving probability mass onto the model's own most likely answer. Inference-time sharpening (best-of-N with the
model's log-likelihood as reward) picks the mode with probability 1 − (1 − p*)^N; training-time sharpening with a KL
penalty β has the closed-form optimum π* ∝ π_base^(1+1/β).
"""),
    code("""
const seed = 11;
const N = 8;
const beta = 0.5;
""", ["parameters"]),
    code("""
const base = models.categorical({
  'q1': { a: 0.40, b: 0.35, c: 0.25 },
  'q2': { x: 0.20, y: 0.18, z: 0.62 },
  'q3': { u: 0.30, v: 0.30, w: 0.40 },
}, { name: 'base' });
base
"""),
    md("Best-of-N with self log-likelihood as the reward: the table shows each pick and the exact chance it is the mode."),
    code("""
const bon = await sharpen.bestOfN(base, ['q1', 'q2', 'q3'], N, (s) => s.tokenLogProbs.reduce((a, b) => a + b, 0), { seed });
bon
"""),
    code("""
for (const pick of bon.picks) {
  const expected = 1 - (1 - pick.mode!.prob) ** N;
  if (Math.abs(pick.modeSelectionProb! - expected) > 1e-12) throw new Error(`${pick.prompt}: ${pick.modeSelectionProb} vs ${expected}`);
}
bon.picks.map((p) => ({ prompt: p.prompt, pStar: p.mode!.prob, bonModeProb: p.modeSelectionProb! }))
"""),
    md("Look for the curve bending up: the probability that best-of-N lands on the mode grows quickly with N, fastest when p* is large."),
    code("""
const Ns = [1, 2, 4, 8, 16, 32];
plot.line(bon.picks.map((p) => ({ name: `${p.prompt} (p*=${p.mode!.prob})`, x: Ns, y: Ns.map((m) => 1 - (1 - p.mode!.prob) ** m) })),
  { xLabel: 'N', yLabel: 'P(best-of-N picks the mode)', xType: 'log', title: 'Inference-time sharpening' })
"""),
    md("Training-time sharpening: policy-gradient ascent on E[log π_base] − β·KL converges to the closed form."),
    code("""
const trained = sharpen.rlhfSharpen(base, { beta, steps: 400, lr: 1 });
const optimum = sharpen.klSharpen([0.40, 0.35, 0.25], beta);
const learned = trained.policy.probs('q1');
const tv = 0.5 * ['a', 'b', 'c'].reduce((acc, ans, i) => acc + Math.abs(learned[ans]! - optimum[i]!), 0);
if (!(tv < 1e-4)) throw new Error(`policy gradient did not reach the optimum (TV ${tv})`);
({ optimum: Array.from(optimum), learned, tv })
"""),
    md("Mode mass rises and the distance to the optimum falls as training proceeds:"),
    code("""
plot.line([
  { name: 'mode mass', x: trained.history.map((h) => h.step), y: trained.history.map((h) => h.modeMass) },
  { name: 'TV to optimum', x: trained.history.map((h) => h.step), y: trained.history.map((h) => h.tvToOptimum) },
], { xLabel: 'step', yLabel: 'value', title: `RLHF sharpening, β = ${beta}` })
"""),
])

notebook("collapse", [
    md("""
# Model collapse: replace versus accumulate

Refitting a Gaussian to samples from its own previous fit, generation after generation, makes the variance collapse
(Shumailov et al., arXiv 2305.17493). Keeping all earlier data instead of replacing it keeps the error bounded
(Gerstgrasser et al., *Is Model Collapse Inevitable?*, arXiv 2404.01413). With n points per generation and the
maximum-likelihood variance, E[σ²_g] = ((n−1)/n)^(g+1) under replacement.
"""),
    code("""
const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
const n = 20;
const generations = 300;
""", ["parameters"]),
    code("""
const replace = seeds.map((seed) => collapse.gaussianLoop({ n, generations, mode: 'replace', seed }));
const accumulate = seeds.map((seed) => collapse.gaussianLoop({ n, generations, mode: 'accumulate', seed }));
replace[0]
"""),
    md("Look for the two bands parting: the replaced variance falls by orders of magnitude, the accumulated one stays near 1."),
    code("""
const variance = collapse.report({ replace, accumulate }, { metric: 'variance' });
variance.plot({ yType: 'log', title: 'Fitted variance over generations (8 seeds)' })
"""),
    md("""
The decay matches theory. Each generation multiplies σ² by χ²₍ₙ₋₁₎/n, so log σ² is a sum of independent terms with
mean ψ((n−1)/2) + log(2/n) and variance ψ′((n−1)/2): we compare the seeds' mean of log σ² at the last generation with
that expectation, within three standard errors.
"""),
    code("""
const digamma = (x: number) => Math.log(x) - 1 / (2 * x) - 1 / (12 * x ** 2) + 1 / (120 * x ** 4) - 1 / (252 * x ** 6);
const trigamma = (x: number) => 1 / x + 1 / (2 * x ** 2) + 1 / (6 * x ** 3) - 1 / (30 * x ** 5) + 1 / (42 * x ** 7);
const steps = generations + 1;
const expectedLog = steps * (digamma((n - 1) / 2) + Math.log(2 / n));
const standardError = Math.sqrt(steps * trigamma((n - 1) / 2) / seeds.length);
const last = (runs: typeof replace) => runs.map((r) => r.metrics['variance']![generations]!);
const meanLogReplace = last(replace).reduce((a, v) => a + Math.log(v), 0) / seeds.length;
const accumulatedMin = Math.min(...last(accumulate));
if (Math.abs(meanLogReplace - expectedLog) > 3 * standardError) throw new Error(`replace: mean log σ² ${meanLogReplace} vs theory ${expectedLog} ± ${standardError}`);
if (!(accumulatedMin > 0.2)) throw new Error(`accumulate collapsed: min variance ${accumulatedMin}`);
({ meanLogReplace, expectedLog, standardError, accumulatedMin })
"""),
    md("Look at which part of the W2 distance to the truth grows: for a replaced run the covariance part takes over as the variance vanishes."),
    code("""
const run = replace[0]!;
plot.line([
  { name: 'W2² mean part', x: run.generation, y: run.metrics['w2Mean']! },
  { name: 'W2² covariance part', x: run.generation, y: run.metrics['w2Cov']! },
], { xLabel: 'generation', yLabel: 'squared W2 part', title: 'Where the distance to the truth comes from (seed 1, replace)' })
"""),
])
