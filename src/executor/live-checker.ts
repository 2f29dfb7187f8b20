/**
 * Checks cells with one long-lived type checker instead of a new program and checker per cell.
 *
 * The language service must build a new program, and with it a new type checker, for every changed cell; the
 * checker's set-up (merging the globals of the whole type environment, resolving the lib types a cell touches) is
 * most of a cell's cost, and it is paid again every time. Here a program is taken once (the base) and each cell is
 * a source file of its own, parsed and bound on the side and checked by the base program's checker. When a cell is
 * accepted its top-level symbols are put into that checker's global symbol table, replacing any earlier ones of the
 * same name, which is exactly what the declaration files of the slow path do for a new program: later cells see
 * them, and re-declaring a name just works. The cell is still checked as a module with `export {…}` of its names
 * (the same text as the slow path), so its own declarations shadow the globals and its declaration emit, which the
 * language service's declaration store needs for completions, comes from the same checker.
 *
 * Only self-contained cells come here: a cell that imports, exports, requires or augments (anything that needs
 * module resolution for the cell's own file, which a file outside the program does not have) takes the slow path,
 * after which a new base is taken. A base is also retired after a fixed number of cells, so the memory its cells
 * hold stays bounded. This relies on TypeScript internals that are exported but not declared (`bindSourceFile`,
 * `getSetExternalModuleIndicator`, the checker's `resolveName`, `emit`'s sixth parameter) and on the `globalThis`
 * symbol's exports being the checker's global table; the TypeScript version is pinned, and when any of it is
 * missing or throws, cells take the slow path.
 */
import { join } from 'node:path';
import { membersOfChain, type MemberEntry } from './member-completion.js';
import ts from './typescript.cjs';

interface BindInternals {
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
  getSetExternalModuleIndicator(options: ts.CompilerOptions): (file: ts.SourceFile) => void;
}

/** Fields a program sets on its source files, which the checker and the emitter read. */
interface ProgramFileFields {
  path: string;
  resolvedPath: string;
  originalFileName: string;
  locals?: ts.SymbolTable;
}

/** `emit` has a sixth, undeclared parameter: emit declarations even though the file is not one of the program's. */
type ProgramWithForcedEmit = {
  emit(file: ts.SourceFile, write: ts.WriteFileCallback, cancel: undefined, dtsOnly: true, transformers: undefined, forceDts: true): ts.EmitResult;
};

const internals = ts as unknown as Partial<BindInternals>;
const HAS_INTERNALS = typeof internals.bindSourceFile === 'function' && typeof internals.getSetExternalModuleIndicator === 'function';

/** Cells with any of these need module resolution or change more than their own names: the slow path. */
const NEEDS_PROGRAM = /\bimport\b|\bexport\b|\brequire\b|\bdeclare\s+(?:global|module)\b|<reference\b/;

export function canCheckLive(code: string): boolean {
  return HAS_INTERNALS && !NEEDS_PROGRAM.test(code);
}

export interface LiveCheck {
  syntactic: readonly ts.Diagnostic[];
  semantic: readonly ts.Diagnostic[];
  /** Makes the cell's top-level names globals of the live checker, for the cells after it. */
  declare(): void;
}

export class LiveChecker {
  /**
   * How much cell text one base checks before it is retired. Every cell it checks stays alive with its syntax tree
   * and types, in proportion to its length: 80–180 bytes of heap per character (4 kB for a one-line function, 35 kB
   * for a typical five-line cell, 240 kB for a 1.6 kB one; measured in process). So the budget is in characters,
   * about 15–35 MB held. Retiring costs a new program and checker (a quarter of a second in a kernel, then V8
   * optimizes the checker again for about a second on its own threads), which short cells now pay far less often.
   */
  static textPerBase = 192 * 1024;
  /**
   * And at most this many cells, whatever their length: even the shortest holds 4–7 kB (its file, the checker's
   * tables for its nodes), so about 30 MB at most here too.
   */
  static cellsPerBase = 4096;
  private readonly globals: ts.SymbolTable;
  private readonly setModuleIndicator: (file: ts.SourceFile) => void;
  private cells = 0;
  private textChecked = 0;
  /** Every file this base has checked, counted or not: it names them. */
  private files = 0;
  /** Set when a cell re-declares a type (see `declare`). */
  private typeReplaced = false;
  /** Declared cells whose declaration files have not been emitted yet (see `flush`). */
  private pending: ts.SourceFile[] = [];
  /** Declaration files emitted but not yet collected by `flush`. */
  private emitted: string[] = [];

  private constructor(private readonly program: ts.Program, private readonly directory: string, globals: ts.SymbolTable) {
    this.globals = globals;
    this.setModuleIndicator = internals.getSetExternalModuleIndicator!(program.getCompilerOptions());
  }

