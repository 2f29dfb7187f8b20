/**
 * Turns cells into running code: type-check against earlier cells, record declarations, transpile with a source
 * map, run on the main thread with top-level await, and report a value, diagnostics, or a cell-relative error.
 * It knows nothing about Jupyter messages (the kernel's handlers do).
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { CellChecker, formatDiagnostics } from './cell-checker.js';
import { InterruptError, Interrupter, isSigintTermination } from './interrupt.js';
import { complete, inspect, isComplete, type Completeness, type Completion, type Inspection } from './language-queries.js';
import { kernelAliases, ModuleLoader } from './module-loader.js';
import { RUNTIME_GLOBAL } from './rewrite-top-level.js';
import { StackMapper, type CellError } from './stack-trace.js';
import { ParallelTranspiler } from './parallel-transpiler.js';
import { transpileCell, type TranspiledCell } from './transpile.js';
import { blankingTranspile } from './blanking-transpile.js';
import { parseCell } from './cell-names.js';
import type ts from './typescript.cjs';
import { QuietPeriod, rehearse, warmUp } from './warm-up.js';

export type { CellError } from './stack-trace.js';

export type ExecuteOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'diagnostics'; error: CellError }
  | { kind: 'error'; error: CellError; interrupted: boolean };

export interface ExecutorOptions {
  /** The notebook's directory. */
  cwd: string;
  /** The kernel's package root (for module fallback and to hide its frames). */
  kernelRoot: string;
}

/** A module whose exports become typed globals in every cell. */
export interface Preload {
  /** Specifier the type checker resolves (from the kernel's install). */
  specifier: string;
  /** The loaded module namespace. */
  module: Record<string, unknown>;
  /** Export names to make global; default all. */
  names?: string[];
  /** Also make the whole module a global under this name (e.g. `tf`). */
  alias?: string;
}


/** False sends every cell through TypeScript's emit (debugging: `WHETSTONE_NO_QUICK_TRANSPILE=1`). */
const QUICK_TRANSPILE = !process.env['WHETSTONE_NO_QUICK_TRANSPILE'];

/** Limits of the cells `recall` keeps. */
const MAX_RECENT = 32;
const MAX_RECENT_LENGTH = 16 * 1024;

/** How long cells must pause before the idle flush (see `idleFlush`). */
const IDLE_FLUSH_MS = 300;

const INTERRUPTED: CellError = { ename: 'KeyboardInterrupt', evalue: 'execution interrupted', traceback: ['KeyboardInterrupt: execution interrupted'] };

export class Executor {
  readonly checker: CellChecker;
  readonly loader: ModuleLoader;
  readonly stack: StackMapper;
  readonly interrupter = new Interrupter();
  readonly transpiler = new ParallelTranspiler();
  private anonymousCount = 0;

  constructor(options: ExecutorOptions) {
    this.checker = new CellChecker(options);
    this.loader = new ModuleLoader({ ...options, aliases: kernelAliases(options.kernelRoot) });
    const internal = ['executor', 'kernel', 'display', 'cli', 'runner'].map((d) => join(options.kernelRoot, 'dist', 'src', d));
    this.stack = new StackMapper(internal);
    Object.defineProperty(globalThis, RUNTIME_GLOBAL, { value: this.loader, enumerable: false, configurable: true });
  }

  /** Makes a module's exports typed globals, at run time and for the type checker. */
  preload({ specifier, module, names, alias }: Preload): void {
    const exported = names ?? Object.keys(module).filter((n) => n !== 'default');
    for (const name of exported) defineGlobal(name, module[name]);
    if (alias) defineGlobal(alias, module);
    this.checker.preloadModule(specifier, exported, alias);
  }

  /** Type-checks and runs one cell; `label` (e.g. `In[3]`) names it in diagnostics and stack traces. */
  async execute(code: string, label: string): Promise<ExecuteOutcome> {
    this.interrupter.arm();
    this.quiet.begin();
    try {
      return await this.checkAndRun(code, label);
    } finally {
      this.quiet.end();
      this.interrupter.disarm();
      (this.idleFlush ??= setTimeout(() => this.flushDeclarations(), IDLE_FLUSH_MS).unref()).refresh();
    }
  }

  /**
   * Once cells pause, the declaration files the live checker owes the language service are written out, so that a
   * completion request, or the checker's periodic renewal, does not pay for many cells at once.
   */
  private idleFlush: NodeJS.Timeout | undefined;
  /** Whether cells, completions and inspections have paused (the warm-up runs only then). */
  private readonly quiet = new QuietPeriod();

  private flushDeclarations(): void {
    try {
      this.checker.languageService();
    } catch {
      // The language service asks again when it is needed, and the cells concerned have already run.
    }
  }

