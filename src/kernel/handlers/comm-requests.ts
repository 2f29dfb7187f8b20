/** comm_info_request, and comm_open / comm_msg / comm_close from the frontend (spec "Custom Messages"). */
import type { CommMessage } from '../comms.js';
import type { HandlerContext } from '../context.js';

function commMessage(context: HandlerContext): CommMessage {
  const data = context.request.content['data'];
  return {
    data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    metadata: context.request.metadata,
    buffers: context.request.buffers,
  };
}

export function commInfoRequest(context: HandlerContext): void {
  const target = context.request.content['target_name'];
  context.reply({ status: 'ok', comms: context.kernel.comms.list(typeof target === 'string' ? target : undefined) });
}

export function commOpen(context: HandlerContext): void {
  const { comm_id: commId, target_name: target } = context.request.content as { comm_id?: string; target_name?: string };
  if (typeof commId !== 'string' || typeof target !== 'string') {
    context.kernel.log('comm_open without comm_id/target_name: ignored');
    return;
  }
  const run = context.kernel.outputs.begin(context.request, { silent: false, allowStdin: false });
  context.kernel.comms.handleOpen(commId, target, commMessage(context));
  context.kernel.outputs.end(run);
}

export function commMsg(context: HandlerContext): void {
  const commId = String(context.request.content['comm_id'] ?? '');
  const run = context.kernel.outputs.begin(context.request, { silent: false, allowStdin: false });
  if (!context.kernel.comms.handleMsg(commId, commMessage(context))) context.kernel.log(`comm_msg for unknown comm ${commId}`);
  context.kernel.outputs.end(run);
}

export function commClose(context: HandlerContext): void {
  const commId = String(context.request.content['comm_id'] ?? '');
  const run = context.kernel.outputs.begin(context.request, { silent: false, allowStdin: false });
  if (!context.kernel.comms.handleClose(commId, commMessage(context))) context.kernel.log(`comm_close for unknown comm ${commId}`);
  context.kernel.outputs.end(run);
}
