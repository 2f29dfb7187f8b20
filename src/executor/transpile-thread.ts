/**
 * The transpiler's own thread (see parallel-transpiler.ts): turns cells into JavaScript while the main thread
 * type-checks them. It warms up on sample cells first, so V8 has compiled the transformers and printer before the
 * user's first cell, and then answers one request per cell.
 */
import { parentPort } from 'node:worker_threads';
import { transpileCell } from './transpile.js';
import { SAMPLES } from './warm-up.js';

export interface TranspileRequest {
  id: number;
  code: string;
  label: string;
}

export type TranspileResponse =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; js: string; sourceMap: string; names: string[] }
  | { kind: 'failed'; id: number; name: string; message: string };

const port = parentPort!;
const respond = (response: TranspileResponse) => port.postMessage(response);

for (let round = 0; round < 12; round++) {
  for (const sample of SAMPLES) transpileCell(sample.replaceAll('@', `_warm${round}`), '<warm-up>');
}
respond({ kind: 'ready' });

port.on('message', ({ id, code, label }: TranspileRequest) => {
  try {
    respond({ kind: 'done', id, ...transpileCell(code, label) });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    respond({ kind: 'failed', id, name, message });
  }
});