  private async checkAndRun(code: string, label: string): Promise<ExecuteOutcome> {
    const { parsed, quick } = this.recall(code, label);
    // Most cells are transpiled at once from the tree the checker reads; the others on their own thread while this
    // one type-checks.
    const transpiled = quick ? undefined : this.transpiler.transpile(code, label);
    transpiled?.catch(() => {}); // a cell stopped by its diagnostics never looks at it
    const checked = this.checker.check(code, parsed);
    if (checked.diagnostics.length > 0) {
      const lines = formatDiagnostics(checked.diagnostics, label);
      const first = checked.diagnostics[0]!;
      return {
        kind: 'diagnostics',
        error: { ename: 'TypeScriptError', evalue: `${label}:${first.line}:${first.column} TS${first.code}: ${first.message}`, traceback: lines },
      };
    }
    checked.commit();
    let compiled: TranspiledCell;
    try {
      compiled = quick ?? await transpiled!;
    } catch (error) {
      return { kind: 'error', error: this.stack.toCellError(error), interrupted: false };
    }
    return this.runCompiled(code, label, compiled);
  }

  /** Syntax trees and quick transpiles of recent cells, by code, least recently run first: cells are often rerun. */
  private readonly recent = new Map<string, { parsed: ts.SourceFile; quick: TranspiledCell | undefined }>();

  private recall(code: string, label: string): { parsed: ts.SourceFile; quick: TranspiledCell | undefined } {
    const known = this.recent.get(code);
    if (known) {
      this.recent.delete(code);
      this.recent.set(code, known);
      return known;
    }
    const parsed = parseCell(code);
    const cell = { parsed, quick: QUICK_TRANSPILE ? blankingTranspile(parsed, label) : undefined };
    if (code.length <= MAX_RECENT_LENGTH) {
      this.recent.set(code, cell);
      if (this.recent.size > MAX_RECENT) this.recent.delete(this.recent.keys().next().value!);
    }
    return cell;
  }

  /** Runs code without type-checking (user_expressions, internal probes). */
  async run(code: string, label = `<expr ${++this.anonymousCount}>`): Promise<ExecuteOutcome> {
    let compiled: TranspiledCell;
    try {
      compiled = transpileCell(code, label);
    } catch (error) {
      return { kind: 'error', error: this.stack.toCellError(error), interrupted: false };
    }
    return this.runCompiled(code, label, compiled);
  }

  private async runCompiled(code: string, label: string, compiled: TranspiledCell): Promise<ExecuteOutcome> {
    let script: vm.Script;
    try {
      script = new vm.Script(compiled.js, { filename: label });
    } catch (error) {
      // The quick transpiler's output is JavaScript TypeScript's would be (its tests run both); should it ever not
      // compile, TypeScript's emit is the reference.
      if (!compiled.copiedStretches) return { kind: 'error', error: this.stack.toCellError(error), interrupted: false };
      return this.run(code, label);
    }
    this.stack.register(label, compiled.sourceMap, code.split('\n').length, compiled.copiedStretches);
    for (const name of compiled.names) {
      if (!(name in globalThis)) defineGlobal(name, undefined);
    }
    try {
      // The script runs in a task of its own, with the interrupt race already in place: if an interrupt has to
      // terminate the execution (a loop blocked outside breakOnSigint's reach), only that task unwinds, and the race
      // still ends the cell with KeyboardInterrupt. An interrupt that came while the task waited for its turn (or
      // while the cell was type-checked, which blocks the event loop) has already ended the race: the script must
      // not start at all.
      const started = new Promise<unknown>((resolve, reject) => setImmediate(() => {
        if (this.interrupter.takeRequest()) {
          reject(new InterruptError());
          return;
        }
        try {
          resolve(this.interrupter.runSync(script));
        } catch (error) {
          reject(error);
        }
      }));
      const value = await this.interrupter.race(started);
      return { kind: 'value', value };
    } catch (error) {
      const interrupted = error instanceof InterruptError || isSigintTermination(error);
      const cellError = interrupted ? INTERRUPTED : this.stack.toCellError(error);
      return { kind: 'error', error: cellError, interrupted };
    }
  }

  /**
   * Builds the first type-checking program (the packed type environment takes most of a second to parse), then warms
   * the checker on sample cells in the pauses between the user's cells, so the first cells the user runs are as fast
   * as later ones; then rehearses thousands of one-line cells in later pauses, so that they are as fast as they get.
   */
  async warmUp(budgetMs = 1500): Promise<void> {
    // The transpiler thread loads and warms up on another core while this one parses the type environment.
    this.transpiler.start();
    this.checker.check('');
    const prepare = (code: string) => {
      const parsed = parseCell(code);
      blankingTranspile(parsed, 'warm-up');
      this.checker.check(code, parsed);
    };
    await warmUp(prepare, () => this.quiet.isQuiet(), budgetMs);
    await rehearse((code) => {
      const parsed = parseCell(code);
      blankingTranspile(parsed, 'rehearsal');
      return this.checker.rehearse(code, parsed);
    }, () => this.quiet.isQuiet());
  }

  complete(code: string, cursor: number): Completion {
    this.quiet.touch();
    return complete(this.checker, code, cursor);
  }

  inspect(code: string, cursor: number): Inspection {
    this.quiet.touch();
    return inspect(this.checker, code, cursor);
  }

  isComplete(code: string): Completeness {
    return isComplete(code);
  }
}

function defineGlobal(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}
