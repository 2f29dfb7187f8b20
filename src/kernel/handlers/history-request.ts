/** history_request (spec "History"): tail, range and search over this kernel's executions and earlier sessions'. */
import type { HandlerContext } from '../context.js';
import { toRows } from '../history.js';

export function historyRequest(context: HandlerContext): void {
  const content = context.request.content;
  const history = context.kernel.history;
  const withOutput = content['output'] === true;
  const n = typeof content['n'] === 'number' ? content['n'] : undefined;
  let entries;
  switch (content['hist_access_type']) {
    case 'tail':
      entries = history.tail(n ?? 10);
      break;
    case 'range':
      entries = history.range(Number(content['session'] ?? 0), Number(content['start'] ?? 0), content['stop'] as number | undefined);
      break;
    case 'search':
      entries = history.search(String(content['pattern'] ?? '*'), n, content['unique'] === true);
      break;
    default:
      context.reply({ status: 'error', ename: 'ValueError', evalue: `unknown hist_access_type ${String(content['hist_access_type'])}`, traceback: [], history: [] });
      return;
  }
  context.reply({ status: 'ok', history: toRows(entries, withOutput) });
}
