import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatValue, frameBundle, FRAME_MAX_ROWS } from '../../../src/display/formatters/index.js';

function fakeFrame(n: number) {
  return {
    $isSeries: false,
    columns: ['a', 'b'],
    index: Array.from({ length: n }, (_, i) => i),
    values: Array.from({ length: n }, (_, i) => [i, `r${i}`]),
    shape: [n, 2],
    dtypes: ['int32', 'string'],
  };
}

test('frameBundle: long frames show the first and last rows with an ellipsis row', () => {
  const n = 100;
  const bundle = frameBundle(fakeFrame(n));
  const html = bundle['text/html'] as string;
  const bodyRows = html.split('<tbody>')[1]!.match(/<tr>/g)!.length;
  assert.equal(bodyRows, FRAME_MAX_ROWS + 1);
  assert.ok(html.includes('<th>0</th><td style="text-align:right">0</td><td>r0</td>'));
  assert.ok(html.includes(`<th>${n - 1}</th>`));
  assert.ok(!html.includes(`<th>${FRAME_MAX_ROWS}</th>`));
  assert.ok(html.endsWith('<p>DataFrame: 100 rows × 2 columns</p>'));
  const text = (bundle['text/plain'] as string).split('\n');
  assert.equal(text.length, 1 + FRAME_MAX_ROWS + 1 + 1);
  assert.equal(text[text.length - 1], 'DataFrame: 100 rows × 2 columns');
});

test('formatValue: real danfojs DataFrame and Series (imported only by this test)', async () => {
  const dfd = await import('danfojs-node');
  const df = new dfd.DataFrame({ step: [0, 1], reward: [0.25, 0.5], tag: ['a', '<b>'] });
  const bundle = formatValue(df)!;
  assert.equal(bundle['text/plain'], [
    '   step  reward  tag',
    '0     0    0.25    a',
    '1     1     0.5  <b>',
    'DataFrame: 2 rows × 3 columns',
  ].join('\n'));
  assert.ok((bundle['text/html'] as string).includes('<td>&lt;b&gt;</td>'));
  const series = formatValue(df['reward'])!;
  assert.equal(series['text/plain'], '   reward\n0    0.25\n1     0.5\nSeries: 2');
});
