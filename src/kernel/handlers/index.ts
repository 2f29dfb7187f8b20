/** The shell handler table: one entry per message type (a missing one fails to compile). */
import type { Handler, ShellMsgType } from '../context.js';
import { commClose, commInfoRequest, commMsg, commOpen } from './comm-requests.js';
import { executeRequest } from './execute-request.js';
import { historyRequest } from './history-request.js';
import { completeRequest, inspectRequest, isCompleteRequest } from './language-requests.js';

export const shellHandlers: Record<ShellMsgType, Handler> = {
  kernel_info_request: (context) => context.reply(context.kernel.kernelInfo()),
  execute_request: executeRequest,
  complete_request: completeRequest,
  inspect_request: inspectRequest,
  is_complete_request: isCompleteRequest,
  history_request: historyRequest,
  comm_info_request: commInfoRequest,
  comm_open: commOpen,
  comm_msg: commMsg,
  comm_close: commClose,
  // Deprecated on shell since 5.4 but still sent by old clients: answer, then stop like the control handler.
  shutdown_request: (context) => {
    const restart = context.request.content['restart'] === true;
    context.reply({ status: 'ok', restart });
    context.kernel.shutdown(restart);
  },
};
