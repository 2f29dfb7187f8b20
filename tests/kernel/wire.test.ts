// Socket-free round trips through the wire format (issue 2: forged messages are dropped).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childMessage, newSender } from '../../src/kernel/message.js';
import { decode, encode, Signer } from '../../src/kernel/wire.js';

const sender = newSender();

function request(type = 'execute_request') {
  return { ...childMessage(sender, undefined, type, { code: '1+1' }), identities: [Buffer.from('client-1')] };
}

test('a signed message survives encode → decode with identities and content', () => {
  const signer = new Signer('secret');
  const decoded = decode(encode(request(), signer), new Signer('secret'));
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.message.identities.map(String), ['client-1']);
  assert.equal(decoded.message.header.msg_type, 'execute_request');
  assert.deepEqual(decoded.message.content, { code: '1+1' });
});

test('encoded frames verify the same as the Buffers a socket delivers them as, non-ASCII text included', () => {
  const message = { ...request(), content: { code: 'const π = "∑ ünïcode"' } };
  const frames = encode(message, new Signer('secret'));
  assert.ok(frames.some((f) => typeof f === 'string'), 'JSON parts are handed to zeromq as strings');
  const received = frames.map((f) => Buffer.from(f));
  const decoded = decode(received, new Signer('secret'));
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.message.content, message.content);
});

test('a message signed with another key is rejected as bad-signature', () => {
  const decoded = decode(encode(request(), new Signer('other')), new Signer('secret'));
  assert.equal(decoded.ok, false);
  assert.equal(!decoded.ok && decoded.reason, 'bad-signature');
});

test('an unsigned message is rejected when the kernel has a key', () => {
  const decoded = decode(encode(request(), new Signer('')), new Signer('secret'));
  assert.equal(!decoded.ok && decoded.reason, 'bad-signature');
});

test('a replayed signature is rejected the second time', () => {
  const frames = encode(request(), new Signer('k'));
  const verifier = new Signer('k');
  assert.ok(decode(frames, verifier).ok);
  const again = decode(frames, verifier);
  assert.equal(!again.ok && again.reason, 'replayed-signature');
});

test('a tampered body fails the signature check', () => {
  const frames = encode(request(), new Signer('k'));
  const at = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
  frames[at + 5] = Buffer.from(JSON.stringify({ code: 'process.exit()' }));
  const decoded = decode(frames, new Signer('k'));
  assert.equal(!decoded.ok && decoded.reason, 'bad-signature');
});

test('malformed frames are named: no delimiter, too few frames, bad JSON', () => {
  const signer = new Signer('');
  assert.equal((decode([Buffer.from('x')], signer) as { reason: string }).reason, 'no-delimiter');
  assert.equal((decode([Buffer.from('<IDS|MSG>'), Buffer.from('')], signer) as { reason: string }).reason, 'too-few-frames');
  const bad = [Buffer.from('<IDS|MSG>'), Buffer.from(''), Buffer.from('{'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')];
  assert.equal((decode(bad, signer) as { reason: string }).reason, 'bad-json');
});

test('replies carry the parent header and a fresh msg_id', () => {
  const parent = request();
  const reply = childMessage(sender, parent, 'execute_reply', { status: 'ok' });
  assert.equal(reply.parent_header.msg_id, parent.header.msg_id);
  assert.notEqual(reply.header.msg_id, parent.header.msg_id);
  assert.deepEqual(reply.identities, parent.identities);
  assert.equal(reply.header.version, '5.3');
});
