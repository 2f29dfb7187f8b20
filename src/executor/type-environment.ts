/**
 * The declarations every cell is checked against (the TypeScript lib, @types/node, TensorFlow.js, the toolkit),
 * packed into a single `.d.ts` file.
 *
 * Why: TypeScript builds a new program for every changed cell, and even when it reuses every unchanged file it
 * still does per-file work (document registry lookups, package.json scope walks for files under node_modules,
 * merging each lib file's globals) that added up to ~17 ms per cell over the ~1,000 declaration files those
 * packages have. One packed file makes that per-cell cost nearly independent of how many packages are preloaded.
 *
 * How: a global script holding the lib and other global scripts verbatim, and every module file wrapped as
 * `declare module "<id>" { … }`, with its import specifiers rewritten to the ids of the files they resolve to.
 * TypeScript gives such ambient modules the same meaning as the files (implicit export rules are the same for
 * declaration files and ambient modules, and augmentations nested in them still augment). A module's id is its
 * public specifier where it has one (`@tensorflow/tfjs`), else `package/path/inside` (what a deep import writes).
 *
 * The pack is cached on disk beside the kernel's build (or in the temp directory when that is read-only) and
 * rebuilt when any input file's size or modification time changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import ts from './typescript.cjs';

export interface PackedModule {
  /** The ambient module name the pack declares for this file. */
  id: string;
  /** Whether the module uses `export =` (re-exporting it needs `import … = require`). */
  exportEquals: boolean;
  /** Whether it has a default export. */
  hasDefault: boolean;
}

export interface TypeEnvironment {
  /** Virtual file name of the pack (a root file of every cell's program). */
  fileName: string;
  text: string;
  /** Packed module files by their real path. */
  modules: Map<string, PackedModule>;
}

interface Manifest {
  key: string;
  inputs: [path: string, size: number, mtimeMs: number][];
  modules: [path: string, module: PackedModule][];
}

const FORMAT_VERSION = 1;

/**
 * Loads the pack for `roots` (declaration files or modules TypeScript can resolve) under `options`, building and
 * caching it when the cache is missing or stale.
 */
export function loadTypeEnvironment(roots: readonly string[], options: ts.CompilerOptions, kernelRoot: string): TypeEnvironment {
  const key = createHash('sha256')
    .update(JSON.stringify({ FORMAT_VERSION, ts: ts.version, roots, options }))
    .digest('hex')
    .slice(0, 16);
  const fileName = join(kernelRoot, `__whetstone_environment_${key}__.d.ts`);
  for (const directory of cacheDirectories(kernelRoot)) {
    const cached = readCache(directory, key);
    if (cached) return { fileName, ...cached };
  }
  const built = buildPack(roots, options, kernelRoot);
  for (const directory of cacheDirectories(kernelRoot)) {
    if (writeCache(directory, key, built)) break;
  }
  return { fileName, text: built.text, modules: built.modules };
}

function cacheDirectories(kernelRoot: string): string[] {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return [join(kernelRoot, 'dist', '.type-environment'), join(tmpdir(), `whetstone-types-${user}`)];
}

function readCache(directory: string, key: string): { text: string; modules: Map<string, PackedModule> } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(directory, `${key}.json`), 'utf8')) as Manifest;
    if (manifest.key !== key) return undefined;
    for (const [path, size, mtimeMs] of manifest.inputs) {
      const stat = statSync(path);
      if (stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return { text: readFileSync(join(directory, `${key}.d.ts`), 'utf8'), modules: new Map(manifest.modules) };
  } catch {
    return undefined;
  }
}

function writeCache(directory: string, key: string, built: Built): boolean {
  try {
    mkdirSync(directory, { recursive: true });
    // Written under temporary names and renamed, so a kernel starting alongside never reads half a file.
    const temp = `.${process.pid}.${Date.now()}`;
    writeFileSync(join(directory, `${key}.d.ts${temp}`), built.text);
    const manifest: Manifest = { key, inputs: built.inputs, modules: [...built.modules] };
    writeFileSync(join(directory, `${key}.json${temp}`), JSON.stringify(manifest));
    renameSync(join(directory, `${key}.d.ts${temp}`), join(directory, `${key}.d.ts`));
    renameSync(join(directory, `${key}.json${temp}`), join(directory, `${key}.json`));
    return true;
  } catch {
    return false;
  }
}

interface Built {
  text: string;
  modules: Map<string, PackedModule>;
  inputs: Manifest['inputs'];
}

