// Issue 6: backend selection order, preferences, the environment variable, and honest skip reasons.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { init, use, info, bannerLine, BACKEND_ORDER, tf } from '../../../src/toolkit/tensor/index.js';

const DISPLAY = Symbol.for('Jupyter.display');

afterEach(() => {
  delete process.env['WHETSTONE_BACKEND'];
});

test('init keeps the first backend that loads and gives a reason for every one before it', async () => {
  const report = await init();
  const position = BACKEND_ORDER.indexOf(report.backend as (typeof BACKEND_ORDER)[number]);
  assert.ok(position >= 0, `unknown backend ${report.backend}`);
  assert.deepEqual(report.skipped.map((s) => s.backend), BACKEND_ORDER.slice(0, position));
  for (const s of report.skipped) assert.ok(s.reason.length > 10, `empty reason for ${s.backend}`);
  assert.equal(report.source, 'default order');
  assert.ok(report.device.length > 0);
  assert.equal(info().backend, report.backend);
  assert.equal(tf.getBackend(), report.backend === 'tensorflow-gpu' ? 'tensorflow' : report.backend);
});

test('an aliased tfjs-node is reported as an alias, not as a backend', async () => {
  const report = await init();
  const node = report.skipped.find((s) => s.backend === 'tensorflow');
  // Only meaningful where package.json overrides alias tfjs-node to tfjs (as in this repository).
  if (node && /alias/.test(node.reason)) assert.match(node.reason, /@tensorflow\/tfjs-node is an alias of @tensorflow\/tfjs@/);
});

test('prefer puts a backend first and the default order follows', async () => {
  const report = await init({ prefer: 'cpu' });
  assert.equal(report.backend, 'cpu');
  assert.equal(report.source, 'prefer option');
  assert.deepEqual(report.skipped, []);
  assert.equal(tf.getBackend(), 'cpu');
});

test('WHETSTONE_BACKEND chooses the backend, and a typo is reported instead of failing start-up', async () => {
  process.env['WHETSTONE_BACKEND'] = 'cpu';
  const chosen = await init();
  assert.equal(chosen.backend, 'cpu');
  assert.equal(chosen.source, 'WHETSTONE_BACKEND');
  process.env['WHETSTONE_BACKEND'] = 'wsam';
  const typo = await init();
  assert.equal(typo.skipped[0]!.backend, 'wsam');
  assert.match(typo.skipped[0]!.reason, /^WHETSTONE_BACKEND='wsam' is not one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu$/);
});

test('use switches by name and validates the name', async () => {
  const report = await use('wasm');
  assert.equal(report.backend, 'wasm');
  assert.equal(report.source, 'tensor.use');
  assert.match(report.device, /SIMD/);
  await assert.rejects(use('tpu' as never), {
    message: `tensor.use: name must be one of 'tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu' (got "tpu")`,
  });
  await assert.rejects(init({ prefer: ['wasm', 'gpu' as never] }), { message: /^tensor\.init: prefer\[1\] must be one of/ });
});

test('info displays as a table with the active backend and the banner names it', async () => {
  await init();
  const bundle = (info() as unknown as Record<symbol, () => Record<string, string>>)[DISPLAY]!();
  assert.match(bundle['text/html']!, /<td>active<\/td>/);
  assert.match(bundle['text/plain']!, /active/);
  assert.match(bannerLine(), new RegExp(`^tensor backend: ${info().backend} on `));
});
