import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFigures } from '../../../src/plot/export/export-figures.js';
import { PLOTLY_MIME } from '../../../src/plot/figure.js';

test('exportFigures: notebook names with spaces are fine as prefixes; JSON/HTML need no browser', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-exp-'));
  try {
    const spec = { data: [{ type: 'bar', y: [1, 2] }], layout: {} };
    const written = await exportFigures([{ 'text/plain': 'x' }, { [PLOTLY_MIME]: spec }], dir, { formats: ['json', 'html'], prefix: 'my run.v2' });
    assert.deepEqual(written.map((w) => w.path), [join(dir, 'my run.v2-1.json'), join(dir, 'my run.v2-1.html')]);
    assert.deepEqual(JSON.parse(readFileSync(written[0]!.path, 'utf8')), spec);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exportFigures: a prefix that would leave the folder is refused', async () => {
  for (const prefix of ['a/b', '..', '']) {
    await assert.rejects(exportFigures([], tmpdir(), { prefix }), { message: `exportFigures: prefix must be a file name stem without path separators (got ${JSON.stringify(prefix)})` });
  }
});