function buildPack(roots: readonly string[], options: ts.CompilerOptions, kernelRoot: string): Built {
  const host = ts.createCompilerHost(options, true);
  const cache = ts.createModuleResolutionCache(kernelRoot, (f) => f, options);
  const resolve = (specifier: string, containingFile: string) =>
    ts.resolveModuleName(specifier, containingFile, options, host, cache).resolvedModule?.resolvedFileName;
  const anchor = join(kernelRoot, '__whetstone_resolve__.ts');
  // The lib and @types are only added to a program that has a root file: the lib's first file is one in any case.
  const libRoot = join(dirname(ts.getDefaultLibFilePath(options)), 'lib.es5.d.ts');
  const rootFiles = [libRoot, ...roots.map((root) => resolve(root, anchor) ?? root)];
  const program = ts.createProgram({ rootNames: rootFiles, options, host });
  const files = program.getSourceFiles();

  const modules = new Map<string, PackedModule>();
  for (const file of files) {
    if (ts.isExternalModule(file)) modules.set(file.fileName, describeModule(file, kernelRoot, resolve, anchor));
  }
  const scripts: string[] = [];
  const wrapped: string[] = [];
  for (const file of files) {
    const packed = modules.get(file.fileName);
    if (!packed) {
      scripts.push(`// ${displayPath(file.fileName, kernelRoot)}\n${stripDirectives(file.text)}`);
    } else {
      const body = rewriteSpecifiers(file, (specifier) => {
        const target = resolve(specifier, file.fileName);
        return target ? modules.get(target)?.id : undefined;
      });
      wrapped.push(`declare module ${JSON.stringify(packed.id)} {\n${body}\n}`);
    }
  }
  const inputs = files.map((file): Manifest['inputs'][number] => {
    const stat = statSync(file.fileName);
    return [file.fileName, stat.size, stat.mtimeMs];
  });
  return { text: [...scripts, ...wrapped].join('\n'), modules, inputs };
}

function describeModule(
  file: ts.SourceFile, kernelRoot: string, resolve: (specifier: string, from: string) => string | undefined, anchor: string,
): PackedModule {
  let exportEquals = false;
  let hasDefault = false;
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals) exportEquals = true;
      else hasDefault = true;
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
      hasDefault = true;
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      if (statement.exportClause.elements.some((e) => e.name.text === 'default')) hasDefault = true;
    }
  }
  return { id: moduleId(file.fileName, kernelRoot, resolve, anchor), exportEquals, hasDefault };
}

/** `@scope/pkg` for a package's types entry, `@scope/pkg/dist/x` for other files, `whetstone/…` for the kernel's. */
function moduleId(fileName: string, kernelRoot: string, resolve: (specifier: string, from: string) => string | undefined, anchor: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = fileName.lastIndexOf(marker);
  if (at >= 0) {
    const inside = fileName.slice(at + marker.length).split(sep);
    const packageName = inside[0]!.startsWith('@') ? inside.slice(0, 2).join('/') : inside[0]!;
    if (resolve(packageName, anchor) === fileName) return packageName;
    return withoutDtsExtension(inside.join('/'));
  }
  return `whetstone/${withoutDtsExtension(relative(kernelRoot, fileName).split(sep).join('/'))}`;
}

function withoutDtsExtension(path: string): string {
  return path.replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?ts$/, '');
}

function displayPath(fileName: string, kernelRoot: string): string {
  return relative(kernelRoot, fileName).split(sep).join('/');
}

/** Triple-slash directives: the pack already holds every file they would pull in. */
function stripDirectives(text: string): string {
  return text.replace(/^[ \t]*\/\/\/[ \t]*<(?:reference|amd-module)\b[^\n]*$/gm, '');
}

/**
 * The module's text with every module specifier replaced by the id of the file it resolves to, `export as
 * namespace` (UMD globals, meaningless inside an ambient module) removed, and triple-slash directives dropped.
 */
function rewriteSpecifiers(file: ts.SourceFile, idOf: (specifier: string) => string | undefined): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const replaceLiteral = (literal: ts.Node | undefined) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const id = idOf(literal.text);
    if (id !== undefined && id !== literal.text) edits.push({ start: literal.getStart(file), end: literal.end, text: JSON.stringify(id) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) replaceLiteral(node.moduleSpecifier);
    else if (ts.isExternalModuleReference(node)) replaceLiteral(node.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) replaceLiteral(node.argument.literal);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) replaceLiteral(node.name);
    else if (ts.isNamespaceExportDeclaration(node)) edits.push({ start: node.getStart(file), end: node.end, text: '' });
    ts.forEachChild(node, visit);
  };
  visit(file);
  edits.sort((a, b) => b.start - a.start);
  let text = file.text;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return stripDirectives(text);
}
