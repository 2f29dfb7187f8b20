/**
 * What earlier cells declared, as virtual `.d.ts` files the type checker sees: one file per cell, each a module that
 * puts its declarations in `declare global`. When a later cell declares a name again, the old entry is removed from
 * its file. Unchanged files keep their version, so the language service reuses their parsed trees and a cell's cost
 * does not grow with the number of cells before it.
 *
 * File names are allocated in blocks of empty slots that are listed as root files before they are used: a new cell
 * then changes file contents but not the program's file list, which lets TypeScript reuse the previous program's
 * structure instead of walking every library file again.
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
  private readonly files = new Map<string, DeclarationFile>();
  private readonly owner = new Map<string, DeclarationFile>();
  private counter = 0;
  private slots = 0;
  private static readonly SLOT_BLOCK = 64;
  // Empty slots already hold a (empty) global augmentation, so filling one does not change the program's structure.
  private static readonly EMPTY = { text: 'export {};\ndeclare global {}\n', version: 0 };

  constructor(private readonly directory: string) {}

  /** Virtual file names, for the language service host's root files (used and still-empty slots). */
  fileNames(): string[] {
    if (this.counter >= this.slots) this.slots += DeclarationStore.SLOT_BLOCK;
    return Array.from({ length: this.slots }, (_, i) => this.slotName(i + 1));
  }

  get(fileName: string): { text: string; version: number } | undefined {
    return this.files.get(fileName) ?? (fileName.startsWith(this.slotPrefix()) ? DeclarationStore.EMPTY : undefined);
  }

  private slotPrefix(): string {
    return `${this.directory}/__whetstone_decl_`;
  }

  private slotName(id: number): string {
    return `${this.slotPrefix()}${id}__.d.ts`;
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
    const file: DeclarationFile = {
      fileName: this.slotName(id),
      imports: [],
      entries: new Map(),
      version: 1,
      text: '',
    };
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement)) {
        this.addImport(file, statement, source, id);
      } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
        continue;
      } else if (ts.isVariableStatement(statement)) {
        const keyword = statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : statement.declarationList.flags & ts.NodeFlags.Let ? 'let' : 'var';
        for (const declaration of statement.declarationList.declarations) {
          add(file, declaration.name.getText(source), `${keyword} ${declaration.getText(source)};`);
        }
      } else {
        const name = (statement as ts.DeclarationStatement).name;
        if (name && ts.isIdentifier(name)) add(file, name.text, stripModifiers(statement.getText(source)));
      }
    }
    this.install(file);
  }

  /** Declares globals that alias a module's exports, e.g. the preloaded toolkit namespaces. */
  addModuleGlobals(specifier: string, names: readonly string[], alias?: string): void {
    const id = ++this.counter;
    const file: DeclarationFile = {
      fileName: this.slotName(id), imports: [], entries: new Map(), version: 1, text: '',
    };
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
    for (const name of file.entries.keys()) {
      const previous = this.owner.get(name);
      if (previous && previous !== file) {
        previous.entries.delete(name);
        this.render(previous);
        previous.version++;
      }
      this.owner.set(name, file);
    }
    if (file.entries.size === 0) return;
    this.render(file);
    this.files.set(file.fileName, file);
  }

  private render(file: DeclarationFile): void {
    const body = [...file.entries.values()].flatMap((e) => e.statements).map((s) => `  ${s}`).join('\n');
    file.text = `${file.imports.join('\n')}\nexport {};\ndeclare global {\n${body}\n}\n`;
  }
}

function add(file: DeclarationFile, name: string, statement: string): void {
  const entry = file.entries.get(name) ?? { name, statements: [] };
  entry.statements.push(statement);
  file.entries.set(name, entry);
}

/** `export declare function f()` → `function f()`: inside `declare global` everything is already ambient. */
function stripModifiers(text: string): string {
  return text.replace(/^(?:export\s+)?(?:default\s+)?(?:declare\s+)?/, '');
}
