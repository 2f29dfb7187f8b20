// History persists across kernel sessions (IPython's model): new session numbers, tail/search across sessions,
// negative session numbers count back, and a torn line on disk costs that line only.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultHistoryFile, History } from '../../src/kernel/history.js';
import { KernelProcess } from '../../src/runner/kernel-process.js';

test('a second kernel sees the first one as session 1 and is session 2', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'whetstone-history-')), 'sub', 'history.jsonl');
  const first = new History(file);
  first.add(1, 'const a = 1');
  first.add(2, 'a + 1');
  first.setOutput(2, '2');
  await first.flush();
  appendFileSync(file, '{"s":1,"l":3,"i":"torn'); // a kernel killed mid-write
  const second = new History(file);
  assert.equal(second.session, 2);
  second.add(1, 'a * 10');
  await second.flush();
  assert.deepEqual(second.tail(2).map((e) => [e.session, e.line, e.input]), [[1, 2, 'a + 1'], [2, 1, 'a * 10']]);
  assert.deepEqual(second.range(-1, 1, 0).map((e) => [e.line, e.output]), [[1, undefined], [2, '2']]);
  assert.deepEqual(second.range(0, 1, 0).map((e) => e.input), ['a * 10']);
  assert.deepEqual(second.range(1, 2, 3).map((e) => e.input), ['a + 1']);
  assert.deepEqual(second.search('a*', undefined, false).map((e) => e.input), ['a + 1', 'a * 10']);
  assert.equal(new History(file).session, 3);
  assert.match(readFileSync(file, 'utf8'), /"s":2,"l":1,"i":"a \* 10"/);
});

test('an empty WHETSTONE_HISTORY_FILE keeps history in memory only', () => {
  assert.equal(defaultHistoryFile({ WHETSTONE_HISTORY_FILE: '' }), null);
  assert.equal(defaultHistoryFile({ XDG_DATA_HOME: '/data' }), '/data/whetstone/history.jsonl');
  const memory = new History(null);
  memory.add(1, 'x');
  assert.equal(memory.session, 1);
  assert.deepEqual(memory.tail(5).map((e) => e.input), ['x']);
});

test('records reach the file on their own, after the turn that added them, in order', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'whetstone-history-')), 'history.jsonl');
  const history = new History(file);
  history.add(1, 'const a = 1');
  history.add(2, 'a + 1');
  history.setOutput(2, '2');
  // Written after a timer, never during the cell's own turn: once the turn's microtasks have run, nothing is on disk.
  for (let i = 0; i < 5; i++) await Promise.resolve();
  assert.throws(() => readFileSync(file, 'utf8'));
  let text = '';
  for (let wait = 0; wait < 200 && text.split('\n').length < 4; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    try { text = readFileSync(file, 'utf8'); } catch { /* not opened yet */ }
  }
  assert.deepEqual(text.trim().split('\n').map((line) => JSON.parse(line) as unknown), [
    { s: 1, l: 1, i: 'const a = 1' }, { s: 1, l: 2, i: 'a + 1' }, { s: 1, l: 2, o: '2' },
  ]);
});

test('a kernel that shuts down right after a cell has written the cell to its history file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'whetstone-history-')), 'history.jsonl');
  const kernel = new KernelProcess();
  await kernel.start({ cwd: tmpdir(), env: { ...process.env, WHETSTONE_HISTORY_FILE: file } });
  try {
    // The first cell is slow (the checker's first program): the record of the second is then still waiting.
    for (const code of ['const warm = 0', 'const kept = 1']) {
      const { reply } = await kernel.request('shell', 'execute_request', { code, silent: false, store_history: true });
      assert.equal(reply.content['status'], 'ok');
    }
  } finally {
    // At once: records wait a moment before they are written, and the shutdown must not lose them.
    await kernel.shutdown();
  }
  const records = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(records.at(-1), { s: 1, l: 2, i: 'const kept = 1' });
});
