/**
 * Completion, inspection and completeness, all answered by the TypeScript compiler rather than a hand-made
 * scanner: completions and quick info come from the language service over the same declarations cells see.
 */
import ts from './typescript.cjs';
import type { CellChecker } from './cell-checker.js';
import { docCommentBefore } from './doc-comments.js';
import { memberAccessAt } from './member-completion.js';

export interface Completion {
  matches: string[];
  /** UTF-16 offsets into the code. */
  cursorStart: number;
  cursorEnd: number;
  /** Per match: kind and signature, for frontends that show types (`_jupyter_types_experimental`). */
  types: { text: string; type: string; signature: string; start: number; end: number }[];
}

const IDENTIFIER_CHAR = /[\p{ID_Continue}$\u200c\u200d]/u;

/** The identifier fragment ending at `cursor` (what the user is typing). */
function wordStart(code: string, cursor: number): number {
  let start = cursor;
  while (start > 0 && IDENTIFIER_CHAR.test(code[start - 1]!)) start--;
  return start;
}

function bufferFile(checker: CellChecker): string {
  checker.languageService();
  return checker.cellFile.replace('__whetstone_cell__', '__whetstone_query__');
}

export function complete(checker: CellChecker, code: string, cursor: number): Completion {
  return completeMember(checker, code, cursor) ?? completeWithService(checker, code, cursor);
}

/** `value.` and `value.pa`, from the live checker (see member-completion.ts). */
function completeMember(checker: CellChecker, code: string, cursor: number): Completion | undefined {
  const access = memberAccessAt(code, cursor);
  const members = access && checker.liveMembers(access.chain);
  if (!access || !members) return undefined;
  // Every member of a value has the service's sort text for members: the order is by name alone.
  return completionOf(members.map((m) => ({ ...m, sortText: '' })), code, access.nameStart, cursor);
}

function completeWithService(checker: CellChecker, code: string, cursor: number): Completion {
  const file = bufferFile(checker);
  checker.host.setFile(file, `${code}\n;export {};\n`);
  const info = checker.service.getCompletionsAtPosition(file, cursor, { includeCompletionsForModuleExports: false });
  return completionOf(info?.entries ?? [], code, wordStart(code, cursor), cursor);
}

/**
 * The reply both paths give: entries that start with what is typed (the kernel's own `__w…` names left out), by
 * sort text and then name, as the language service orders them.
 */
function completionOf(entries: readonly { name: string; kind: string; sortText: string }[], code: string, start: number, cursor: number): Completion {
  const prefix = code.slice(start, cursor);
  const shown = entries
    .filter((e) => e.name.startsWith(prefix) && !e.name.startsWith('__w'))
    .sort((a, b) => (a.sortText === b.sortText ? a.name.localeCompare(b.name) : a.sortText < b.sortText ? -1 : 1));
  const matches = [...new Set(shown.map((e) => e.name))];
  const types = shown.map((e) => ({ text: e.name, type: e.kind, signature: '', start, end: cursor }));
  return { matches, cursorStart: start, cursorEnd: cursor, types };
}

export interface Inspection {
  found: boolean;
  signature: string;
  documentation: string;
}

export function inspect(checker: CellChecker, code: string, cursor: number): Inspection {
  const file = bufferFile(checker);
  checker.host.setFile(file, `${code}\n;export {};\n`);
  // The cursor usually sits just after the name (`Math.max|`): ask about the character before it too.
  const positions = [cursor, cursor - 1, wordStart(code, cursor) - 2].filter((p) => p >= 0 && p < code.length);
  for (const position of positions) {
    const info = checker.service.getQuickInfoAtPosition(file, position);
    if (!info) continue;
    const signature = ts.displayPartsToString(info.displayParts);
    let text = ts.displayPartsToString(info.documentation);
    let tags = (info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`.trim());
    if (!text && tags.length === 0) ({ text, tags } = declarationDocs(checker, file, position) ?? { text, tags });
    const documentation = [text, ...tags].filter(Boolean).join('\n');
    return { found: true, signature, documentation };
  }
  return { found: false, signature: '', documentation: '' };
}

/** The doc comment of the first declaration of the symbol at `position` that has one (see doc-comments.ts). */
function declarationDocs(checker: CellChecker, file: string, position: number): { text: string; tags: string[] } | undefined {
  const program = checker.service.getProgram();
  for (const definition of checker.service.getDefinitionAtPosition(file, position) ?? []) {
    const source = program?.getSourceFile(definition.fileName);
    const docs = source && docCommentBefore(source.text, definition.textSpan.start);
    if (docs) return docs;
  }
  return undefined;
}

export type Completeness = { status: 'complete' } | { status: 'incomplete'; indent: string } | { status: 'invalid' };

/**
 * complete: parses cleanly; incomplete: every parse error sits at the end (an open bracket, string template or
 * statement waiting for more); invalid: a parse error before the end.
 */
export function isComplete(code: string): Completeness {
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length === 0) return { status: 'complete' };
  const end = code.trimEnd().length;
  if (diagnostics.every((d) => (d.start ?? 0) >= end)) return { status: 'incomplete', indent: '  '.repeat(openDepth(code)) };
  return { status: 'invalid' };
}

function openDepth(code: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  let depth = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.OpenParenToken || token === ts.SyntaxKind.OpenBracketToken) depth++;
    if (token === ts.SyntaxKind.CloseBraceToken || token === ts.SyntaxKind.CloseParenToken || token === ts.SyntaxKind.CloseBracketToken) depth--;
  }
  return Math.max(0, depth);
}
