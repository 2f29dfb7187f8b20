/**
 * execute_request (messaging spec "Execute"): execute_input, then outputs, then the reply. The execution counter
 * moves only for store_history (and never when silent); a failed cell with stop_on_error aborts queued cells.
 */
import { toMimeBundle } from '../../display/bundle.js';
import type { HandlerContext } from '../context.js';

interface ExecuteContent {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, string>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}

function readContent(content: Record<string, unknown>): ExecuteContent {
  const silent = content['silent'] === true;
  return {
    code: typeof content['code'] === 'string' ? content['code'] : '',
    silent,
    store_history: !silent && content['store_history'] !== false,
    user_expressions: (content['user_expressions'] as Record<string, string> | undefined) ?? {},
    allow_stdin: content['allow_stdin'] !== false,
    stop_on_error: content['stop_on_error'] !== false,
  };
}

export async function executeRequest(context: HandlerContext): Promise<void> {
  const { kernel, request } = context;
  const content = readContent(request.content);
  if (content.store_history) kernel.executionCount++;
  const count = kernel.executionCount;
  if (!content.silent) context.publish('execute_input', { code: content.code, execution_count: count });
  if (content.store_history) kernel.history.add(count, content.code);

  const help = helpTarget(content.code);
  if (help !== undefined) {
    context.reply({ status: 'ok', execution_count: count, user_expressions: {}, payload: [helpPayload(context, help)] });
    return;
  }
  const run = kernel.outputs.begin(request, { silent: content.silent, allowStdin: content.allow_stdin });
  for (const error of kernel.pendingErrors.splice(0)) kernel.outputs.write('stderr', error);
  const label = content.store_history ? `In[${count}]` : `In[*]`;
  kernel.setCellRunning(true);
  const outcome = content.code.trim() === ''
    ? { kind: 'value' as const, value: undefined }
    : await kernel.executor.execute(content.code, label).finally(() => kernel.setCellRunning(false));

  if (outcome.kind === 'value') {
    if (outcome.value !== undefined && !content.silent) {
      const data = toMimeBundle(outcome.value);
      context.publish('execute_result', { execution_count: count, data, metadata: {} });
      if (content.store_history) kernel.history.setOutput(count, String(data['text/plain'] ?? ''));
    }
    const userExpressions = await evaluateUserExpressions(context, content.user_expressions);
    kernel.outputs.end(run);
    context.reply({ status: 'ok', execution_count: count, user_expressions: userExpressions, payload: [] });
    return;
  }
  if (!content.silent) context.publish('error', outcome.error);
  kernel.outputs.end(run);
  if (content.stop_on_error) await kernel.abortQueued();
  context.reply({ status: 'error', execution_count: count, ...outcome.error, user_expressions: {}, payload: [] });
}

/** Evaluates `user_expressions` after the cell, each to a MIME bundle or an error (spec: never fails the cell). */
async function evaluateUserExpressions(context: HandlerContext, expressions: Record<string, string>): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(expressions)) {
    const outcome = await context.kernel.executor.run(String(expression));
    results[name] = outcome.kind === 'value'
      ? { status: 'ok', data: toMimeBundle(outcome.value), metadata: {} }
      : { status: 'error', ...outcome.error };
  }
  return results;
}

/** `Math.max?` (IPython's help syntax): the expression whose documentation to page. */
function helpTarget(code: string): string | undefined {
  return /^\s*([A-Za-z_$][\w$.]*)\?\s*$/.exec(code)?.[1];
}

/** A pager payload (spec "Payloads") with the language service's signature and documentation. */
function helpPayload(context: HandlerContext, expression: string): Record<string, unknown> {
  const found = context.kernel.executor.inspect(expression, expression.length);
  const text = found.found ? [found.signature, found.documentation].filter(Boolean).join('\n\n') : `No documentation found for ${expression}`;
  return { source: 'page', data: { 'text/plain': text }, start: 0 };
}
