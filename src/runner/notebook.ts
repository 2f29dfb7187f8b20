/**
 * Reading and writing .ipynb files (nbformat 4). Bad input gets one clear line naming the file and the problem;
 * writes go to a temporary file that is renamed into place, so a notebook is never left half-written.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
}

export type NotebookOutput = Record<string, unknown> & { output_type: string };

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** Kernels a Whetstone run accepts: TypeScript notebooks, whoever wrote them. */
const TYPESCRIPT_KERNELS = new Set(['whetstone', 'tslab', 'deno', 'typescript']);

export class NotebookError extends Error {
  override name = 'NotebookError';
}

export function readNotebook(path: string): Notebook {
  if (!existsSync(path)) throw new NotebookError(`${path}: no such notebook`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new NotebookError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Notebook).cells)) {
    throw new NotebookError(`${path}: not a Jupyter notebook (no "cells" list)`);
  }
  const notebook = raw as Notebook;
  if (notebook.nbformat !== 4) throw new NotebookError(`${path}: nbformat ${String(notebook.nbformat)} is not supported (need 4)`);
  const spec = (notebook.metadata?.['kernelspec'] ?? {}) as { name?: string; language?: string };
  const language = (notebook.metadata?.['language_info'] as { name?: string } | undefined)?.name ?? spec.language;
  if (spec.name && !TYPESCRIPT_KERNELS.has(spec.name) && language !== 'typescript') {
    throw new NotebookError(`${path}: written for kernel '${spec.name}' (${language ?? 'unknown language'}), not TypeScript`);
  }
  notebook.cells.forEach((cell, i) => {
    if (!['code', 'markdown', 'raw'].includes(cell.cell_type)) throw new NotebookError(`${path}: cell ${i + 1} has unknown cell_type ${String(cell.cell_type)}`);
    cell.metadata ??= {};
    // nbformat 4.5 requires cell ids; give old notebooks some so the written file validates.
    if (notebook.nbformat_minor >= 5 && typeof cell.id !== 'string') cell.id = randomBytes(4).toString('hex');
  });
  return notebook;
}

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Writes the notebook atomically (temporary file + rename in the same directory). */
export function writeNotebook(path: string, notebook: Notebook): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify(notebook, null, 1) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
