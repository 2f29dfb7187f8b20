import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { klSharpen } from '../../../src/toolkit/sharpen/kl-sharpen.js';
import { rng } from '../../../src/toolkit/util/random.js';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

/** The objective E_π[log b] − β·KL(π ‖ b). */
function objective(pi: ArrayLike<number>, b: number[], beta: number): number {
  let j = 0;
  for (let i = 0; i < b.length; i++) if (pi[i]! > 0) j += pi[i]! * (Math.log(b[i]!) - beta * (Math.log(pi[i]!) - Math.log(b[i]!)));
  return j;
}

test('klSharpen equals the analytic optimum p^(1+1/β)/Z and attains max = β·log Σ b^(1+1/β)', () => {
  const b = [0.5, 0.3, 0.15, 0.05];
  for (const beta of [0.1, 0.5, 1, 3, 10]) {
    const got = klSharpen(b, beta);
    const w = b.map((p) => p ** (1 + 1 / beta));
    const z = w.reduce((x, y) => x + y, 0);
    w.forEach((x, i) => close(got[i]!, x / z, 1e-12, `β=${beta} i=${i}`));
    close(objective(got, b, beta), beta * Math.log(z), 1e-12, `objective β=${beta}`);
    // No other distribution does better (random search over the simplex).
    const gen = rng(beta * 1000);
    for (let t = 0; t < 200; t++) {
      const q = b.map(() => -Math.log(1 - gen.next()));
      const s = q.reduce((x, y) => x + y, 0);
      assert.ok(objective(q.map((x) => x / s), b, beta) <= beta * Math.log(z) + 1e-12);
    }
  }
});

test('klSharpen limits: β → ∞ keeps p, β → 0 is the mode, zeros stay zero, no underflow', () => {
  assert.deepEqual(Array.from(klSharpen([2, 1, 1], Infinity)), [0.5, 0.25, 0.25]);
  const sharp = klSharpen([0.4, 0.35, 0, 0.25], 1e-4);
  close(sharp[0]!, 1, 1e-12);
  assert.equal(sharp[2], 0);
  assert.ok(Array.from(sharp).every(Number.isFinite));
  const tiny = klSharpen([1e-300, 2e-300], 0.01);
  assert.ok(Array.from(tiny).every(Number.isFinite));
  close(tiny[1]! / tiny[0]!, 2 ** 101, 2 ** 101 * 1e-9);
});

test('klSharpen on a categorical policy sharpens every prompt', () => {
  const pi = categorical({ q1: { a: 0.6, b: 0.4 }, q2: { x: 0.2, y: 0.8 } });
  const s = klSharpen(pi, 0.5);
  assert.deepEqual(Array.from(s.probVector('q1')), Array.from(klSharpen([0.6, 0.4], 0.5)));
  assert.deepEqual(Array.from(s.probVector('q2')), Array.from(klSharpen([0.2, 0.8], 0.5)));
  assert.equal(s.mode('q2').answer, 'y');
});

test('klSharpen names bad input', () => {
  assert.throws(() => klSharpen([0.5, 0.5], 0), /klSharpen: beta must be > 0 \(got 0\)/);
  assert.throws(() => klSharpen([0.5, 0.5], NaN), /klSharpen: beta must be > 0 \(got NaN\)/);
  assert.throws(() => klSharpen([0.5, -0.5], 1), /klSharpen: probs\[1\] must be ≥ 0 \(got -0.5\)/);
  assert.throws(() => klSharpen([0, 0], 1), /klSharpen: probs must have a positive sum/);
  assert.throws(() => klSharpen([], 1), /klSharpen: probs must not be empty/);
  assert.throws(() => klSharpen([0.5, NaN], 1), /klSharpen: probs\[1\] is NaN/);
});
