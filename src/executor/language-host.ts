/**
 * A TypeScript language service over virtual files (the cell being checked, completion buffers, earlier cells'
 * declarations) plus the real file system. Modules resolve from the notebook's directory first and then from the
 * kernel's own install, so `console`, `tf` and the toolkit type-check whatever the working directory (tslab#21).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { DeclarationStore } from './declaration-store.js';

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
  private readonly options: ts.CompilerOptions;
  private readonly fallbackContaining: string;
  private readonly kernelDist: string;
  private readonly resolutionCache: ts.ModuleResolutionCache;
  private readonly fallbackCache: ts.ModuleResolutionCache;
  private projectVersion = 0;
  private readonly disk = new Map<string, { snapshot: ts.IScriptSnapshot; version: string; mtime: number }>();

  constructor(private readonly hostOptions: HostOptions, private readonly declarations: DeclarationStore) {
    this.options = cellCompilerOptions(hostOptions);
    this.fallbackContaining = join(hostOptions.kernelRoot, '__whetstone_resolve__.ts');
    this.kernelDist = join(hostOptions.kernelRoot, 'dist') + '/';
    // Caches keep module resolution and package.json reads from being redone for every cell's new program.
    this.resolutionCache = ts.createModuleResolutionCache(hostOptions.cwd, (f) => f, this.options);
    this.fallbackCache = ts.createModuleResolutionCache(hostOptions.kernelRoot, (f) => f, this.options);
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
    return [...this.declarations.fileNames(), ...this.virtual.keys()];
  }

  getScriptVersion(fileName: string): string {
    const virtual = this.virtual.get(fileName) ?? this.declarations.get(fileName);
    if (virtual) return String(virtual.version);
    return this.diskFile(fileName)?.version ?? '0';
  }

  getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const virtual = this.virtual.get(fileName) ?? this.declarations.get(fileName);
    if (virtual) return ts.ScriptSnapshot.fromString(virtual.text);
    return this.diskFile(fileName)?.snapshot;
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
    return this.virtual.has(fileName) || this.declarations.get(fileName) !== undefined || ts.sys.fileExists(fileName);
  }

  readFile(fileName: string): string | undefined {
    return this.virtual.get(fileName)?.text ?? this.declarations.get(fileName)?.text ?? ts.sys.readFile(fileName);
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
      if (local.resolvedModule || name.startsWith('.') || name.startsWith('/')) return local;
      return ts.resolveModuleName(name, this.fallbackContaining, options, this, this.fallbackCache);
    });
  }
}
