/**
 * Figure snapshots (STYLE.md §11): a named figure's plotly spec, normalized (numbers rounded to 6 significant digits,
 * generated ids removed), is compared with `tests/output/<name>.json`. A missing snapshot is written and the test
 * passes; a mismatch writes `<name>-changed.json` beside it and fails, so the diff can be reviewed and the file
 * renamed over the old one if the change is intended.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** The repository root: the nearest folder above this file with a package.json (works from dist/ and from tests/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('snapshot: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Folder of the snapshot files. */
export const OUTPUT_DIR = join(repoRoot(), 'tests', 'output');

/** Rounds numbers and drops fields that differ between runs. */
export function normalize(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalize(v);
    return out;
  }
  return value;
}

/** Compares `spec` (e.g. `fig.toJSON()`) with the snapshot `name`. */
export function matchSnapshot(name: string, spec: unknown): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const text = JSON.stringify(normalize(JSON.parse(JSON.stringify(spec))), null, 1) + '\n';
  const path = join(OUTPUT_DIR, `${name}.json`);
  const changed = join(OUTPUT_DIR, `${name}-changed.json`);
  if (!existsSync(path)) {
    writeFileSync(path, text);
    return;
  }
  if (readFileSync(path, 'utf8') === text) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, text);
  assert.fail(`figure snapshot ${name} changed: compare tests/output/${name}.json with tests/output/${name}-changed.json`);
}
