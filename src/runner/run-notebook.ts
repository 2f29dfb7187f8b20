/**
 * Executes a notebook through a Whetstone kernel, cell by cell, as a real Jupyter client: outputs and execution
 * counts go into the notebook, per-cell progress goes to stderr, and the first failing cell stops the run (unless
 * errors are allowed).
 */
import { resolve } from 'node:path';
import { KernelProcess, sleep } from './kernel-process.js';
import { cellSource, type Notebook, type NotebookOutput } from './notebook.js';
import { OutputCollector } from './outputs.js';

export interface RunOptions {
  /** Directory the kernel runs in (imports and files resolve from here). */
  cwd: string;
  /** Per-cell timeout in seconds; the cell is interrupted when it passes. Default: none. */
  timeoutSeconds?: number;
  /** Keep going after a cell fails. Default: false. */
  allowErrors?: boolean;
  /** Where progress lines go. Default: stderr. */
  log?: (line: string) => void;
}

export interface RunReport {
  /** 1-based index of the first failing code cell, if any. */
  failedCell?: number;
  failure?: string;
  cellsRun: number;
}

export async function runNotebook(notebook: Notebook, options: RunOptions): Promise<RunReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const kernel = new KernelProcess();
  const info = await kernel.start({ cwd: resolve(options.cwd) });
  notebook.metadata['kernelspec'] = { name: 'whetstone', display_name: 'TypeScript (Whetstone)', language: 'typescript' };
  notebook.metadata['language_info'] = info['language_info'];
  const collector = new OutputCollector();
  const codeCells = notebook.cells.filter((c) => c.cell_type === 'code');
  const report: RunReport = { cellsRun: 0 };
  try {
    for (const [index, cell] of codeCells.entries()) {
      const label = `[${index + 1}/${codeCells.length}]`;
      const outputs: NotebookOutput[] = [];
      cell.outputs = outputs;
      cell.execution_count = null;
      const started = Date.now();
      const request = kernel.request('shell', 'execute_request', {
        code: cellSource(cell), silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
      }, { onIopub: (message) => collector.apply(outputs, message) });
      let result = await (options.timeoutSeconds ? Promise.race([request, sleep(options.timeoutSeconds * 1000)]) : request);
      let timedOut = false;
      if (!result) {
        timedOut = true;
        await kernel.interrupt();
        result = await Promise.race([request, sleep(10_000)]);
      }
      report.cellsRun++;
      const content = result?.reply.content ?? {};
      cell.execution_count = (content['execution_count'] as number | undefined) ?? null;
      const seconds = ((Date.now() - started) / 1000).toFixed(2);
      if (!timedOut && content['status'] === 'ok') {
        log(`${label} cell ${index + 1} ok (${seconds} s)`);
        continue;
      }
      const failure = timedOut
        ? `timed out after ${options.timeoutSeconds} s`
        : `${String(content['ename'])}: ${String(content['evalue'])}`;
      log(`${label} cell ${index + 1} failed (${seconds} s): ${failure}`);
      report.failedCell ??= index + 1;
      report.failure ??= failure;
      if (!options.allowErrors) break;
    }
  } finally {
    await kernel.shutdown();
  }
  return report;
}
