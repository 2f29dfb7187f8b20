// Start-up: the kernel's first kernel_info_reply names the tensor backend forecast without importing tfjs; the
// forecast must stay tfjs-free, and where it can be exact (wasm, cpu) it must read exactly like init's report.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { forecast, formatBannerLine } from '../../../src/toolkit/tensor/forecast.js';

const require = createRequire(import.meta.url);

afterEach(() => {
  delete process.env['WHETSTONE_BACKEND'];
});

// Runs first, before any test below imports tfjs into this process.
test('forecast loads no tfjs package', () => {
  forecast();
  const loaded = Object.keys(require.cache).filter((file) => file.includes('@tensorflow'));
  assert.deepEqual(loaded, []);
});

test('a wasm or cpu forecast is the banner line init reports, skipped reasons included', async () => {
  const predicted = forecast();
  const { init, bannerLine } = await import('../../../src/toolkit/tensor/index.js');
  const report = await init();
  if (predicted.backend === 'wasm' || predicted.backend === 'cpu') {
    assert.equal(formatBannerLine(predicted), bannerLine(report));
    assert.equal(predicted.source, report.source);
  } else {
    // A native or GPU backend is only expected to load; the kernel corrects the banner when it does not.
    assert.deepEqual(predicted.skipped.map((s) => s.backend), report.skipped.map((s) => s.backend).slice(0, predicted.skipped.length));
  }
});

test('forecast follows WHETSTONE_BACKEND, and reports a typo as init does', async () => {
  const { init } = await import('../../../src/toolkit/tensor/index.js');
  process.env['WHETSTONE_BACKEND'] = 'cpu';
  assert.deepEqual(
    (({ backend, device, skipped, source }) => ({ backend, device, skipped, source }))(forecast()),
    { backend: 'cpu', device: 'CPU, plain JavaScript (~50× slower than wasm)', skipped: [], source: 'WHETSTONE_BACKEND' },
  );
  process.env['WHETSTONE_BACKEND'] = 'wsam';
  assert.deepEqual(forecast().skipped[0], (await init()).skipped[0]);
});

test('prefer puts a backend first, validated like tensor.init', () => {
  const predicted = forecast({ prefer: 'cpu' });
  assert.equal(predicted.backend, 'cpu');
  assert.equal(predicted.source, 'prefer option');
  assert.throws(() => forecast({ prefer: ['wasm', 'gpu' as never] }), { message: /^tensor\.forecast: prefer\[1\] must be one of/ });
});

test('the banner line lists skipped backends with their reasons', () => {
  const line = formatBannerLine({
    backend: 'wasm', device: 'CPU', source: 'default order', initMs: 0,
    skipped: [{ backend: 'webgpu', reason: 'no GPU' }, { backend: 'tensorflow', reason: 'not installed' }],
  });
  assert.equal(line, 'tensor backend: wasm on CPU (skipped: webgpu: no GPU; tensorflow: not installed)');
  assert.equal(formatBannerLine({ backend: 'cpu', device: 'CPU', source: 'default order', initMs: 0, skipped: [] }), 'tensor backend: cpu on CPU');
});
