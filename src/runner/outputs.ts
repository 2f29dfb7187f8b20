/**
 * Turns iopub messages into nbformat outputs, as JupyterLab would show them: consecutive stream text merged,
 * `clear_output` (with `wait`) honoured, and `update_display_data` applied to every output with that display id,
 * in any cell.
 */
import type { Message } from '../kernel/message.js';
import type { NotebookOutput } from './notebook.js';

export class OutputCollector {
  /** display_id → outputs showing it (across cells). */
  private readonly displays = new Map<string, NotebookOutput[]>();
  private clearOnNext = false;

  /** Applies one iopub message to `outputs` (the running cell's list). */
  apply(outputs: NotebookOutput[], message: Message): void {
    const type = message.header.msg_type;
    const content = message.content as Record<string, unknown>;
    if (type === 'clear_output') {
      if (content['wait']) this.clearOnNext = true;
      else outputs.length = 0;
      return;
    }
    if (type === 'update_display_data') {
      const id = (content['transient'] as { display_id?: string } | undefined)?.display_id;
      for (const output of (id && this.displays.get(id)) || []) {
        output['data'] = content['data'];
        output['metadata'] = content['metadata'] ?? {};
      }
      return;
    }
    const output = toOutput(type, content);
    if (!output) return;
    if (this.clearOnNext) {
      outputs.length = 0;
      this.clearOnNext = false;
    }
    const last = outputs[outputs.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last['name'] === output['name']) {
      last['text'] = String(last['text']) + String(output['text']);
      return;
    }
    outputs.push(output);
    const id = (content['transient'] as { display_id?: string } | undefined)?.display_id;
    if (id && output.output_type === 'display_data') this.displays.set(id, [...(this.displays.get(id) ?? []), output]);
  }
}

function toOutput(type: string, content: Record<string, unknown>): NotebookOutput | undefined {
  switch (type) {
    case 'stream':
      return { output_type: 'stream', name: content['name'], text: content['text'] };
    case 'display_data':
      return { output_type: 'display_data', data: content['data'], metadata: content['metadata'] ?? {} };
    case 'execute_result':
      return { output_type: 'execute_result', data: content['data'], metadata: content['metadata'] ?? {}, execution_count: content['execution_count'] };
    case 'error':
      return { output_type: 'error', ename: content['ename'], evalue: content['evalue'], traceback: content['traceback'] };
    default:
      return undefined;
  }
}
