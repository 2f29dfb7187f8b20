/** Cell TypeScript → runnable JavaScript with a source map back to the cell. */
import ts from './typescript.cjs';
import { exportedNames, topLevelNames } from './cell-names.js';
import { rewriteTopLevel, type RewriteInfo } from './rewrite-top-level.js';

export interface TranspiledCell {
  js: string;
  /** Source map (JSON) from `js` to the cell's text. */
  sourceMap: string;
  /** Globals the cell assigns. */
  names: string[];
}

export function transpileCell(code: string, fileName: string): TranspiledCell {
  const parsed = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false);
  const already = exportedNames(parsed);
  // Exporting every top-level name stops TypeScript from eliding imports that only later cells use.
  const names = topLevelNames(parsed).filter((n) => !already.has(n));
  const info: RewriteInfo = { names: [] };
  const output = ts.transpileModule(`${code}\n;export { ${names.join(', ')} };\n`, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      esModuleInterop: true,
      experimentalDecorators: false,
      useDefineForClassFields: true,
    },
    transformers: { after: [rewriteTopLevel(info)] },
  });
  const js = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return { js, sourceMap: output.sourceMapText ?? '{}', names: info.names };
}
