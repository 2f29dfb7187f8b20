/**
 * The quick way from a cell to runnable JavaScript, for the cells most are. Its types are blanked in place
 * (type-blanking.ts) and its top level is rewritten into the runtime form of rewrite-top-level.ts by inserting text:
 *
 *   const {a, b} = f()      →  ;({a, b} = f())          let x: number  →  x = void 0
 *   function g() {}         →  g = function g() {};     class C {}     →  C = class C {};
 *   a + b   (last statement) →  return a + b            the whole cell →  (async () => { … })();
 *
 * TypeScript's emit (transpile.ts) parses the cell again, transforms its tree and prints it with a source map; this
 * reuses the tree the type checker parsed and copies the text, so nothing moves but what is inserted, and the map
 * has one segment per copied stretch. The output runs exactly as TypeScript's would: tests/executor/
 * blanking-transpile.test.ts runs both on the same cells and compares what they do.
 *
 * Cells it does not handle go to TypeScript's emit: whatever `blankTypes` refuses (imports, enums, …), and a function
 * declaration that an earlier statement may call (the runtime form hoists functions; inserted text cannot move).
 */
import type { TranspiledCell } from './transpile.js';
import ts from './typescript.cjs';
import { bindingNames } from './cell-names.js';
import { TextEdits } from './text-edits.js';
import { blankTypes, isTypeOnlyStatement } from './type-blanking.js';

const WRAPPER_START = '(async () => {';
const WRAPPER_END = '\n})();';

/**
 * Text that JavaScript reads differently once blanks or `;` stand where types were, left to TypeScript's emit:
 * - `"use strict"`: TypeScript's emit drops erased statements (and parentheses), which can make a string statement
 *   the first of a body, a directive; blanking leaves a `;` or an assignment before it.
 * - `<!--` and `-->`: HTML-like comments in a script (TypeScript reads `a <!--b` as `a < !--b`, as a module would).
 * - a carriage return without a line feed: a line break to V8, not to the cell's line count.
 */
const READS_DIFFERENTLY = /use strict|<!--|-->|\r(?!\n)/;

/** The cell as runnable JavaScript, or undefined when it needs TypeScript's emit. */
export function blankingTranspile(source: ts.SourceFile, fileName: string): TranspiledCell | undefined {
  try {
    return transpileTopLevel(source, fileName);
  } catch {
    return undefined; // a tree this does not expect (a syntax error the checker will report): TypeScript's emit decides
  }
}

function transpileTopLevel(source: ts.SourceFile, fileName: string): TranspiledCell | undefined {
  const text = source.text;
  if (text.startsWith('#!') || needsHoisting(source) || READS_DIFFERENTLY.test(text)) return undefined;
  const edits = new TextEdits(text);
  if (!blankTypes(source, edits)) return undefined;
  const names = new Set<string>();
  const statements = source.statements;
  // The statement whose value is the cell's: the last that runs (as JavaScript's completion value would have it).
  const last = [...statements].reverse().find((s) => !isTypeOnlyStatement(s) && !ts.isEmptyStatement(s));
  edits.insert(0, WRAPPER_START);
  for (const statement of statements) {
    if (isTypeOnlyStatement(statement)) continue;
    const start = statement.getStart(source);
    if (ts.isVariableStatement(statement)) {
      if (!declarationsToAssignments(statement, source, edits, names)) return undefined;
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      names.add(statement.name.text);
      edits.insert(start, `${statement.name.text} = `);
      edits.insert(statement.end, ';');
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      names.add(statement.name.text);
      edits.insert(start, `${statement.name.text} = `);
      edits.insert(statement.end, ';');
    } else if (statement === last && ts.isExpressionStatement(statement)) {
      edits.insert(start, 'return ');
    }
  }
  edits.insert(text.length, WRAPPER_END);
  const { text: js, sourceMap } = edits.apply(fileName);
  return { js, sourceMap, names: [...names], copiedStretches: true };
}

/**
 * `const a = 1, {b} = o` → `;(a = 1, {b} = o)`: the keyword is blanked and the declarations become one comma
 * expression of assignments. Patterns need the parentheses (and the semicolon, for the line before); `let x`
 * becomes `x = void 0`, so running the cell again resets it, while `var x` leaves `x` as it was.
 */
function declarationsToAssignments(statement: ts.VariableStatement, source: ts.SourceFile, edits: TextEdits, names: Set<string>): boolean {
  const list = statement.declarationList;
  const keyword = list.getStart(source);
  const isVar = !(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let));
  const declarations = list.declarations;
  // `var x` leaves `x` as it was, without even reading it (a getter would notice): its name and comma are blanked.
  const bare = (d: ts.VariableDeclaration) => isVar && !d.initializer;
  if (declarations.every(bare)) {
    for (const declaration of declarations) for (const name of bindingNames(declaration.name)) names.add(name);
    edits.blank(statement.getStart(source), statement.end);
    edits.semicolonAt(statement.getStart(source));
    return true;
  }
  for (const [index, declaration] of declarations.entries()) {
    if (!bare(declaration)) continue;
    const next = declarations[index + 1];
    if (next) edits.blank(declaration.getStart(source), next.getStart(source));
    else edits.blank(declarations[index - 1]!.end, declaration.end);
  }
  const kept = declarations.filter((d) => !bare(d));
  const keywordLength = isVar || list.flags & ts.NodeFlags.Let ? 3 : 5;
  edits.blank(keyword, keyword + keywordLength);
  const patterns = kept.some((d) => !ts.isIdentifier(d.name));
  if (patterns) edits.insert(kept[0]!.getStart(source), ';(');
  for (const declaration of declarations) {
    for (const name of bindingNames(declaration.name)) names.add(name);
    if (!declaration.initializer && !isVar) edits.insert(declaration.name.end, ' = void 0');
  }
  // The closing parenthesis goes after the last character kept: a `;` may stand in the blanks after it.
  let end = list.end;
  while (end > keyword && edits.isBlank(end - 1)) end--;
  if (patterns) edits.insert(end, ')');
  // A declaration ended where a line break made it; the expression it became must end there too (`let x` then
  // `(f)()` on the next line is not `x = void 0(f)()`).
  const statementEnd = statement.end;
  if (source.text[statementEnd - 1] !== ';' && !edits.isBlank(statementEnd - 1)) edits.insert(statementEnd, ';');
  return true;
}

/**
 * Whether a top-level function is declared after a statement that runs code: the runtime form assigns functions
 * before everything else (that statement may call it, directly or through another function), which inserted text
 * cannot do. Functions declared before any other statement, the usual case, need nothing.
 */
function needsHoisting(source: ts.SourceFile): boolean {
  let ranCode = false;
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement)) {
      if (ranCode && statement.body) return true;
    } else if (!isTypeOnlyStatement(statement)) {
      ranCode = true;
    }
  }
  return false;
}
