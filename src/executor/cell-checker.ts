/**
 * Type-checks a cell against everything earlier cells declared, and records the cell's own declarations once it
 * is accepted. The cell is checked as a module (so its declarations shadow, rather than clash with, the globals
 * earlier cells left behind: re-running `const x = 1` just works) with an `export {…}` of its top-level names
 * appended, so declaration emit writes out their types for the next cell. Self-contained cells are checked by one
 * long-lived checker (live-checker.ts); cells that import or export go through the language service.
 */
import { join } from 'node:path';
import ts from './typescript.cjs';
import { exportedNames, parseCell, topLevelNames } from './cell-names.js';
import { DeclarationStore } from './declaration-store.js';
import { CellLanguageHost, cellCompilerOptions, type HostOptions } from './language-host.js';
import { canCheckLive, LiveChecker } from './live-checker.js';
import type { MemberEntry } from './member-completion.js';
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

/** Limits of what `check` remembers of cells run again unchanged. */
const MAX_REMEMBERED = 64;
const MAX_REMEMBERED_LENGTH = 16 * 1024;

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
  /** The long-lived checker for self-contained cells (live-checker.ts); undefined until needed or after a slow cell. */
  private live: LiveChecker | undefined;
  /** False checks every cell through the language service (tests compare both paths). */
  liveChecking = !process.env['WHETSTONE_NO_LIVE_CHECK'];
  /** How many cells the live checker has checked (tests make sure the fast path is really taken). */
  liveChecks = 0;
  /** How many rehearsals (see `rehearse`) it has checked (tests make sure they take the live path). */
  rehearsals = 0;
  /** Counts changes to the globals cells are checked against (a cell's declarations, a preload). */
  private generation = 0;
  /** Diagnostics of recent cells that declare nothing, by code, least recently checked first (see `check`). */
  private readonly repeats = new Map<string, { generation: number; diagnostics: CellDiagnostic[] }>();

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
    this.generation++;
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

  /** @param parsed the cell's syntax tree, when the caller has it already. */
  check(code: string, parsed = parseCell(code)): CheckResult {
    this.prepare();
    const { names, text, declares } = moduleText(code, parsed);
    // A cell that declares nothing and imports nothing (`1 + 1`, a plot, a print) depends on nothing but its text
    // and the globals: run again before any global changed, its diagnostics are those of last time.
    const repeatable = !declares && code.length <= MAX_REMEMBERED_LENGTH && canCheckLive(code);
    const remembered = repeatable ? this.repeats.get(code) : undefined;
    if (remembered?.generation === this.generation) return { diagnostics: remembered.diagnostics, commit: () => {} };
    const result = this.checkLive(code, text, names) ?? this.checkWithService(code, text, declares);
    if (repeatable) {
      this.repeats.delete(code);
      this.repeats.set(code, { generation: this.generation, diagnostics: result.diagnostics });
      if (this.repeats.size > MAX_REMEMBERED) this.repeats.delete(this.repeats.keys().next().value!);
    }
    return result;
  }

  /**
   * Type-checks a cell on the live checker only, to warm it up (warm-up.ts: rehearse): nothing is recorded or
   * remembered, and the check does not count against the live base's budget. False when the cell cannot be checked
   * live (live checking off, a cell that imports): the language service's path would build a program per cell.
   */
  rehearse(code: string, parsed = parseCell(code)): boolean {
    this.prepare();
    if (!this.liveChecking || !canCheckLive(code)) return false;
    const { names, text } = moduleText(code, parsed);
    try {
      const live = this.liveBase();
      if (!live) return false;
      live.check(text, names, { rehearsal: true });
      this.rehearsals++;
      return true;
    } catch {
      this.retireLive();
      return false;
    }
  }

  /** The fast path, for cells that need no module resolution; undefined sends the cell to the language service. */
  private checkLive(code: string, text: string, names: string[]): CheckResult | undefined {
    if (!this.liveChecking || !canCheckLive(code)) return undefined;
    try {
      const live = this.liveBase();
      if (!live) return undefined;
      const checked = live.check(text, names);
      this.liveChecks++;
      const commit = () => {
        if (names.length > 0) this.generation++;
        try {
          checked.declare();
        } catch {
          // Recorded the reliable way instead, so later cells still see this cell's names.
          this.retireLive();
          this.checkWithService(code, text, names.length > 0).commit();
        }
      };
      return { diagnostics: cellDiagnostics(checked.syntactic, checked.semantic, code), commit };
    } catch {
      // Anything unexpected from TypeScript's internals: this cell, and a fresh base later, go the reliable way.
      this.retireLive();
      return undefined;
    }
  }

  /** The live checker's current base: a new one once the last has retired; undefined without TypeScript's internals. */
  private liveBase(): LiveChecker | undefined {
    if (this.live?.retired) this.retireLive();
    this.live ??= LiveChecker.over(this.service.getProgram()!, this.options.cwd);
    return this.live;
  }

  private checkWithService(code: string, text: string, declares: boolean): CheckResult {
    this.host.setFile(this.cellFile, text);
    const service = this.languageService();
    const program = service.getProgram()!;
    const file = program.getSourceFile(this.cellFile)!;
    // The program's semantic diagnostics, not the service's: those add declaration-emit problems (a type the
    // declaration file cannot name), which are the kernel's business and must not stop a valid cell.
    const syntactic = program.getSyntacticDiagnostics(file);
    const semantic = program.getSemanticDiagnostics(file);
    return {
      diagnostics: cellDiagnostics(syntactic, semantic, code),
      commit: () => {
        // A cell that declares nothing (an expression, a call) leaves nothing for later cells: skip the emit.
        if (!declares) return;
        this.generation++;
        const output = service.getEmitOutput(this.cellFile, true);
        const dts = output.outputFiles.find((f) => f.name.endsWith('.d.ts'));
        if (dts) this.addDeclarations([dts.text]);
        // The live checker cannot see this cell's declarations (its checker belongs to another program): retire it.
        this.retireLive();
      },
    };
  }

  /**
   * The language service, with every declaration so far in its store: the live checker emits its cells'
   * declaration files only when asked (completions, inspection and slow-path cells ask here).
   */
  languageService(): ts.LanguageService {
    this.prepare();
    this.addDeclarations(this.live?.flush() ?? []);
    return this.service;
  }

  /**
   * Members of a global value for a completion, from the live checker (always current, and warm); undefined when
   * there is none right now or the case is not a plain one (see member-completion.ts): ask the language service.
   */
  liveMembers(chain: readonly string[]): MemberEntry[] | undefined {
    if (!this.liveChecking || !this.live || this.live.retired) return undefined;
    try {
      return this.live.members(chain);
    } catch {
      return undefined;
    }
  }

  /** Drops the live checker, once its waiting declarations are in the store; the next cell takes a new base. */
  private retireLive(): void {
    const live = this.live;
    this.live = undefined;
    try {
      this.addDeclarations(live?.flush() ?? []);
    } catch {
      // Emit failed: those cells' names stay unknown to completions and later programs (their code has run).
    }
  }

  private addDeclarations(files: readonly string[]): void {
    if (files.length === 0) return;
    for (const dts of files) this.store.addFromEmittedDts(dts);
    this.host.declarationsChanged();
  }
}

