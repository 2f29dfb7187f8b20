/** The connection file a Jupyter client writes for us (messaging spec "Connection files"). */
import { readFileSync } from 'node:fs';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

const PORT_FIELDS = ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const;
export type Channel = 'shell' | 'iopub' | 'stdin' | 'control' | 'hb';

/** Reads and validates a connection file; errors name the file and the bad field. */
export function readConnectionFile(path: string): ConnectionInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read connection file ${path}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`connection file ${path} is not a JSON object`);
  const info = raw as Record<string, unknown>;
  const transport = info['transport'] ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw new Error(`connection file ${path}: transport must be tcp or ipc (got ${String(transport)})`);
  if (typeof info['ip'] !== 'string') throw new Error(`connection file ${path}: ip must be a string`);
  for (const field of PORT_FIELDS) {
    const port = info[field];
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`connection file ${path}: ${field} must be a port number (got ${String(port)})`);
    }
  }
  return {
    ...(info as unknown as ConnectionInfo),
    transport,
    key: typeof info['key'] === 'string' ? info['key'] : '',
    signature_scheme: typeof info['signature_scheme'] === 'string' ? info['signature_scheme'] : 'hmac-sha256',
  };
}

/** The endpoint for one channel, bound only to the file's ip (never 0.0.0.0 unless the file says so). */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port` as const];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
