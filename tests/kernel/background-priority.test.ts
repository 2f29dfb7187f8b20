// Node's own threads (V8's compiler and GC workers, libuv's pool) run at the lowest priority in a kernel; the main
// thread and every thread the kernel starts itself (zeromq's I/O thread, the protocol thread) keep theirs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { backgroundNice, BACKGROUND_NICE } from '../../src/kernel/background-priority.js';
import { KernelProcess } from '../../src/runner/kernel-process.js';
import { niceByThread } from '../helpers/thread-nice.js';

const linux = process.platform === 'linux';

test('WHETSTONE_BACKGROUND_NICE picks the level, within 0-19', () => {
  assert.equal(backgroundNice({}), BACKGROUND_NICE);
  assert.equal(backgroundNice({ WHETSTONE_BACKGROUND_NICE: '0' }), 0);
  assert.equal(backgroundNice({ WHETSTONE_BACKGROUND_NICE: '7' }), 7);
  assert.equal(backgroundNice({ WHETSTONE_BACKGROUND_NICE: '40' }), 19);
  assert.equal(backgroundNice({ WHETSTONE_BACKGROUND_NICE: 'low' }), BACKGROUND_NICE);
});

test('threads that exist when it runs are lowered; the main thread and later threads are not', { skip: !linux && 'per-thread nice is Linux only' }, () => {
  const module = fileURLToPath(new URL('../../src/kernel/background-priority.js', import.meta.url));
  const helper = fileURLToPath(new URL('../helpers/thread-nice.js', import.meta.url));
  const script = `
    import { Worker } from 'node:worker_threads';
    const { lowerBackgroundThreads } = await import(${JSON.stringify(module)});
    const { niceByThread } = await import(${JSON.stringify(helper)});
    const before = [...niceByThread('self').keys()];
    const lowered = lowerBackgroundThreads(12);
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    const after = niceByThread('self');
    console.log(JSON.stringify({ pid: process.pid, lowered, before: before.map((t) => [t, after.get(t)]), later: [...after].filter(([t]) => !before.includes(t)).map(([, n]) => n) }));
    process.exit(0);`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as
    { pid: number; lowered: number; before: [number, number][]; later: number[] };
  const main = out.before.find(([tid]) => tid === out.pid);
  assert.deepEqual(main, [out.pid, 0]);
  const others = out.before.filter(([tid]) => tid !== out.pid);
  assert.ok(others.length >= 4, `V8's platform workers at least (${others.length} threads)`);
  assert.deepEqual(others.map(([, nice]) => nice), others.map(() => 12));
  assert.equal(out.lowered, others.length);
  assert.ok(out.later.length > 0, 'the worker started threads');
  assert.deepEqual(out.later, out.later.map(() => 0));
});

test('a kernel runs its main thread and its own threads at priority 0, Node\'s at 19', { skip: !linux && 'per-thread nice is Linux only' }, async () => {
  const kernel = new KernelProcess();
  await kernel.start({ cwd: tmpdir(), env: { ...process.env, WHETSTONE_BACKGROUND_NICE: '' } });
  try {
    const { reply } = await kernel.request('shell', 'execute_request', { code: '1 + 1', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    assert.equal(reply.content['status'], 'ok');
    const pid = kernel.pid!;
    const nice = niceByThread(pid);
    assert.equal(nice.get(pid), 0);
    const values = [...nice.values()];
    assert.ok(values.filter((n) => n === BACKGROUND_NICE).length >= 4, `Node's threads lowered: ${values.join(' ')}`);
    // main, zeromq's I/O and reaper threads, the protocol and transpile threads
    assert.ok(values.filter((n) => n === 0).length >= 3, `the kernel's own threads kept: ${values.join(' ')}`);
  } finally {
    await kernel.shutdown();
  }
});
