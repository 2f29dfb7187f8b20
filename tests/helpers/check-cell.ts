/** Checks one cell the way the executor does (commit only when clean) and returns `line:column TScode` per error. */
import type { CellChecker } from '../../src/executor/cell-checker.js';

export function checkCell(checker: CellChecker, code: string): string[] {
  const result = checker.check(code);
  if (result.diagnostics.length === 0) result.commit();
  return result.diagnostics.map((d) => `${d.line}:${d.column} TS${d.code}`);
}
