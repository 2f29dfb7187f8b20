/**
 * Member completions (`Math.`, `runs.fi`, `meter.label.`) answered by the live checker instead of the language
 * service.
 *
 * The language service builds a new program, with a new type checker, whenever the completion buffer's text
 * changes, which it does at every keystroke: each completion then costs 1–4 ms, and the first one after cells have
 * run 13–50 ms (that checker resolves again what completions need). The live checker (live-checker.ts) is current
 * as soon as a cell is accepted and stays warm, so listing the properties of a value's type there costs a fraction
 * of a millisecond.
 *
 * Only the plain case comes here, where both give the same answer (the test below checks it): the cursor follows
 * `a.b.c.` (and perhaps part of a name) in a value position; `a` is a global variable that this code does not also
 * declare or use another way; each link is a property; and the last type is a single object type (primitives by their
 * wrapper: `s.` lists String's members). Everything else (namespaces, modules, classes, enums, unions, `any`,
 * string index signatures, optional chaining, calls, type positions) goes to the language service.
 * The test, `tests/executor/member-completion.test.ts`, compares both on the same code.
 */
import ts from './typescript.cjs';

/** A member as completions list it: its name and the language service's kind for it. */
export interface MemberEntry {
  name: string;
  kind: string;
}

/** Where a member completion starts: the names before the last dot, and the offset of the partial name after it. */
export interface MemberAccess {
  chain: string[];
  /** UTF-16 offset where the partial name (possibly empty) starts. */
  nameStart: number;
}

/** `a.b.` or `a.b.pa` at the end of the text before the cursor; ASCII names only (others go the reliable way). */
const CHAIN_AT_END = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.([A-Za-z_$][\w$]*)?$/;

/** The member access the cursor completes, when it is the plain case (see the header); undefined otherwise. */
export function memberAccessAt(code: string, cursor: number): MemberAccess | undefined {
  const match = CHAIN_AT_END.exec(code.slice(0, cursor));
  if (!match) return undefined;
  const chain = match[1]!.split('.');
  const nameStart = cursor - (match[2]?.length ?? 0);
  const dot = nameStart - 1;
  const chainStart = dot - match[1]!.length;
  // The text alone cannot tell `a.b.` from the end of `f().a.b.`, `x?.a.b.`, a string or a comment: the parser can.
  const file = ts.createSourceFile('completion.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const access = accessAt(file, chainStart, dot);
  if (!access || inTypePosition(access)) return undefined;
  return onlyAsAccessHead(file, chain[0]!) ? { chain, nameStart } : undefined;
}

/** The property access whose object is exactly the text [start, dot) made of plain names, with its dot at `dot`. */
function accessAt(file: ts.SourceFile, start: number, dot: number): ts.PropertyAccessExpression | undefined {
  let found: ts.PropertyAccessExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart(file) > start || node.end < dot) return;
    if (ts.isPropertyAccessExpression(node) && !node.questionDotToken && node.expression.getStart(file) === start && node.expression.end === dot && isPlainChain(node.expression)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return found;
}

function isPlainChain(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return true;
  return ts.isPropertyAccessExpression(node) && !node.questionDotToken && ts.isIdentifier(node.name) && isPlainChain(node.expression);
}

/** `class C implements a.` and `interface I extends a.` name types, not values. */
function inTypePosition(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (ts.isHeritageClause(current)) return current.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(current.parent);
    if (ts.isTypeNode(current) && !ts.isExpressionWithTypeArguments(current)) return true;
  }
  return false;
}

/**
 * Whether every use of `name` in the code is the object of a property access (`name.x`): then no declaration in the
 * code (a local, a parameter, a destructured name) can shadow the global of that name.
 */
function onlyAsAccessHead(file: ts.SourceFile, name: string): boolean {
  let clean = true;
  const visit = (node: ts.Node): void => {
    if (!clean) return;
    if (ts.isIdentifier(node) && node.text === name) {
      clean = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return clean;
}

/** Names a dot can reach (`x[0]`, `x["a b"]` and symbol keys take brackets, which member completions leave out). */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

const NOT_A_PLAIN_VALUE = ts.SymbolFlags.Alias | ts.SymbolFlags.Module | ts.SymbolFlags.Class | ts.SymbolFlags.Enum | ts.SymbolFlags.Function;

/**
 * The members of the value `chain` names, as the language service lists them after a dot; undefined when that is not
 * the plain case (see the header). `globals` is the checker's global symbol table.
 */
export function membersOfChain(checker: ts.TypeChecker, globals: ts.SymbolTable, chain: readonly string[]): MemberEntry[] | undefined {
  const root = globals.get(ts.escapeLeadingUnderscores(chain[0]!));
  if (!root || !(root.flags & ts.SymbolFlags.Variable) || root.flags & NOT_A_PLAIN_VALUE) return undefined;
  let type = objectType(checker, checker.getTypeOfSymbol(root));
  for (const name of chain.slice(1)) {
    const property = type && checker.getPropertyOfType(type, name);
    if (!property || !(property.flags & ts.SymbolFlags.Property) || !isPublic(property)) return undefined;
    type = objectType(checker, checker.getTypeOfSymbol(property));
  }
  if (!type) return undefined;
  // With the members every function has (`call`, `bind`, …) for a value that can be called, as the service lists them.
  return checker.getAugmentedPropertiesOfType(type)
    .filter((member) => isPublic(member) && IDENTIFIER.test(member.name))
    .map((member) => ({ name: member.name, kind: memberKind(member) }));
}

/** The type whose properties a dot lists: a single object type, primitives by their wrapper; else undefined. */
function objectType(checker: ts.TypeChecker, type: ts.Type): ts.Type | undefined {
  const apparent = checker.getApparentType(type);
  if (apparent.isUnion() || !(apparent.flags & ts.TypeFlags.Object || apparent.isIntersection())) return undefined;
  // A string index signature (`Record<string, T>`) makes the service list other things: not a plain case. (Arrays'
  // and strings' number index takes brackets and changes nothing.)
  const stringIndex = checker.getIndexInfosOfType(apparent).some((info) => info.keyType.flags & ts.TypeFlags.StringLike);
  return stringIndex ? undefined : apparent;
}

/** Private, protected and `#private` members are not offered outside their class (nor are they here). */
function isPublic(member: ts.Symbol): boolean {
  const declaration = member.valueDeclaration ?? member.declarations?.[0];
  if (!declaration) return true;
  const name = (declaration as ts.NamedDeclaration).name;
  if (name && ts.isPrivateIdentifier(name)) return false;
  return !(ts.getCombinedModifierFlags(declaration as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
}

function memberKind(member: ts.Symbol): string {
  if (member.flags & ts.SymbolFlags.Method) return ts.ScriptElementKind.memberFunctionElement;
  // The service sees earlier cells through their declaration files, which write an object literal's accessors as a
  // plain property: the kind follows it there.
  const inObjectLiteral = member.declarations?.some((d) => ts.isObjectLiteralExpression(d.parent)) ?? false;
  if (member.flags & ts.SymbolFlags.GetAccessor && !inObjectLiteral) return ts.ScriptElementKind.memberGetAccessorElement;
  if (member.flags & ts.SymbolFlags.SetAccessor && !inObjectLiteral) return ts.ScriptElementKind.memberSetAccessorElement;
  return ts.ScriptElementKind.memberVariableElement;
}
