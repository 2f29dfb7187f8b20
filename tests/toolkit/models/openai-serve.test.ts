// The HTTP policy is tested against real servers on 127.0.0.1: `serve` wrapping the project's own n-gram LM, and
// small fixtures that fail on purpose (issue 3: caching and retry behaviour).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ngram } from '../../../src/toolkit/models/ngram.js';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { serve } from '../../../src/toolkit/models/serve.js';
import { openai } from '../../../src/toolkit/models/openai.js';
import type { Sample } from '../../../src/toolkit/models/policy.js';

const corpus = ['2+2=4', '2+3=5', '3+3=6', '3+4=7', '4+4=8'];
// Token ids do not travel over HTTP, and OpenAI's top_logprobs is a JSON object whose integer-like keys ('2') come
// before others (''), so tied alternatives are compared in a canonical order.
const strip = (s: Sample) => ({
  ...s,
  tokenIds: [] as number[],
  topLogProbs: s.topLogProbs.map((alts) => [...alts].sort((a, b) => b.logProb - a.logProb || a.token.localeCompare(b.token))),
});

test('openai completions and chat against serve(ngram) reproduce the local samples exactly', async () => {
  const lm = ngram(corpus, { n: 3, smoothing: 0.05 });
  const server = await serve(lm);
  try {
    assert.match(server.baseURL, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const options = { n: 8, seed: 5, topK: 2, temperature: 0.9, maxTokens: 6 };
    const local = await lm.sample(['2+', '3+'], options);
    for (const endpoint of ['completions', 'chat'] as const) {
      const remote = openai({ baseURL: server.baseURL, model: 'ngram', endpoint });
      const got = await remote.sample(['2+', '3+'], options);
      assert.deepEqual(got.map((row) => row.map(strip)), local.map((row) => row.map(strip)), endpoint);
      assert.ok(got[0]!.every((s) => s.tokenIds.every((id) => id === -1)));
    }
  } finally {
    await server.close();
  }
});

test('openai logProb via echo equals the logProb of the served model', async () => {
  const lm = ngram(corpus, { n: 3, smoothing: 0.05 });
  const server = await serve(lm);
  try {
    const remote = openai({ baseURL: server.baseURL, model: 'ngram' });
    for (const [prompt, completion] of [['2+2=', '4'], ['3+', '3=6'], ['', '2+2=4'], ['4+4=', '9']] as const) {
      const want = await lm.logProb(prompt, completion);
      const got = await remote.logProb(prompt, completion);
      // '9' is outside the vocabulary: −Infinity travels as null and comes back as −Infinity.
      assert.ok(got === want || Math.abs(got - want) < 1e-12, `${prompt}|${completion}: ${got} vs ${want}`);
    }
  } finally {
    await server.close();
  }
});

test('openai caches by prompt, params and seed', async () => {
  const lm = ngram(corpus, { n: 2 });
  const server = await serve(lm);
  try {
    const remote = openai({ baseURL: server.baseURL, model: 'ngram' });
    const first = await remote.sample(['2+'], { n: 3, seed: 1 });
    assert.equal(server.requests, 1);
    assert.deepEqual(await remote.sample(['2+'], { n: 3, seed: 1 }), first);
    assert.equal(server.requests, 1);
    assert.equal(remote.stats.cacheHits, 1);
    await remote.sample(['2+'], { n: 3, seed: 2 });
    await remote.sample(['2+'], { n: 3, seed: 1, temperature: 0.5 });
    await remote.sample(['3+'], { n: 3, seed: 1 });
    assert.equal(server.requests, 4);
    remote.clearCache();
    await remote.sample(['2+'], { n: 3, seed: 1 });
    assert.equal(server.requests, 5);
    const uncached = openai({ baseURL: server.baseURL, model: 'ngram', cache: false });
    await uncached.sample(['2+'], { seed: 1 });
    await uncached.sample(['2+'], { seed: 1 });
    assert.equal(server.requests, 7);
  } finally {
    await server.close();
  }
});

/** A fixture server answering with `reply(requestNumber)`; returns its base URL. */
async function fixture(reply: (i: number) => { status: number; body: unknown; delayMs?: number }): Promise<{ server: Server; url: string; seen: () => number; maxInFlight: () => number }> {
  let seen = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const i = seen++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.resume();
    req.on('end', () => {
      const { status, body, delayMs } = reply(i);
      setTimeout(() => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { server, url, seen: () => seen, maxInFlight: () => maxInFlight };
}

const ok = { choices: [{ index: 0, text: 'ok', finish_reason: 'stop', logprobs: { tokens: ['ok'], token_logprobs: [-0.5], top_logprobs: [{ ok: -0.5 }], text_offset: [0] } }] };

test('openai retries a failed first request with backoff and then succeeds', async () => {
  const f = await fixture((i) => (i === 0 ? { status: 503, body: { error: 'warming up' } } : { status: 200, body: ok }));
  try {
    const remote = openai({ baseURL: f.url, model: 'm', retries: 2, retryDelayMs: 1 });
    const s = (await remote.sample(["p"]))[0]![0]!;
    assert.equal(s.text, 'ok');
    assert.deepEqual(s.tokenLogProbs, [-0.5]);
    assert.equal(f.seen(), 2);
    assert.deepEqual(remote.stats, { requests: 2, retries: 1, cacheHits: 0 });
  } finally {
    f.server.close();
  }
});

test('openai gives up after its retries and does not retry client errors', async () => {
  const down = await fixture(() => ({ status: 500, body: { error: 'down' } }));
  const bad = await fixture(() => ({ status: 400, body: { error: 'bad model' } }));
  try {
    const remote = openai({ baseURL: down.url, model: 'm', retries: 1, retryDelayMs: 1 });
    await assert.rejects(remote.sample(['p']), /openai: HTTP 500 from .*\/v1\/completions.*\(gave up after 2 attempts/);
    assert.equal(down.seen(), 2);
    // The failure is not cached: a new call tries again.
    await assert.rejects(remote.sample(['p']), /gave up/);
    assert.equal(down.seen(), 4);
    await assert.rejects(openai({ baseURL: bad.url, model: 'm', retryDelayMs: 1 }).sample(['p']), /openai: HTTP 400 .*bad model/);
    assert.equal(bad.seen(), 1);
  } finally {
    down.server.close();
    bad.server.close();
  }
});

test('openai keeps at most `concurrency` requests in flight', async () => {
  const f = await fixture(() => ({ status: 200, body: ok, delayMs: 5 }));
  try {
    const remote = openai({ baseURL: f.url, model: 'm', concurrency: 2 });
    const out = await remote.sample(['a', 'b', 'c', 'd', 'e', 'f']);
    assert.equal(out.length, 6);
    assert.equal(out[5]![0]!.prompt, 'f');
    assert.equal(f.seen(), 6);
    assert.ok(f.maxInFlight() <= 2, `max in flight ${f.maxInFlight()}`);
  } finally {
    f.server.close();
  }
});

test('serve is loopback-only and bounded, and answers bad requests with 400', async () => {
  await assert.rejects(serve(ngram(corpus), { host: '0.0.0.0' }), /serve: host must be a loopback address/);
  const server = await serve(categorical({ q: { a: 1 } }), { maxN: 4 });
  try {
    const post = (path: string, body: unknown) => fetch(server.baseURL + path, { method: 'POST', body: JSON.stringify(body) });
    const tooMany = await post('/completions', { prompt: 'q', n: 5 });
    assert.equal(tooMany.status, 400);
    assert.match(((await tooMany.json()) as { error: { message: string } }).error.message, /n must be an integer in \[1, 4\]/);
    const echo = await post('/completions', { prompt: 'qa', echo: true, max_tokens: 0, logprobs: 0 });
    assert.equal(echo.status, 400);
    const unknown = await post('/completions', { prompt: 'nope' });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /unknown prompt "nope"/);
    assert.equal((await fetch(server.baseURL + '/nowhere')).status, 404);
    const models = (await (await fetch(server.baseURL + '/models')).json()) as { data: { id: string }[] };
    assert.equal(models.data[0]!.id, 'categorical');
    const huge = await post('/completions', { prompt: 'q'.repeat(2 << 20) });
    assert.equal(huge.status, 400);
    assert.match(((await huge.json()) as { error: { message: string } }).error.message, /request body exceeds 1048576 bytes/);
    const good = (await (await post('/completions', { prompt: ['q', 'q'], n: 2, logprobs: 1 })).json()) as { choices: { index: number; text: string }[] };
    assert.deepEqual(good.choices.map((c) => [c.index, c.text]), [[0, 'a'], [1, 'a'], [2, 'a'], [3, 'a']]);
  } finally {
    await server.close();
  }
});
