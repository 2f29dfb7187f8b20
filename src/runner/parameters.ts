/**
 * Notebook parameters (papermill's convention): `--param key=value` becomes a cell tagged `injected-parameters`
 * placed right after the cell tagged `parameters`, re-declaring those names. Values parse as JSON when they can
 * (numbers, booleans, arrays), else they are strings.
 */
import type { Notebook, NotebookCell } from './notebook.js';

export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--param needs key=value (got '${pair}')`);
    const key = pair.slice(0, at);
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) throw new Error(`--param ${key}: not a valid identifier`);
    const text = pair.slice(at + 1);
    try {
      params[key] = JSON.parse(text);
    } catch {
      params[key] = text;
    }
  }
  return params;
}

/** Inserts (or replaces) the injected-parameters cell; returns its index, or -1 when there are no params. */
export function injectParameters(notebook: Notebook, params: Record<string, unknown>): number {
  const keys = Object.keys(params);
  notebook.cells = notebook.cells.filter((c) => !c.metadata.tags?.includes('injected-parameters'));
  if (keys.length === 0) return -1;
  const source = ['// Parameters injected by whetstone run', ...keys.map((k) => `const ${k} = ${JSON.stringify(params[k])};`)].join('\n');
  const cell: NotebookCell = { cell_type: 'code', source, metadata: { tags: ['injected-parameters'] }, outputs: [], execution_count: null };
  const at = notebook.cells.findIndex((c) => c.metadata.tags?.includes('parameters'));
  notebook.cells.splice(at + 1, 0, cell);
  return at + 1;
}
