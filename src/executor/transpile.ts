/**
 * Cell TypeScript → runnable JavaScript with a source map back to the cell.
 *
 * `ts.transpileModule` builds a program and a type checker for every call, although most cells never need one:
 * the checker only answers questions about imports (which are elided), enums and namespaces. So a cell is first
 * put through the very same transformers and printer with an emit resolver that refuses every question; a cell
 * that asks one (it has an import, an enum, …) goes through `ts.transpileModule` instead, which gives the same
 * output (tests/executor/transpile.test.ts compares the two). The fast path uses TypeScript functions that are
 * exported but not declared (the version is pinned); if they are missing, or fail, a cell takes the slow path.
 * A cell run again unchanged reuses its output.
 */
import ts from './typescript.cjs';
import { exportedNames, topLevelNames } from './cell-names.js';
import { rewriteTopLevel, type RewriteInfo } from './rewrite-top-level.js';

export interface TranspiledCell {
  js: string;
  /** Source map (JSON) from `js` to the cell's text. */
  sourceMap: string;
  /** Globals the cell assigns. */
  names: string[];
  /**
   * True when each segment of the map starts a stretch copied unchanged from the cell (blanking-transpile.ts), so a
   * position inside a stretch maps by its offset from the segment. TypeScript's maps only hold at their segments.
   */
  copiedStretches?: boolean;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  esModuleInterop: true,
  experimentalDecorators: false,
  useDefineForClassFields: true,
};

export function transpileCell(code: string, fileName: string): TranspiledCell {
  const cached = outputs.get(code);
  if (cached) {
    outputs.delete(code);
    outputs.set(code, cached);
    return { js: cached.js, sourceMap: withFileName(cached.sourceMap, fileName), names: [...cached.names] };
  }
  const compiled = fastTranspile(code, fileName) ?? checkerTranspile(code, fileName);
  if (code.length <= MAX_CACHED_LENGTH) {
    outputs.set(code, { js: compiled.js, sourceMap: JSON.parse(compiled.sourceMap) as SourceMapJson, names: compiled.names });
    if (outputs.size > MAX_CACHED) outputs.delete(outputs.keys().next().value!);
  }
  return compiled;
}

/** The reference path: a one-file program, so the emit resolver can answer about imports, enums and namespaces. */
export function checkerTranspile(code: string, fileName: string): TranspiledCell {
  const parsed = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false);
  const already = exportedNames(parsed);
  // Exporting every top-level name stops TypeScript from eliding imports that only later cells use.
  const names = topLevelNames(parsed).filter((n) => !already.has(n));
  const info: RewriteInfo = { names: [] };
  const output = ts.transpileModule(`${code}\n;export { ${names.join(', ')} };\n`, {
    fileName,
    compilerOptions: COMPILER_OPTIONS,
    transformers: { after: [rewriteTopLevel(info)] },
  });
  const js = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return { js, sourceMap: output.sourceMapText ?? '{}', names: info.names };
}

// ---- The fast path ----------------------------------------------------------------------------------------------

/** TypeScript's own emit pipeline, exported at run time but absent from its declarations. */
interface EmitInternals {
  transformNodes(resolver: unknown, host: unknown, factory: ts.NodeFactory, options: ts.CompilerOptions,
    nodes: readonly ts.SourceFile[], transformers: readonly ts.TransformerFactory<ts.SourceFile>[], allowDtsFiles: boolean): ts.TransformationResult<ts.SourceFile>;
  getTransformers(options: ts.CompilerOptions, custom: ts.CustomTransformers): { scriptTransformers: readonly ts.TransformerFactory<ts.SourceFile>[] };
  createTextWriter(newLine: string): { getText(): string };
  createSourceMapGenerator(host: unknown, file: string, sourceRoot: string, sourcesDirectoryPath: string, options: ts.CompilerOptions): { toString(): string };
  fixupCompilerOptions(options: ts.CompilerOptions, diagnostics: ts.Diagnostic[]): ts.CompilerOptions;
  transpileOptionValueCompilerOptions: readonly { name: string; transpileOptionValue: unknown }[];
  getSetExternalModuleIndicator(options: ts.CompilerOptions): (file: ts.SourceFile) => void;
  getEmitModuleFormatOfFileWorker(file: ts.SourceFile, options: ts.CompilerOptions): ts.ModuleKind;
}

type Printer = ts.Printer & { writeFile(file: ts.SourceFile, writer: unknown, sourceMap: unknown): void };

const internals = ts as unknown as Partial<EmitInternals>;
const INTERNAL_FUNCTIONS = ['transformNodes', 'getTransformers', 'createTextWriter', 'createSourceMapGenerator',
  'fixupCompilerOptions', 'getSetExternalModuleIndicator', 'getEmitModuleFormatOfFileWorker'] as const;
