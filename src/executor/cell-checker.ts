/**
 * Type-checks a cell against everything earlier cells declared, and records the cell's own declarations once it
 * is accepted. The cell is checked as a module (so its declarations shadow, rather than clash with, the globals
 * earlier cells left behind: re-running `const x = 1` just works) with an `export {…}` of its top-level names
 * appended, so declaration emit writes out their types for the next cell.
 */
import { join } from 'node:path';
import ts from './typescript.cjs';
import { exportedNames, topLevelNames } from './cell-names.js';
import { DeclarationStore } from './declaration-store.js';
import { CellLanguageHost, cellCompilerOptions, type HostOptions } from './language-host.js';
import { loadTypeEnvironment } from './type-environment.js';

/** A diagnostic positioned in the cell's own text (1-based line and column). */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
  category: 'error' | 'warning';
  /** The source line the diagnostic points into, for a caret display. */
  sourceLine: string;
  length: number;
}

export interface CheckResult {
  diagnostics: CellDiagnostic[];
  /** Records this cell's declarations for later cells; call once the cell is accepted. */
  commit(): void;
}

export class CellChecker {
  readonly store: DeclarationStore;
  readonly host: CellLanguageHost;
  readonly service: ts.LanguageService;
  readonly cellFile: string;
  /** Modules preloaded so far; packed with the lib and @types/node into the type environment at first use. */
  private readonly preloaded: string[] = [];
  private environmentLoaded = false;

  constructor(private readonly options: HostOptions) {
    this.store = new DeclarationStore(options.cwd);
    this.host = new CellLanguageHost(options, this.store);
    // No JSDoc parsing: checking never needs it, and inspect reads doc comments from the text (doc-comments.ts).
    this.service = ts.createLanguageService(this.host, ts.createDocumentRegistry(undefined, undefined, ts.JSDocParsingMode.ParseNone));
    this.cellFile = join(options.cwd, '__whetstone_cell__.ts');
  }

  /** Declares a module's exports (or the module itself, under `alias`) as typed globals. */
  preloadModule(specifier: string, names: readonly string[], alias?: string): void {
    this.store.addModuleGlobals(specifier, names, alias);
    this.host.declarationsChanged();
    if (!this.environmentLoaded) this.preloaded.push(specifier);
  }

  /**
   * Packs the lib, @types/node and the modules preloaded so far into the type environment (from the on-disk cache
   * when it is fresh). Runs once, before the first check or query; modules preloaded later are read as ordinary files.
   */
  prepare(): void {
    if (this.environmentLoaded) return;
    this.environmentLoaded = true;
    if (process.env['WHETSTONE_UNPACKED_TYPES']) return;
    this.host.useEnvironment(loadTypeEnvironment(this.preloaded, cellCompilerOptions(this.options), this.options.kernelRoot));
  }

  check(code: string): CheckResult {
    this.prepare();
    const parsed = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false);
    const alreadyExported = exportedNames(parsed);
    const names = topLevelNames(parsed).filter((n) => !alreadyExported.has(n));
    this.host.setFile(this.cellFile, `${code}\n;export { ${names.join(', ')} };\n`);
    const raw = [
      ...this.service.getSyntacticDiagnostics(this.cellFile),
      ...this.service.getSemanticDiagnostics(this.cellFile),
    ];
    const diagnostics = raw
      .filter((d) => d.category === ts.DiagnosticCategory.Error && (d.start ?? 0) < code.length)
      .map((d) => toCellDiagnostic(d, code));
    return {
      diagnostics,
      commit: () => {
        // A cell that declares nothing (an expression, a call) leaves nothing for later cells: skip the emit.
        if (names.length === 0 && alreadyExported.size === 0) return;
        const output = this.service.getEmitOutput(this.cellFile, true);
        const dts = output.outputFiles.find((f) => f.name.endsWith('.d.ts'));
        if (dts) {
          this.store.addFromEmittedDts(dts.text);
          this.host.declarationsChanged();
        }
      },
    };
  }
}

function toCellDiagnostic(diagnostic: ts.Diagnostic, code: string): CellDiagnostic {
  const start = diagnostic.start ?? 0;
  const before = code.slice(0, start).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return {
    line,
    column,
    code: diagnostic.code,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    category: 'error',
    sourceLine: code.split('\n')[line - 1] ?? '',
    length: diagnostic.length ?? 1,
  };
}

/** Formats diagnostics the way the kernel shows them: `In[3]:2:7 - error TS2322: …` plus the line and a caret. */
export function formatDiagnostics(diagnostics: readonly CellDiagnostic[], label: string): string[] {
  return diagnostics.map((d) => {
    const caret = ' '.repeat(d.column - 1) + '^'.repeat(Math.max(1, Math.min(d.length, d.sourceLine.length - d.column + 1)));
    return `${label}:${d.line}:${d.column} - error TS${d.code}: ${d.message}\n    ${d.sourceLine}\n    ${caret}`;
  });
}