/**
 * Errors to show, positioned in the cell's own text. Type errors in the appended `export {…}` line are the
 * checker's business, not the user's; a syntax error found there belongs to the cell (`const x = (1 +` only ends
 * at the appended `;`), so it is moved to the end of the cell.
 */
function cellDiagnostics(syntactic: readonly ts.Diagnostic[], semantic: readonly ts.Diagnostic[], code: string): CellDiagnostic[] {
  const errors = (list: readonly ts.Diagnostic[]) => list.filter((d) => d.category === ts.DiagnosticCategory.Error);
  const clamped = errors(syntactic).map((d) => ((d.start ?? 0) < code.length ? d : { ...d, start: code.length, length: 0 }));
  const own = errors(semantic).filter((d) => (d.start ?? 0) < code.length);
  return [...clamped, ...own].map((d) => toCellDiagnostic(d, code));
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

/** The text a cell is checked as (a module exporting its top-level names), and the names it declares. */
function moduleText(code: string, parsed: ts.SourceFile): { names: string[]; text: string; declares: boolean } {
  const alreadyExported = exportedNames(parsed);
  const names = topLevelNames(parsed).filter((n) => !alreadyExported.has(n));
  return { names, text: `${code}\n;export { ${names.join(', ')} };\n`, declares: names.length > 0 || alreadyExported.size > 0 };
}
