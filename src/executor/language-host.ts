/**
 * A TypeScript language service over virtual files (the cell being checked, completion buffers, earlier cells'
 * declarations) plus the real file system. Modules resolve from the notebook's directory first and then from the
 * kernel's own install, so `console`, `tf` and the toolkit type-check whatever the working directory (tslab#21).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ts from './typescript.cjs';
import type { DeclarationStore } from './declaration-store.js';
import type { PackedModule, TypeEnvironment } from './type-environment.js';

export interface HostOptions {
  /** The notebook's directory: relative imports and the first node_modules lookup start here. */
  cwd: string;
  /** The kernel's package root: the fallback for module and @types resolution. */
  kernelRoot: string;
}

/** Compiler options for cells: strict, modern, and declaration output so each cell's types carry to the next. */
export function cellCompilerOptions(options: HostOptions): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    typeRoots: [join(options.kernelRoot, 'node_modules', '@types')],
    strict: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    noEmitOnError: false,
    noImplicitAny: true,
  };
}

interface VirtualFile {
  text: string;
  version: number;
}

export class CellLanguageHost implements ts.LanguageServiceHost {
  private readonly virtual = new Map<string, VirtualFile>();
  private options: ts.CompilerOptions;
  private environment: TypeEnvironment | undefined;
  /** Re-export stubs for imports that name a packed module by another specifier (e.g. a file path). */
  private readonly aliases = new Map<string, VirtualFile>();
  private readonly fallbackContaining: string;
  private readonly kernelDist: string;
  private readonly resolutionCache: ts.ModuleResolutionCache;
  private readonly fallbackCache: ts.ModuleResolutionCache;
  private projectVersion = 0;
  /** See doc-comments.ts: files are parsed without their JSDoc. */
  readonly jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
  private readonly disk = new Map<string, { snapshot: ts.IScriptSnapshot; version: string; mtime: number }>();

  constructor(private readonly hostOptions: HostOptions, private readonly declarations: DeclarationStore) {
    this.options = cellCompilerOptions(hostOptions);
    this.fallbackContaining = join(hostOptions.kernelRoot, '__whetstone_resolve__.ts');
    this.kernelDist = join(hostOptions.kernelRoot, 'dist') + '/';
    // Caches keep module resolution and package.json reads from being redone for every cell's new program.
    this.resolutionCache = ts.createModuleResolutionCache(hostOptions.cwd, (f) => f, this.options);
    this.fallbackCache = ts.createModuleResolutionCache(hostOptions.kernelRoot, (f) => f, this.options);
  }

  /**
   * Checks cells against a packed type environment instead of the lib and package files themselves: the pack
   * replaces the default lib and @types, and imports of packed files resolve to its ambient modules.
   */
  useEnvironment(environment: TypeEnvironment): void {
    this.environment = environment;
    this.options = { ...this.options, noLib: true, types: [] };
    this.projectVersion++;
  }

  getModuleResolutionCache(): ts.ModuleResolutionCache {
    return this.resolutionCache;
  }

  /** Sets the text of a virtual file (a cell or a completion buffer). */
  setFile(fileName: string, text: string): void {
    const existing = this.virtual.get(fileName);
    if (existing?.text === text) return;
    this.virtual.set(fileName, { text, version: (existing?.version ?? 0) + 1 });
    this.projectVersion++;
  }

  /** Call after the declaration store changed. */
  declarationsChanged(): void {
    this.projectVersion++;
  }

  getProjectVersion(): string {
    return String(this.projectVersion);
  }

  getCompilationSettings(): ts.CompilerOptions {
    return this.options;
  }

  getScriptFileNames(): string[] {
    const environment = this.environment ? [this.environment.fileName] : [];
    return [...environment, ...this.declarations.fileNames(), ...this.virtual.keys()];
  }

  getScriptVersion(fileName: string): string {
    const virtual = this.virtualFile(fileName);
    if (virtual) return String(virtual.version);
    return this.diskFile(fileName)?.version ?? '0';
  }

  getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const virtual = this.virtualFile(fileName);
    if (virtual) return ts.ScriptSnapshot.fromString(virtual.text);
    return this.diskFile(fileName)?.snapshot;
  }

  private virtualFile(fileName: string): VirtualFile | undefined {
    if (this.environment?.fileName === fileName) return { text: this.environment.text, version: 0 };
    return this.virtual.get(fileName) ?? this.declarations.get(fileName) ?? this.aliases.get(fileName);
  }

  /**
   * The language service asks for a snapshot of every file for every new program; reading them all from disk per
   * cell would make a cell cost tens of milliseconds more. Library files (node_modules, the kernel's own dist/ with the
   * toolkit's declarations) are read once; the notebook's own files are re-read only when their modification time changes.
   */
  private diskFile(fileName: string): { snapshot: ts.IScriptSnapshot; version: string } | undefined {
    const cached = this.disk.get(fileName);
    const stable = fileName.includes('/node_modules/') || fileName.startsWith(this.kernelDist);
    if (cached && stable) return cached;
    let mtime: number;
    try {
      mtime = statSync(fileName).mtimeMs;
    } catch {
      this.disk.delete(fileName);
      return undefined;
    }
    if (cached && cached.mtime === mtime) return cached;
    const text = ts.sys.readFile(fileName);
    if (text === undefined) return undefined;
    const entry = { snapshot: ts.ScriptSnapshot.fromString(text), version: `disk-${mtime}`, mtime };
    this.disk.set(fileName, entry);
    return entry;
  }

  getCurrentDirectory(): string {
    return this.hostOptions.cwd;
  }

  getDefaultLibFileName(options: ts.CompilerOptions): string {
    return ts.getDefaultLibFilePath(options);
  }

  fileExists(fileName: string): boolean {
    return this.virtualFile(fileName) !== undefined || ts.sys.fileExists(fileName);
  }

  readFile(fileName: string): string | undefined {
    return this.virtualFile(fileName)?.text ?? ts.sys.readFile(fileName);
  }

  readDirectory = ts.sys.readDirectory;
  directoryExists = ts.sys.directoryExists;
  getDirectories = ts.sys.getDirectories;
  realpath = ts.sys.realpath;

  /** Notebook directory first, then the kernel's install; `tslab` maps to Whetstone's display API. */
  resolveModuleNameLiterals(
    literals: readonly ts.StringLiteralLike[], containingFile: string, _redirected: unknown, options: ts.CompilerOptions,
  ): ts.ResolvedModuleWithFailedLookupLocations[] {
    return literals.map((literal) => {
      const name = literal.text === 'tslab' ? 'whetstone/tslab' : literal.text;
      const local = ts.resolveModuleName(name, containingFile, options, this, this.resolutionCache);
      const resolved = local.resolvedModule || name.startsWith('.') || name.startsWith('/')
        ? local
        : ts.resolveModuleName(name, this.fallbackContaining, options, this, this.fallbackCache);
      return this.toPacked(name, resolved);
    });
  }

  /**
   * An import whose file is in the pack must reach the pack's ambient module, never the file itself (that would
   * pull the package's files back in, as distinct copies of its types). Left unresolved, the checker finds the
   * ambient module of the same name; under any other name it goes through a one-line re-export stub.
   */
  private toPacked(name: string, resolution: ts.ResolvedModuleWithFailedLookupLocations): ts.ResolvedModuleWithFailedLookupLocations {
    const file = resolution.resolvedModule?.resolvedFileName;
    const packed = file === undefined ? undefined : this.environment?.modules.get(file);
    if (!packed) return resolution;
    if (packed.id === name) return { resolvedModule: undefined };
    const stub = join(this.hostOptions.kernelRoot, '__whetstone_alias__', `${packed.id.replace(/[^\w.-]/g, '_')}.d.ts`);
    if (!this.aliases.has(stub)) this.aliases.set(stub, { text: reexport(packed), version: 1 });
    return { resolvedModule: { resolvedFileName: stub, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
  }
}

function reexport(packed: PackedModule): string {
  const id = JSON.stringify(packed.id);
  if (packed.exportEquals) return `import __packed = require(${id});\nexport = __packed;\n`;
  return `export * from ${id};\n${packed.hasDefault ? `export { default } from ${id};\n` : ''}`;
}
