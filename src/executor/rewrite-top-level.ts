/**
 * The runtime form of a cell. After TypeScript has stripped the types, the cell's top level is rewritten so that
 * everything it declares lives on the global object and survives into later cells:
 *
 * - `const/let/var x = e` and destructuring become assignments to globals (no local binding, so functions from
 *   any cell always see the latest value);
 * - `function f() {}` becomes `f = function f() {}`, hoisted to the top like the declaration was;
 * - `class C {}` becomes `C = class C {}`;
 * - `import d, {a as b} from "m"` becomes `const m = await runtime.import("m"); d = …; b = …` (real ESM and CJS
 *   loading, from the notebook's directory), and `import("m")` calls go through the same loader;
 * - the whole cell is wrapped in an async arrow, giving top-level `await`, and the last expression statement is
 *   returned as the cell's value.
 * Nodes from the original tree are reused, so the emitted source map still points into the cell.
 */
import ts from './typescript.cjs';
import { bindingNames } from './cell-names.js';

/** The global through which rewritten cells reach the runtime helpers (module loading). */
export const RUNTIME_GLOBAL = '__whetstone_runtime__';

export interface RewriteInfo {
  /** Global names the cell assigns; the runner defines them first so assignments work in strict code too. */
  names: string[];
}

export function rewriteTopLevel(info: RewriteInfo): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (source) => {
    const f = context.factory;
    const runtime = (method: string) => f.createPropertyAccessExpression(f.createIdentifier(RUNTIME_GLOBAL), method);
    const assign = (target: ts.Expression, value: ts.Expression) =>
      f.createExpressionStatement(f.createParenthesizedExpression(f.createAssignment(target, value)));
    const names = new Set<string>();

    const visitImports = (node: ts.Node): ts.Node => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        return f.updateCallExpression(node, runtime('import'), undefined, ts.visitNodes(node.arguments, visitImports) as ts.NodeArray<ts.Expression>);
      }
      return ts.visitEachChild(node, visitImports, context);
    };

    const hoisted: ts.Statement[] = [];
    const body: ts.Statement[] = [];
    let importCount = 0;
    const statements = source.statements;
    // The last statement that yields the cell's value; declarations turned into assignments never do. Empty
    // statements (`1 + 1;;`, and the `;` the checker's text appends) and erased types leave the value as it was.
    const last = [...statements].reverse().find((s) => !ts.isExportDeclaration(s) && !isValueless(s));

    for (const statement of statements) {
      if (ts.isImportDeclaration(statement)) {
        const local = f.createUniqueName(`__import${importCount++}`);
        const specifier = statement.moduleSpecifier as ts.StringLiteral;
        body.push(f.createVariableStatement(undefined, f.createVariableDeclarationList(
          [f.createVariableDeclaration(local, undefined, undefined,
            f.createAwaitExpression(f.createCallExpression(runtime('import'), undefined, [f.createStringLiteral(specifier.text)])))],
          ts.NodeFlags.Const)));
        const clause = statement.importClause;
        if (clause?.name) {
          names.add(clause.name.text);
          body.push(assign(clause.name, f.createCallExpression(runtime('importDefault'), undefined, [local])));
        }
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          names.add(bindings.name.text);
          body.push(assign(bindings.name, f.createCallExpression(runtime('importNamespace'), undefined, [local])));
        } else if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) {
            names.add(element.name.text);
            const imported = (element.propertyName ?? element.name) as ts.Identifier;
            body.push(assign(element.name, f.createCallExpression(runtime('importNamed'), undefined, [local, f.createStringLiteral(imported.text)])));
          }
        }
      } else if (ts.isVariableStatement(statement)) {
        const isVar = !(statement.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let));
        for (const declaration of statement.declarationList.declarations) {
          for (const name of bindingNames(declaration.name)) names.add(name);
          const initializer = declaration.initializer ? (ts.visitNode(declaration.initializer, visitImports) as ts.Expression) : undefined;
          if (initializer) body.push(ts.setTextRange(assign(toAssignmentTarget(f, declaration.name), initializer), declaration));
          else if (!isVar && ts.isIdentifier(declaration.name)) body.push(assign(declaration.name, f.createVoidZero()));
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
        names.add(statement.name.text);
        const modifiers = ts.getModifiers(statement)?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
        const fn = f.createFunctionExpression(modifiers, statement.asteriskToken, statement.name, undefined,
          statement.parameters, undefined, ts.visitNode(statement.body, visitImports) as ts.Block);
        hoisted.push(ts.setTextRange(assign(statement.name, ts.setTextRange(fn, statement)), statement));
      } else if (ts.isClassDeclaration(statement) && statement.name) {
        names.add(statement.name.text);
        const cls = f.createClassExpression(ts.getDecorators(statement),
          statement.name, undefined, statement.heritageClauses,
          ts.visitNodes(statement.members, visitImports) as ts.NodeArray<ts.ClassElement>);
        body.push(ts.setTextRange(assign(statement.name, ts.setTextRange(cls, statement)), statement));
      } else if (ts.isExportDeclaration(statement)) {
        continue;
      } else if (ts.isExportAssignment(statement)) {
        body.push(ts.setTextRange(f.createExpressionStatement(ts.visitNode(statement.expression, visitImports) as ts.Expression), statement));
      } else if (statement === last && ts.isExpressionStatement(statement)) {
        body.push(ts.setTextRange(f.createReturnStatement(ts.visitNode(statement.expression, visitImports) as ts.Expression), statement));
      } else {
        body.push(ts.visitNode(statement, visitImports) as ts.Statement);
      }
    }
    info.names = [...names];
    const wrapper = f.createArrowFunction([f.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, [], undefined,
      f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), f.createBlock([...hoisted, ...body], true));
    const call = f.createCallExpression(f.createParenthesizedExpression(wrapper), undefined, []);
    return f.updateSourceFile(source, [f.createExpressionStatement(call)]);
  };
}

/** Statements that run nothing: JavaScript's completion value passes over them. */
function isValueless(statement: ts.Statement): boolean {
  return statement.kind === ts.SyntaxKind.EmptyStatement || statement.kind === ts.SyntaxKind.NotEmittedStatement;
}

/** `{a, b: [c = 1], ...rest}` as a binding pattern → the same shape as an assignment target. */
function toAssignmentTarget(f: ts.NodeFactory, name: ts.BindingName): ts.Expression {
  if (ts.isIdentifier(name)) return name;
  if (ts.isObjectBindingPattern(name)) {
    return f.createObjectLiteralExpression(name.elements.map((element): ts.ObjectLiteralElementLike => {
      if (element.dotDotDotToken) return f.createSpreadAssignment(toAssignmentTarget(f, element.name));
      if (!element.propertyName && ts.isIdentifier(element.name)) {
        return f.createShorthandPropertyAssignment(element.name, element.initializer);
      }
      const target = toAssignmentTarget(f, element.name);
      const value = element.initializer ? f.createAssignment(target, element.initializer) : target;
      return f.createPropertyAssignment(element.propertyName ?? (element.name as ts.Identifier), value);
    }));
  }
  return f.createArrayLiteralExpression(name.elements.map((element) => {
    if (ts.isOmittedExpression(element)) return element;
    const target = toAssignmentTarget(f, element.name);
    if (element.dotDotDotToken) return f.createSpreadElement(target);
    return element.initializer ? f.createAssignment(target, element.initializer) : target;
  }));
}
