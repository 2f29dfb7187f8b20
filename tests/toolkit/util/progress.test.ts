import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, progress } from '../../../src/toolkit/util/progress.js';
import type { DisplayHook } from '../../../src/toolkit/util/display-hook.js';
import type { MimeBundle } from '../../../src/toolkit/util/display.js';

interface Call {
  kind: 'display' | 'update';
  bundle: MimeBundle;
  id: string | undefined;
  at: number;
}

/** A fake kernel hook and a fake clock that advances `stepMs` each time it is read. */
function harness(stepMs: number) {
  let now = 0;
  const calls: Call[] = [];
  const clock = () => (now += stepMs);
  const hook: DisplayHook = {
    display: (bundle, options) => void calls.push({ kind: 'display', bundle, id: options?.displayId, at: now }),
    update: (bundle, id) => void calls.push({ kind: 'update', bundle, id, at: now }),
  };
  return { calls, clock, hook };
}

test('progress: one display, then updates by the same display id, at most every 100 ms, ending at 100%', () => {
  const { calls, clock, hook } = harness(7);
  const seen: number[] = [];
  for (const x of progress([...Array(200).keys()], { hook, clock, label: 'train' })) seen.push(x);
  assert.equal(seen.length, 200);
  assert.equal(calls[0]!.kind, 'display');
  assert.ok(calls.slice(1).every((c) => c.kind === 'update' && c.id === calls[0]!.id));
  const updates = calls.slice(1);
  for (let i = 1; i < updates.length - 1; i++) assert.ok(updates[i]!.at - updates[i - 1]!.at >= 100, `update ${i}`);
  const last = updates[updates.length - 1]!.bundle;
  assert.match(last['text/plain'] as string, /^train 100% \|█{24}\| 200\/200 \[\d\d:\d\d<00:00, [\d.]+ it\/s\]$/);
  assert.ok((last['text/html'] as string).includes('data-percent="100"'));
  // 200 items × 7 ms ≈ 1.4 s of fake time: about 14 throttled updates, far fewer than 200.
  assert.ok(updates.length <= 16, `${updates.length} updates`);
});

test('progress: rate and ETA come from the clock', () => {
  const { calls, clock, hook } = harness(0);
  let t = 0;
  const bar = progress(10, { hook, clock: () => t, label: 'x' });
  t = 2000;
  bar.update(4); // 4 items in 2 s: 2 it/s, 6 left → 3 s
  assert.equal(calls.at(-1)!.bundle['text/plain'], 'x  40% |██████████░░░░░░░░░░░░░░| 4/10 [00:02<00:03, 2.0 it/s]');
  void clock;
});

test('progress: headless prints plain lines to the stream, throttled, plus the final line', () => {
  let t = 0;
  const lines: string[] = [];
  const bar = progress(5, { hook: null, clock: () => t, stream: { write: (s) => lines.push(s) }, label: 'eval' });
  for (let i = 0; i < 5; i++) {
    t += 400;
    bar.update();
  }
  assert.deepEqual(lines, [
    'eval  60% |██████████████░░░░░░░░░░| 3/5 [00:01<00:01, 2.5 it/s]\n',
    'eval 100% |████████████████████████| 5/5 [00:02<00:00, 2.5 it/s]\n',
  ]);
});

test('progress: unknown totals count items; for await works on async sources', async () => {
  const { calls, clock, hook } = harness(1);
  async function* gen() {
    yield 'a';
    yield 'b';
  }
  const got: string[] = [];
  for await (const x of progress(gen(), { hook, clock })) got.push(x);
  assert.deepEqual(got, ['a', 'b']);
  assert.match(calls.at(-1)!.bundle['text/plain'] as string, /^progress 2 it \[00:00, [\d.]+ it\/s\]$/);
  assert.ok(!(calls.at(-1)!.bundle['text/html'] as string).includes('data-percent'));
});

test('progress: breaking out shows where it stopped; done() is idempotent; iterating a count yields indices', () => {
  const { calls, clock, hook } = harness(1);
  for (const i of progress(10, { hook, clock })) if (i === 2) break;
  assert.match(calls.at(-1)!.bundle['text/plain'] as string, / 2\/10 /);
  const n = calls.length;
  const bar = progress(3, { hook, clock });
  bar.update(3);
  bar.done();
  bar.done();
  assert.equal(calls.length, n + 2); // display + one final update
  assert.deepEqual([...progress(3, { hook: null, stream: { write: () => 0 } })], [0, 1, 2]);
});

test('progress: errors name the argument', () => {
  assert.throws(() => progress(-1), { message: 'progress: total must be ≥ 0 (got total=-1)' });
  assert.throws(() => progress(1.5), { message: 'progress: total must be an integer (got 1.5)' });
  assert.throws(() => progress({} as never), { message: 'progress: expected an iterable, an async iterable or a total count (got object)' });
});

test('formatDuration: mm:ss, then h:mm:ss', () => {
  assert.equal(formatDuration(0), '00:00');
  assert.equal(formatDuration(61.4), '01:01');
  assert.equal(formatDuration(3600 + 62), '1:01:02');
  assert.equal(formatDuration(NaN), '?');
});
