/**
 * What earlier cells declared, as virtual `.d.ts` files the type checker sees: each a module that puts its
 * declarations in `declare global`. When a later cell declares a name again, the old entry is removed from its file.
 * Unchanged files keep their version, so the language service reuses their parsed trees.
 *
 * A cell's declarations go to one of a fixed ring of slot files whose names are root files from the start (empty
 * until used): a new cell then changes file contents but not the program's file list, so TypeScript reuses the
 * previous program's structure. When the ring is full its slots are merged into one archive file and emptied. The
 * program therefore holds at most a ring plus one archive per ring's worth of cells, instead of a file per cell:
 * TypeScript does work per file for every new program, and a cell's cost must not grow with the cells before it.
 */
import ts from './typescript.cjs';

/** One declared name and the ambient statement(s) that declare it. */
interface Entry {
  name: string;
  statements: string[];
}

interface DeclarationFile {
  fileName: string;
  /** `import ... from` lines with renamed bindings. */
  imports: string[];
  entries: Map<string, Entry>;
  version: number;
  text: string;
}

export class DeclarationStore {
  /** Files with declarations in them: filled ring slots and archives. */
  private readonly files = new Map<string, DeclarationFile>();
  private readonly owner = new Map<string, DeclarationFile>();
  /** Last version given out per file name: a reused slot must never go back to a version the service has seen. */
  private readonly versions = new Map<string, number>();
  /** Ids for import aliases (`__w12_x`), unique over the session. */
  private counter = 0;
  private ringUsed = 0;
  private archives = 0;
  static readonly RING = 64;
  // Empty slots already hold a (empty) global augmentation, so filling one does not change the program's structure.
  private static readonly EMPTY_TEXT = 'export {};\ndeclare global {}\n';

  constructor(private readonly directory: string) {}

  /** Virtual file names, for the language service host's root files: every ring slot, used or not, and the archives. */
  fileNames(): string[] {
    const ring = Array.from({ length: DeclarationStore.RING }, (_, i) => this.slotName(i + 1));
    const archives = Array.from({ length: this.archives }, (_, i) => this.archiveName(i + 1));
    return [...ring, ...archives];
  }

  get(fileName: string): { text: string; version: number } | undefined {
    const file = this.files.get(fileName);
    if (file) return file;
    if (fileName.startsWith(this.slotPrefix())) return { text: DeclarationStore.EMPTY_TEXT, version: this.versions.get(fileName) ?? 0 };
    return undefined;
  }

  private slotPrefix(): string {
    return `${this.directory}/__whetstone_decl_`;
  }

  private slotName(index: number): string {
    return `${this.slotPrefix()}${index}__.d.ts`;
  }

  private archiveName(index: number): string {
    return `${this.directory}/__whetstone_archive_${index}__.d.ts`;
  }

  private nextVersion(fileName: string): number {
    const version = (this.versions.get(fileName) ?? 0) + 1;
    this.versions.set(fileName, version);
    return version;
  }

  /** Every name currently declared, for runtime bookkeeping and tests. */
  names(): string[] {
    return [...this.owner.keys()];
  }

