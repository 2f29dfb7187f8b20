/**
 * Module hooks (registered with `module.register`) that let cells import relative `.ts` files: `.ts` URLs are
 * transpiled to ESM on load, and an extensionless relative import that has a `.ts` file beside it resolves to it.
 * Types are checked in the cell, not here: this only strips them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from './typescript.cjs';

type Resolve = (specifier: string, context: { parentURL?: string }) => Promise<{ url: string; format?: string }>;
type Load = (url: string, context: Record<string, unknown>) => Promise<{ format: string; source?: string | Buffer }>;

export async function resolve(specifier: string, context: { parentURL?: string }, next: Resolve) {
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
    const candidate = new URL(specifier, context.parentURL);
    if (!/\.[cm]?[jt]sx?$/.test(candidate.pathname) && existsSync(fileURLToPath(candidate) + '.ts')) {
      return { url: candidate.href + '.ts', format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url: string, context: Record<string, unknown>, next: Load) {
  if (url.startsWith('file:') && /\.(m?ts|tsx)$/.test(url)) {
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: fileURLToPath(url),
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, inlineSourceMap: true, esModuleInterop: true },
    });
    return { format: 'module', source: output.outputText, shortCircuit: true };
  }
  return next(url, context);
}