  /** A live checker over `program`'s checker, or undefined when this TypeScript lacks what it relies on. */
  static over(program: ts.Program, directory: string): LiveChecker | undefined {
    if (!HAS_INTERNALS) return undefined;
    const checker = program.getTypeChecker() as ts.TypeChecker & {
      resolveName(name: string, location: ts.Node | undefined, meaning: ts.SymbolFlags, excludeGlobals: boolean): ts.Symbol | undefined;
    };
    // The checker's `globalThis` symbol exports its global symbol table itself (not a copy).
    const globals = checker.resolveName?.('globalThis', undefined, ts.SymbolFlags.Value, false)?.exports;
    return globals ? new LiveChecker(program, directory, globals) : undefined;
  }

  /** Whether a new base should be taken: this one has checked its share of cells or of text, or a type was re-declared. */
  get retired(): boolean {
    return this.typeReplaced || this.cells >= LiveChecker.cellsPerBase || this.textChecked >= LiveChecker.textPerBase;
  }

  /**
   * Checks `text` (a cell with its `export {…}` line, declaring `names`). A rehearsal (warm-up.ts) is left out of
   * the base's budget: its one-line cells are never declared and hold little once collected (2,500 of them, about
   * 1 MB of heap after a full GC, measured in a kernel), while counting them would retire the first base early.
   */
  check(text: string, names: readonly string[], { rehearsal = false } = {}): LiveCheck {
    if (!rehearsal) {
      this.cells++;
      this.textChecked += text.length;
    }
    // A file name of its own per cell: the program caches diagnostics by path.
    const fileName = join(this.directory, `__whetstone_live_${++this.files}__.ts`);
    const file = ts.createSourceFile(fileName, text, {
      languageVersion: ts.ScriptTarget.ES2022,
      impliedNodeFormat: ts.ModuleKind.ESNext,
      setExternalModuleIndicator: this.setModuleIndicator,
      jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
    });
    const fields = file as ts.SourceFile & ProgramFileFields;
    fields.path = fileName;
    fields.resolvedPath = fileName;
    fields.originalFileName = fileName;
    internals.bindSourceFile!(file, this.program.getCompilerOptions());
    const syntactic = this.program.getSyntacticDiagnostics(file);
    const semantic = this.program.getSemanticDiagnostics(file);
    return { syntactic, semantic, declare: () => this.declare(file, names) };
  }

  /** The members of the global value `chain` names, for a completion after its dot (see member-completion.ts). */
  members(chain: readonly string[]): MemberEntry[] | undefined {
    return membersOfChain(this.program.getTypeChecker(), this.globals, chain);
  }

  /**
   * The declaration files of the cells declared since the last flush, in order. Emitting them is a third of a
   * cell's checking time and only the language service needs them (for completions, inspection and cells on the
   * slow path), so it waits until one of those asks. The emit gives what it would have given at once, because
   * nothing it reads changes meanwhile: types are cached, and a cell that replaces a global flushes first.
   */
  flush(): string[] {
    this.emitPending();
    const emitted = this.emitted;
    this.emitted = [];
    return emitted;
  }

  private emitPending(): void {
    for (const file of this.pending) {
      (this.program as ProgramWithForcedEmit).emit(file, (_name, output) => { this.emitted.push(output); }, undefined, true, undefined, true);
    }
    this.pending = [];
  }

  /**
   * Earlier cells' declarations refer to types by symbol here, but by name in the declaration store: after
   * `interface Point` is declared again, a value typed with the old `Point` has the new `Point` on the slow path. So
   * a re-declared type retires this base, and the next cell gets a new one read from the store, as the slow path does.
   */
  private declare(file: ts.SourceFile, names: readonly string[]): void {
    const locals = (file as ts.SourceFile & ProgramFileFields).locals;
    const declared: [ts.__String, ts.Symbol][] = [];
    for (const name of names) {
      const key = ts.escapeLeadingUnderscores(name);
      const symbol = locals?.get(key);
      if (symbol) declared.push([key, symbol]);
    }
    if (declared.some(([key]) => this.globals.has(key))) this.onReplace(declared);
    // Cells here export nothing themselves (those take the slow path), so each name's symbol is the local one.
    for (const [key, symbol] of declared) this.globals.set(key, symbol);
    if (declared.length > 0) this.pending.push(file);
  }

  /** Before a global is replaced, waiting declaration files are emitted, since they may name it (`typeof f`). */
  private onReplace(declared: readonly [ts.__String, ts.Symbol][]): void {
    this.emitPending();
    const replacesType = ([key]: readonly [ts.__String, ts.Symbol]) => (this.globals.get(key)?.flags ?? 0) & (ts.SymbolFlags.Type | ts.SymbolFlags.Namespace);
    if (declared.some(replacesType)) this.typeReplaced = true;
  }
}