  /**
   * Adds the declarations of one cell from its emitted `.d.ts` (a module that exports each top-level name).
   * Names it declares are removed from the cells that declared them before.
   */
  addFromEmittedDts(dts: string): void {
    const id = ++this.counter;
    const source = ts.createSourceFile(`cell-${id}.d.ts`, dts, ts.ScriptTarget.Latest, true);
    const file: DeclarationFile = { fileName: '', imports: [], entries: new Map(), version: 0, text: '' };
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement)) {
        this.addImport(file, statement, source, id);
      } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
        continue;
      } else if (ts.isVariableStatement(statement)) {
        const keyword = statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : statement.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var';
        for (const declaration of statement.declarationList.declarations) {
          add(file, declaration.name.getText(source), `${docComment(statement, source)}${keyword} ${declaration.getText(source)};`);
        }
      } else {
        const name = (statement as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) add(file, name.text, docComment(statement, source) + stripModifiers(statement.getText(source)));
      }
    }
    this.install(file);
  }

  /** Declares globals that alias a module's exports, e.g. the preloaded toolkit namespaces. */
  addModuleGlobals(specifier: string, names: readonly string[], alias?: string): void {
    const id = ++this.counter;
    const file: DeclarationFile = { fileName: '', imports: [], entries: new Map(), version: 0, text: '' };
    const local = `__w${id}_module`;
    file.imports.push(`import * as ${local} from ${JSON.stringify(specifier)};`);
    if (alias) add(file, alias, `export import ${alias} = ${local};`);
    for (const name of names) add(file, name, `export import ${name} = ${local}.${name};`);
    this.install(file);
  }

  private addImport(file: DeclarationFile, statement: ts.ImportDeclaration, source: ts.SourceFile, id: number): void {
    const clause = statement.importClause;
    const specifier = statement.moduleSpecifier.getText(source);
    if (!clause) return;
    const rename = (name: string) => `__w${id}_${name}`;
    const parts: string[] = [];
    if (clause.name) {
      parts.push(rename(clause.name.text));
      add(file, clause.name.text, `export import ${clause.name.text} = ${rename(clause.name.text)};`);
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      parts.push(`* as ${rename(bindings.name.text)}`);
      add(file, bindings.name.text, `export import ${bindings.name.text} = ${rename(bindings.name.text)};`);
    } else if (bindings && ts.isNamedImports(bindings)) {
      const named = bindings.elements.map((element) => {
        const imported = (element.propertyName ?? element.name).getText(source);
        add(file, element.name.text, `export import ${element.name.text} = ${rename(element.name.text)};`);
        return `${imported} as ${rename(element.name.text)}`;
      });
      parts.push(`{ ${named.join(', ')} }`);
    }
    const typeOnly = clause.isTypeOnly ? 'type ' : '';
    file.imports.push(`import ${typeOnly}${parts.join(', ')} from ${specifier};`);
  }

  private install(file: DeclarationFile): void {
    if (file.entries.size === 0) return;
    for (const name of file.entries.keys()) {
      const previous = this.owner.get(name);
      if (previous && previous !== file) {
        previous.entries.delete(name);
        this.render(previous);
      }
      this.owner.set(name, file);
    }
    if (this.ringUsed === DeclarationStore.RING) this.archiveRing();
    file.fileName = this.slotName(++this.ringUsed);
    this.render(file);
    this.files.set(file.fileName, file);
  }

  /** Moves every ring slot's imports and entries into a new archive file and empties the ring. */
  private archiveRing(): void {
    const archive: DeclarationFile = { fileName: this.archiveName(++this.archives), imports: [], entries: new Map(), version: 0, text: '' };
    for (let index = 1; index <= DeclarationStore.RING; index++) {
      const slot = this.files.get(this.slotName(index));
      if (!slot) continue;
      this.files.delete(slot.fileName);
      this.nextVersion(slot.fileName); // back to empty, under a version the service has not seen
      archive.imports.push(...slot.imports);
      for (const [name, entry] of slot.entries) {
        archive.entries.set(name, entry);
        this.owner.set(name, archive);
      }
    }
    this.ringUsed = 0;
    this.render(archive);
    this.files.set(archive.fileName, archive);
  }

  private render(file: DeclarationFile): void {
    const body = [...file.entries.values()].flatMap((e) => e.statements).map((s) => `  ${s}`).join('\n');
    file.text = `${file.imports.join('\n')}\nexport {};\ndeclare global {\n${body}\n}\n`;
    file.version = this.nextVersion(file.fileName);
  }
}

function add(file: DeclarationFile, name: string, statement: string): void {
  const entry = file.entries.get(name) ?? { name, statements: [] };
  entry.statements.push(statement);
  file.entries.set(name, entry);
}

/** The `/** … *\/` comment a declaration carries (declaration emit keeps them), so inspect can show it later. */
function docComment(statement: ts.Statement, source: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(source.text, statement.pos) ?? [];
  const doc = ranges.filter((r) => source.text.startsWith('/**', r.pos)).at(-1);
  return doc ? `${source.text.slice(doc.pos, doc.end)}\n` : '';
}

/** `export declare function f()` → `function f()`: inside `declare global` everything is already ambient. */
function stripModifiers(text: string): string {
  return text.replace(/^(?:export\s+)?(?:default\s+)?(?:declare\s+)?/, '');
}
