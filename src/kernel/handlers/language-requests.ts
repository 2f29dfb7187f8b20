/**
 * complete_request, inspect_request and is_complete_request: answered by the TypeScript language service.
 * `cursor_pos` is in Unicode code points (spec 5.2), converted to and from JavaScript's UTF-16 offsets here.
 */
import type { HandlerContext } from '../context.js';

/** Code-point offset → UTF-16 offset. */
export function toUtf16Offset(code: string, codePoints: number): number {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < code.length; i++) offset += code.codePointAt(offset)! > 0xffff ? 2 : 1;
  return offset;
}

/** UTF-16 offset → code-point offset. */
export function toCodePoints(code: string, utf16: number): number {
  return [...code.slice(0, utf16)].length;
}

function codeAndCursor(context: HandlerContext): { code: string; cursor: number } {
  const code = String(context.request.content['code'] ?? '');
  const raw = context.request.content['cursor_pos'];
  const cursor = typeof raw === 'number' ? toUtf16Offset(code, raw) : code.length;
  return { code, cursor };
}

export function completeRequest(context: HandlerContext): void {
  const { code, cursor } = codeAndCursor(context);
  const result = context.kernel.executor.complete(code, cursor);
  context.reply({
    status: 'ok',
    matches: result.matches,
    cursor_start: toCodePoints(code, result.cursorStart),
    cursor_end: toCodePoints(code, result.cursorEnd),
    metadata: {
      _jupyter_types_experimental: result.types.map((t) => ({
        ...t, start: toCodePoints(code, t.start), end: toCodePoints(code, t.end),
      })),
    },
  });
}

export function inspectRequest(context: HandlerContext): void {
  const { code, cursor } = codeAndCursor(context);
  const result = context.kernel.executor.inspect(code, cursor);
  if (!result.found) {
    context.reply({ status: 'ok', found: false, data: {}, metadata: {} });
    return;
  }
  const plain = result.documentation ? `${result.signature}\n\n${result.documentation}` : result.signature;
  const markdown = `\`\`\`typescript\n${result.signature}\n\`\`\`\n\n${result.documentation}`;
  context.reply({ status: 'ok', found: true, data: { 'text/plain': plain, 'text/markdown': markdown }, metadata: {} });
}

export function isCompleteRequest(context: HandlerContext): void {
  const code = String(context.request.content['code'] ?? '');
  context.reply({ ...context.kernel.executor.isComplete(code) });
}
