/**
 * Erases TypeScript's type syntax from a cell by blanking it in place: annotations, type parameters and arguments,
 * `as`/`satisfies`/`!`, interfaces, type aliases, `declare`s, overloads, TypeScript's member modifiers. What is left
 * is the JavaScript TypeScript itself would emit for target ES2022, at the very positions it had in the cell.
 *
 * Syntax whose JavaScript differs from its text (enums, namespaces, parameter properties, decorators, `import`,
 * `export`, `<T>x` assertions, `using`, `accessor`) is not erased but refused: `blankTypes` returns false and the
 * cell takes TypeScript's own emit. So does anything whose blanking would change how JavaScript reads the rest (a
 * line break left between an arrow's parameters and its `=>`).
 *
 * Blanking can join what TypeScript had kept apart: in `x = y as T` followed by a line starting with `(`, the
 * blanked ` as T` leaves `y` to be called. TypeScript ended the statement there, so a statement (or class field)
 * whose last token was blanked gets a semicolon in its last blank.
 */
import ts from './typescript.cjs';
import type { TextEdits } from './text-edits.js';

const SK = ts.SyntaxKind;

/** Modifiers that exist only for the type checker. */
const TYPE_ONLY_MODIFIERS = new Set<ts.SyntaxKind>([
  SK.PublicKeyword, SK.PrivateKeyword, SK.ProtectedKeyword, SK.ReadonlyKeyword, SK.OverrideKeyword, SK.AbstractKeyword,
]);

/** Modifiers whose JavaScript is not their text (or that only a module can have). */
const REFUSED_MODIFIERS = new Set<ts.SyntaxKind>([SK.ExportKeyword, SK.DefaultKeyword, SK.AccessorKeyword, SK.ConstKeyword, SK.Decorator]);

class Refused extends Error {}

/** Blanks the types of every statement of `source` into `edits`; false if the cell needs TypeScript's emit. */
export function blankTypes(source: ts.SourceFile, edits: TextEdits): boolean {
  const blanker = new Blanker(source, edits);
  try {
    for (const statement of source.statements) blanker.visit(statement);
    return true;
  } catch (error) {
    if (error instanceof Refused) return false;
    throw error;
  }
}