const HAS_INTERNALS = INTERNAL_FUNCTIONS.every((name) => typeof internals[name] === 'function')
  && Array.isArray(internals.transpileOptionValueCompilerOptions);

/** Answers nothing: any question (import elision, enum values, namespace exports, …) sends the cell to the checker. */
const REFUSING = new Proxy({}, { get: () => { throw new Error('this cell needs the type checker'); } });

/** The emit host's one answer the transformers need: the module format (ES modules here), as a program gives it. */
const EMIT_HOST = new Proxy({}, {
  get: (_target, key) => {
    if (key === 'getEmitModuleFormatOfFile') return (file: ts.SourceFile) => internals.getEmitModuleFormatOfFileWorker!(file, EMIT_OPTIONS!);
    throw new Error('this cell needs the type checker');
  },
});

/** The options `ts.transpileModule` ends up emitting with (see transpileWorker in typescript.js). */
const EMIT_OPTIONS: ts.CompilerOptions | undefined = HAS_INTERNALS ? emitOptions() : undefined;

function emitOptions(): ts.CompilerOptions {
  const options = internals.fixupCompilerOptions!(COMPILER_OPTIONS, []);
  const defaults = ts.getDefaultCompilerOptions();
  for (const key of Object.keys(defaults)) if (options[key] === undefined) options[key] = defaults[key];
  for (const option of internals.transpileOptionValueCompilerOptions!) options[option.name] = option.transpileOptionValue as ts.CompilerOptionsValue;
  return { ...options, suppressOutputPathCheck: true, allowNonTsExtensions: true, declaration: false, declarationMap: false, noLib: true };
}

/** Names the barebones library of `ts.transpileModule` declares (the printer avoids them for generated names). */
const LIB_GLOBALS = new Set(['Boolean', 'Function', 'CallableFunction', 'NewableFunction', 'IArguments', 'Number', 'Object', 'RegExp', 'String', 'Array', 'SymbolConstructor', 'Symbol']);
const PATH_HOST = { getCurrentDirectory: () => '', getCanonicalFileName: (fileName: string) => fileName, useCaseSensitiveFileNames: () => false };

/** The output `checkerTranspile` would give, or undefined when the cell needs the type checker (or this failed). */
export function fastTranspile(code: string, fileName: string): TranspiledCell | undefined {
  if (!EMIT_OPTIONS) return undefined;
  // The file must be a module, like the checker's `export {…}` version (whose names only matter for imports).
  const info: RewriteInfo = { names: [] };
  let result: ts.TransformationResult<ts.SourceFile> | undefined;
  try {
    // Parent pointers are set here (a program's binder would set them).
    const source = ts.createSourceFile(fileName, `${code}\n;export {};\n`, {
      languageVersion: EMIT_OPTIONS.target!,
      setExternalModuleIndicator: internals.getSetExternalModuleIndicator!(EMIT_OPTIONS),
    }, true);
    const { scriptTransformers } = internals.getTransformers!(EMIT_OPTIONS, { after: [rewriteTopLevel(info)] });
    result = internals.transformNodes!(REFUSING, EMIT_HOST, ts.factory, EMIT_OPTIONS, [source], scriptTransformers, false);
    const printer = ts.createPrinter(
      {
        removeComments: EMIT_OPTIONS.removeComments, newLine: EMIT_OPTIONS.newLine, noEmitHelpers: EMIT_OPTIONS.noEmitHelpers,
        module: EMIT_OPTIONS.module, target: EMIT_OPTIONS.target, sourceMap: EMIT_OPTIONS.sourceMap,
      } as ts.PrinterOptions,
      {
        hasGlobalName: (name) => LIB_GLOBALS.has(name),
        onEmitNode: result.emitNodeWithNotification,
        isEmitNotificationEnabled: result.isEmitNotificationEnabled,
        substituteNode: result.substituteNode,
      },
    ) as Printer;
    const writer = internals.createTextWriter!('\n');
    const sourceMap = internals.createSourceMapGenerator!(PATH_HOST, `${fileName}.js`, '', '', EMIT_OPTIONS);
    printer.writeFile(result.transformed[0]!, writer, sourceMap);
    return { js: writer.getText(), sourceMap: sourceMap.toString(), names: info.names };
  } catch {
    return undefined;
  } finally {
    result?.dispose();
  }
}

// ---- Re-runs ----------------------------------------------------------------------------------------------------

interface SourceMapJson {
  file: string;
  sources: string[];
  [key: string]: unknown;
}

/** Outputs of recent cells by their code, least recently used first. */
const outputs = new Map<string, { js: string; sourceMap: SourceMapJson; names: string[] }>();
const MAX_CACHED = 128;
const MAX_CACHED_LENGTH = 16 * 1024;

/** The map as a transpile under `fileName` writes it (only the file names differ between labels). */
function withFileName(map: SourceMapJson, fileName: string): string {
  return JSON.stringify({ ...map, file: `${fileName}.js`, sources: [fileName] });
}
