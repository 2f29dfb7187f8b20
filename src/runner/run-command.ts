/**
 * `whetstone run NOTEBOOK.ipynb [-o OUT.ipynb] [--param key=value ...] [--timeout S] [--allow-errors]
 * [--figures DIR]`: executes a notebook headlessly and writes the executed copy atomically. The input is only
 * overwritten when `-o` names it. Exits non-zero naming the failing cell.
 */
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { injectParameters, parseParams } from './parameters.js';
import { NotebookError, readNotebook, writeNotebook, type Notebook } from './notebook.js';
import { runNotebook } from './run-notebook.js';

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      param: { type: 'string', short: 'p', multiple: true },
      timeout: { type: 'string' },
      'allow-errors': { type: 'boolean' },
      figures: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    console.error('whetstone run: give exactly one notebook (whetstone run NOTEBOOK.ipynb [-o OUT.ipynb] ...)');
    return 2;
  }
  const input = resolve(positionals[0]!);
  const output = resolve(values.output ?? input.replace(/(\.ipynb)?$/, '.out.ipynb'));
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) {
    console.error(`whetstone run: --timeout must be a positive number of seconds (got '${values.timeout}')`);
    return 2;
  }
  let notebook: Notebook;
  try {
    notebook = readNotebook(input);
  } catch (error) {
    if (error instanceof NotebookError) {
      console.error(`whetstone run: ${error.message}`);
      return 2;
    }
    throw error;
  }
  injectParameters(notebook, parseParams(values.param ?? []));
  const report = await runNotebook(notebook, { cwd: dirname(input), timeoutSeconds: timeout, allowErrors: values['allow-errors'] });
  writeNotebook(output, notebook);
  console.error(`whetstone run: wrote ${output}`);
  if (values.figures) {
    const written = await exportNotebookFigures(notebook, resolve(values.figures), basename(input).replace(/\.ipynb$/, ''));
    console.error(`whetstone run: wrote ${written} figure file(s) to ${values.figures}`);
  }
  if (report.failedCell !== undefined) {
    console.error(`whetstone run: cell ${report.failedCell} failed: ${report.failure}`);
    return 1;
  }
  return 0;
}

/** Writes every plotly figure in the notebook's outputs as PNG and SVG. */
async function exportNotebookFigures(notebook: Notebook, dir: string, prefix: string): Promise<number> {
  const { exportFigures, closeRenderer } = await import('../plot/index.js');
  const bundles = notebook.cells.flatMap((c) => c.outputs ?? []).map((o) => o['data']).filter(Boolean);
  try {
    const files = await exportFigures(bundles, dir, { formats: ['png', 'svg'], prefix });
    return files.length;
  } finally {
    await closeRenderer();
  }
}
