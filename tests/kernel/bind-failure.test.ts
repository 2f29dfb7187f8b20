// A kernel whose ports are taken says so and exits with an error (issue 2: bad input gets a clear error). Shell and
// iopub are bound by the main thread, control, stdin and heartbeat by the protocol thread: both paths are checked.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const PORTS = ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const;

/** A port held by a plain TCP server, so the kernel's bind to it fails. */
function takenPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

/** Starts a kernel whose `taken` port is in use (the others are ports the system just gave out and took back). */
async function startWithTaken(taken: (typeof PORTS)[number]): Promise<{ code: number | null; stderr: string }> {
  const held = await takenPort();
  const ports: Record<string, number> = {};
  for (const name of PORTS) {
    if (name === taken) {
      ports[name] = held.port;
    } else {
      const free = await takenPort();
      free.server.close();
      ports[name] = free.port;
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'whetstone-bind-')), 'kernel.json');
  writeFileSync(file, JSON.stringify({ transport: 'tcp', ip: '127.0.0.1', key: 'k', signature_scheme: 'hmac-sha256', ...ports }));
  const child = spawn(process.execPath, [join(KERNEL_ROOT, 'dist', 'src', 'cli', 'main.js'), 'kernel', '--connection-file', file]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  held.server.close();
  return { code, stderr };
}

test('a taken shell port is named and the kernel exits 1', async () => {
  const { code, stderr } = await startWithTaken('shell_port');
  assert.equal(code, 1);
  assert.match(stderr, /cannot bind the kernel's sockets on 127\.0\.0\.1: Address already in use/);
});

test('a taken control port is named and the kernel exits 1, not with a native abort', async () => {
  const { code, stderr } = await startWithTaken('control_port');
  assert.equal(code, 1);
  assert.match(stderr, /cannot bind control, stdin and heartbeat on 127\.0\.0\.1: Address already in use/);
  assert.doesNotMatch(stderr, /terminate called/);
});