/** Whether a statement leaves no JavaScript at all (an interface, a `declare`, an overload…). */
export function isTypeOnlyStatement(statement: ts.Statement): boolean {
  switch (statement.kind) {
    case SK.InterfaceDeclaration:
    case SK.TypeAliasDeclaration:
      return true;
    case SK.FunctionDeclaration:
      return !(statement as ts.FunctionDeclaration).body || hasModifier(statement, SK.DeclareKeyword);
    default:
      return hasModifier(statement, SK.DeclareKeyword);
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

class Blanker {
  private readonly text: string;

  constructor(private readonly source: ts.SourceFile, private readonly edits: TextEdits) {
    this.text = source.text;
  }

  /** Blanks from the node's first token to its end (comments before it stay). */
  private blankNode(node: ts.Node): void {
    this.edits.blank(node.getStart(this.source), node.end);
  }

  /**
   * A class member (or statement) with no JavaScript: blanked, with a `;` in its place, so that the field before it
   * still ends there (`a = 1` then a blanked `declare b: T` then `["c"] = 2` must not read as `1["c"]`).
   */
  private blankMember(node: ts.Node): void {
    this.blankNode(node);
    this.edits.semicolonAt(node.getStart(this.source));
  }

  /**
   * A statement whose last character was blanked and that has no semicolon of its own gets one, so the next line
   * cannot continue it. Only statements that can end in an expression (or a type) are concerned.
   */
  private endWithSemicolon(node: ts.Node): void {
    switch (node.kind) {
      case SK.ExpressionStatement:
      case SK.VariableStatement:
      case SK.ReturnStatement:
      case SK.ThrowStatement:
      case SK.PropertyDeclaration: {
        const last = node.end - 1;
        if (this.text[last] !== ';' && this.edits.isBlank(last)) this.edits.semicolonAt(last);
      }
    }
  }

  /** `: T` after a name or a parameter list: the colon is the token right before the type's position. */
  private blankAnnotation(type: ts.TypeNode | undefined): void {
    if (!type) return;
    const colon = type.pos - 1;
    if (this.text[colon] !== ':') throw new Refused();
    this.edits.blank(colon, type.end);
  }

  /** `<…>` around type parameters or arguments. */
  private blankAngleList(list: ts.NodeArray<ts.Node> | undefined): void {
    if (!list) return;
    const open = list.pos - 1;
    const close = this.nextToken(list.end);
    if (this.text[open] !== '<' || this.text[close] !== '>') throw new Refused();
    this.edits.blank(open, close + 1);
  }

  /** The position of the first token at or after `position` (skipping whitespace and comments). */
  private nextToken(position: number): number {
    const text = this.text;
    let i = position;
    while (i < text.length) {
      const ch = text[i]!;
      if (/\s/.test(ch)) {
        i++;
      } else if (ch === '/' && text[i + 1] === '/') {
        while (i < text.length && !/[\n\r\u2028\u2029]/.test(text[i]!)) i++;
      } else if (ch === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private blankToken(token: ts.Node | undefined): void {
    if (token) this.edits.blank(token.getStart(this.source), token.end);
  }

  private modifiers(node: ts.Node): void {
    if (!ts.canHaveModifiers(node) && !ts.canHaveDecorators(node)) return;
    const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers ?? [];
    for (const modifier of modifiers) {
      if (REFUSED_MODIFIERS.has(modifier.kind)) throw new Refused();
      if (TYPE_ONLY_MODIFIERS.has(modifier.kind)) this.blankToken(modifier);
    }
    // A class member that began with a blanked modifier (`readonly ["k"] = 2`, `override *gen()`) must not let the
    // field before it run on into what is left: a `;` class element takes the modifier's place.
    const first = modifiers[0];
    if (first && TYPE_ONLY_MODIFIERS.has(first.kind) && ts.isClassElement(node)) this.edits.semicolonAt(first.getStart(this.source));
  }

  readonly visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && isTypeOnlyStatement(node)) {
      // An empty statement in its place: whatever came before must still end where TypeScript ended it.
      this.blankMember(node);
      return;
    }
    switch (node.kind) {
      // Syntax TypeScript turns into other JavaScript: its own emit is needed.
      case SK.EnumDeclaration:
      case SK.ModuleDeclaration:
      case SK.ImportDeclaration:
      case SK.ImportEqualsDeclaration:
      case SK.ExportDeclaration:
      case SK.ExportAssignment:
      case SK.NamespaceExportDeclaration:
      case SK.TypeAssertionExpression:
      case SK.Decorator:
      case SK.JsxElement:
      case SK.JsxSelfClosingElement:
      case SK.JsxFragment:
        throw new Refused();
      case SK.ImportKeyword: // import("…") goes through the kernel's module loader
        throw new Refused();
      case SK.ExpressionWithTypeArguments: // `f<T>` as an expression (an instantiation)
        throw new Refused();
      case SK.MetaProperty: // `import.meta` is the module's; `new.target` is JavaScript's
        if ((node as ts.MetaProperty).keywordToken !== SK.NewKeyword) throw new Refused();
        return;
      case SK.VariableDeclarationList: {
        // `using` and `await using` (disposal) are lowered by TypeScript; their flags share bits with `const`.
        const kind = node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using);
        if (kind === ts.NodeFlags.Using || kind === ts.NodeFlags.AwaitUsing) throw new Refused();
        break;
      }
      case SK.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        this.blankToken(declaration.exclamationToken);
        this.blankAnnotation(declaration.type);
        this.visit(declaration.name);
        if (declaration.initializer) this.visit(declaration.initializer);
        return;
      }
      case SK.Parameter: {
        const parameter = node as ts.ParameterDeclaration;
        this.modifiersOfParameter(parameter);
        if (ts.isIdentifier(parameter.name) && parameter.name.escapedText === 'this') {
          this.blankThisParameter(parameter);
          return;
        }
        this.blankToken(parameter.questionToken);
        this.blankAnnotation(parameter.type);
        this.visit(parameter.name);
        if (parameter.initializer) this.visit(parameter.initializer);
        return;
      }
      case SK.FunctionDeclaration:
      case SK.FunctionExpression:
      case SK.ArrowFunction:
      case SK.MethodDeclaration:
      case SK.Constructor:
      case SK.GetAccessor:
      case SK.SetAccessor:
        this.functionLike(node as ts.FunctionLikeDeclaration);
        return;
      case SK.ClassDeclaration:
      case SK.ClassExpression:
        this.classLike(node as ts.ClassLikeDeclaration);
        return;
      case SK.PropertyDeclaration: {
        const property = node as ts.PropertyDeclaration;
        if (hasModifier(property, SK.DeclareKeyword) || hasModifier(property, SK.AbstractKeyword)) {
          this.blankMember(property);
          return;
        }
        this.modifiers(property);
        this.blankToken(property.questionToken);
        this.blankToken(property.exclamationToken);
        this.blankAnnotation(property.type);
        this.visit(property.name);
        if (property.initializer) this.visit(property.initializer);
        this.endWithSemicolon(property);
        return;
      }
      case SK.IndexSignature:
        this.blankMember(node);
        return;
      case SK.HeritageClause: {
        const clause = node as ts.HeritageClause;
        if (clause.token === SK.ImplementsKeyword) {
          this.blankNode(clause);
        } else {
          // `extends Base<T>`: the base is an expression, its type arguments are types.
          for (const base of clause.types) {
            this.blankAngleList(base.typeArguments);
            this.visit(base.expression);
          }
        }
        return;
      }
      case SK.AsExpression:
      case SK.SatisfiesExpression: {
        const expression = (node as ts.AsExpression | ts.SatisfiesExpression).expression;
        this.visit(expression);
        this.edits.blank(expression.end, node.end);
        return;
      }
      case SK.NonNullExpression: {
        const expression = (node as ts.NonNullExpression).expression;
        this.visit(expression);
        this.edits.blank(expression.end, node.end);
        return;
      }
      case SK.CallExpression:
      case SK.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        this.blankAngleList(call.typeArguments);
        this.visit(call.expression);
        for (const argument of call.arguments ?? []) this.visit(argument);
        return;
      }
      case SK.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        this.blankAngleList(tagged.typeArguments);
        this.visit(tagged.tag);
        this.visit(tagged.template);
        return;
      }
      default:
        if (ts.isTypeNode(node)) throw new Refused(); // a type where none was expected: leave it to TypeScript
    }
    this.modifiers(node);
    ts.forEachChild(node, this.visit);
    if (ts.isStatement(node)) this.endWithSemicolon(node);
  };

  /** Parameter properties (`constructor(private x)`) assign fields: TypeScript's emit. */
  private modifiersOfParameter(parameter: ts.ParameterDeclaration): void {
    if ((parameter.modifiers?.length ?? 0) > 0) throw new Refused();
  }

  /** `this: T` declares the type of `this` and is no parameter at all: blanked with the comma after it. */
  private blankThisParameter(parameter: ts.ParameterDeclaration): void {
    let end = parameter.end;
    const next = this.nextToken(end);
    if (this.text[next] === ',') end = next + 1;
    this.edits.blank(parameter.getStart(this.source), end);
  }

  private functionLike(node: ts.FunctionLikeDeclaration): void {
    if (!node.body || hasModifier(node, SK.DeclareKeyword) || hasModifier(node, SK.AbstractKeyword)) {
      // An overload, an abstract method: no JavaScript.
      this.blankMember(node);
      return;
    }
    this.modifiers(node);
    this.blankToken(node.questionToken);
    this.blankAngleList(node.typeParameters);
    this.blankAnnotation(node.type);
    if (ts.isArrowFunction(node)) this.checkArrowLineBreaks(node);
    if (node.name) this.visit(node.name);
    for (const parameter of node.parameters) this.visit(parameter);
    this.visit(node.body);
  }

  /**
   * Blanks keep line breaks, and JavaScript allows none between an arrow's parameters and its `=>`: a return type
   * or type parameters spanning lines there are left to TypeScript.
   */
  private checkArrowLineBreaks(node: ts.ArrowFunction): void {
    const arrow = node.equalsGreaterThanToken.getStart(this.source);
    if (node.type) {
      let closeParen = this.nextToken(node.parameters.end);
      if (this.text[closeParen] === ',') closeParen = this.nextToken(closeParen + 1);
      if (this.text[closeParen] !== ')' || this.edits.hasLineBreak(closeParen, arrow)) throw new Refused();
    }
    // Nor between `async`, `return`, `yield` (or the inserted `return`) and the parameters, once `<T>` is blanked.
    if (node.typeParameters && this.edits.hasLineBreak(node.typeParameters.pos - 1, node.parameters.pos)) throw new Refused();
  }

  private classLike(node: ts.ClassLikeDeclaration): void {
    if (hasModifier(node, SK.DeclareKeyword)) {
      this.blankNode(node);
      return;
    }
    this.modifiers(node);
    this.blankAngleList(node.typeParameters);
    if (node.name) this.visit(node.name);
    for (const clause of node.heritageClauses ?? []) this.visit(clause);
    for (const member of node.members) this.visit(member);
  }
}
