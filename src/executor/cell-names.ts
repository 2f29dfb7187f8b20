/** The names a cell declares at top level, read from its syntax tree (no type checker needed). */
import ts from './typescript.cjs';

/** A cell's syntax tree, as the checker and the quick transpiler both read it (parsed once per cell). */
export function parseCell(code: string): ts.SourceFile {
  return ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false);
}

/** Names bound by a binding name: `x`, `{a, b: [c]}` → a, c. */
export function bindingNames(name: ts.BindingName, into: string[] = []): string[] {
  if (ts.isIdentifier(name)) {
    into.push(name.text);
  } else {
    for (const element of name.elements) {
      if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
    }
  }
  return into;
}

/** Local names bound by an import declaration (`import d, {a as b} from`, `import * as ns from`). */
export function importNames(declaration: ts.ImportDeclaration): string[] {
  const clause = declaration.importClause;
  if (!clause) return [];
  const names: string[] = [];
  if (clause.name) names.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.push(element.name.text);
  return names;
}

/** Every name a top-level statement declares, values and types alike. */
export function statementNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  if (ts.isImportDeclaration(statement)) return importNames(statement);
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
  if (
    ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)
  ) {
    return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : [];
  }
  return [];
}

/** Names declared at a source file's top level, in order, without duplicates. */
export function topLevelNames(source: ts.SourceFile): string[] {
  return [...new Set(source.statements.flatMap(statementNames))];
}

/** Names the cell already exports itself (`export const x`, `export {x}`), which must not be exported twice. */
export function exportedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const name of statementNames(statement)) names.add(name);
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add((element.propertyName ?? element.name).getText(source));
    }
  }
  return names;
}
