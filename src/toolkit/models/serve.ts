/**
 * `models.serve`: serves any Policy over the OpenAI-compatible HTTP API (`/v1/completions` with logprobs and echo,
 * `/v1/chat/completions` with logprobs, `/v1/models`), so `models.openai` can be tested end to end against the
 * project's own models and a notebook can hand a toy policy to tools that speak that API. Loopback only, with bounded
 * request sizes: it is a research fixture, not a public server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { check, fail, ToolkitArgumentError } from '../util/check.js';
import type { Policy, Sample, SampleOptions } from './policy.js';

/** Options for `serve`. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. Default: 0. */
  port?: number;
  /** Loopback address to bind: '127.0.0.1', '::1' or 'localhost'. Default: '127.0.0.1'. */
  host?: string;
  /** Model id reported in responses and `/v1/models`. Default: the policy's name. */
  model?: string;
  /** Largest request body accepted, in bytes. Default: 1 MiB. */
  maxBodyBytes?: number;
  /** Largest `n` (and number of prompts) per request. Default: 64. */
  maxN?: number;
  /** Largest `max_tokens` per request. Default: 1024. */
  maxTokens?: number;
}

/** A running server. */
export interface PolicyServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:41234/v1` (pass it as `baseURL` to `models.openai`). */
  readonly baseURL: string;
  readonly port: number;
  /** Requests received so far (any path). */
  readonly requests: number;
  /** Stops accepting connections and resolves once the server is closed. */
  close(): Promise<void>;
}

const DEFAULTS = { port: 0, host: '127.0.0.1', maxBodyBytes: 1 << 20, maxN: 64, maxTokens: 1024 } as const;
const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

/** A request error answered with status 400 and OpenAI's error shape. */
class BadRequest extends Error {}

/**
 * Starts serving `policy` on a loopback port and resolves once it listens.
 * @example
 *   const server = await models.serve(models.ngram(corpus), { port: 0 });
 *   const remote = models.openai({ baseURL: server.baseURL, model: 'ngram' }); // ... then await server.close()
 */
export async function serve(policy: Policy, options: ServeOptions = {}): Promise<PolicyServer> {
  const fn = 'serve';
  const host = options.host ?? DEFAULTS.host;
  if (!LOOPBACK.includes(host)) fail(fn, `host must be a loopback address (${LOOPBACK.join(', ')}) (got ${JSON.stringify(host)}); serve is a local research fixture`);
  const port = check.int(options.port ?? DEFAULTS.port, 'port', fn, { min: 0, max: 65535 });
  const limits = {
    model: options.model ?? policy.name,
    maxBodyBytes: check.int(options.maxBodyBytes ?? DEFAULTS.maxBodyBytes, 'maxBodyBytes', fn, { min: 1 }),
    maxN: check.int(options.maxN ?? DEFAULTS.maxN, 'maxN', fn, { min: 1 }),
    maxTokens: check.int(options.maxTokens ?? DEFAULTS.maxTokens, 'maxTokens', fn, { min: 1 }),
  };
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handle(policy, limits, req, res).catch((err: unknown) => {
      const status = err instanceof BadRequest || err instanceof ToolkitArgumentError ? 400 : 500;
      send(res, status, { error: { message: err instanceof Error ? err.message : String(err), type: status === 400 ? 'invalid_request_error' : 'server_error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;
  return {
    baseURL: `http://${urlHost}:${actual}/v1`,
    port: actual,
    get requests() { return requests; },
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

type Limits = { model: string; maxBodyBytes: number; maxN: number; maxTokens: number };

async function handle(policy: Policy, limits: Limits, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'GET' && path === '/v1/models') {
    send(res, 200, { object: 'list', data: [{ id: limits.model, object: 'model', owned_by: 'whetstone' }] });
    return;
  }
  if (req.method !== 'POST' || (path !== '/v1/completions' && path !== '/v1/chat/completions')) {
    send(res, 404, { error: { message: `no route ${req.method} ${path}; use POST /v1/completions or /v1/chat/completions`, type: 'invalid_request_error' } });
    return;
  }
  const body = await readJson(req, limits.maxBodyBytes);
  send(res, 200, path === '/v1/completions' ? await completions(policy, limits, body) : await chat(policy, limits, body));
}

function sampleOptions(body: Record<string, unknown>, limits: Limits, maxTokensField: unknown): SampleOptions {
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRequest(`${name} must be a number`);
    return v;
  };
  const n = num(body.n, 'n') ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > limits.maxN) throw new BadRequest(`n must be an integer in [1, ${limits.maxN}] (got ${n})`);
  const maxTokens = num(maxTokensField, 'max_tokens');
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 0 || maxTokens > limits.maxTokens)) throw new BadRequest(`max_tokens must be an integer in [0, ${limits.maxTokens}] (got ${maxTokens})`);
  const opts: SampleOptions = { n };
  const temperature = num(body.temperature, 'temperature');
  const topP = num(body.top_p, 'top_p');
  const seed = num(body.seed, 'seed');
  if (temperature !== undefined) opts.temperature = temperature;
  if (topP !== undefined) opts.topP = topP;
  if (seed !== undefined) opts.seed = seed;
  if (maxTokens !== undefined && maxTokens > 0) opts.maxTokens = maxTokens;
  return opts;
}

async function completions(policy: Policy, limits: Limits, body: Record<string, unknown>): Promise<unknown> {
  const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
  if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > limits.maxN || !prompts.every((p) => typeof p === 'string')) {
    throw new BadRequest(`prompt must be a string or an array of 1 to ${limits.maxN} strings`);
  }
  const logprobs = body.logprobs === undefined || body.logprobs === null ? null : Number(body.logprobs);
  if (logprobs !== null && (!Number.isInteger(logprobs) || logprobs < 0 || logprobs > 20)) throw new BadRequest('logprobs must be an integer in [0, 20]');
  const opts = sampleOptions(body, limits, body.max_tokens);
  let choices: unknown[];
  if (body.echo === true) {
    // echo + max_tokens 0 is how clients score a given text (OpenAI's documented trick for prompt logprobs).
    if (body.max_tokens !== 0) throw new BadRequest('echo is supported only with max_tokens: 0 (scoring)');
    const scorer = policy.scoreText?.bind(policy);
    if (!scorer) throw new BadRequest(`policy ${policy.name} cannot score text (it has no scoreText)`);
    choices = await Promise.all((prompts as string[]).map(async (text, index) => {
      const s = await scorer(text);
      return {
        index, text, finish_reason: 'length',
        logprobs: logprobs === null ? null : { tokens: s.tokens, token_logprobs: s.logProbs, top_logprobs: s.tokens.map(() => ({})), text_offset: s.offsets },
      };
    }));
  } else {
    opts.topK = logprobs ?? 0;
    const samples = await policy.sample(prompts as string[], opts);
    choices = samples.flat().map((s, index) => ({ index, text: s.text, finish_reason: s.finishReason, logprobs: logprobs === null ? null : completionLogprobs(s) }));
  }
  return { id: `cmpl-${Date.now().toString(36)}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: limits.model, choices };
}

function completionLogprobs(s: Sample): unknown {
  const tokens = s.tokens ?? s.tokenIds.map((id) => String(id));
  const offsets: number[] = [];
  let at = 0;
  for (const t of tokens) { offsets.push(at); at += t.length; }
  return {
    tokens,
    token_logprobs: s.tokenLogProbs,
    top_logprobs: s.topLogProbs.map((alts) => Object.fromEntries(alts.map((a) => [a.token, a.logProb]))),
    text_offset: offsets,
  };
}

async function chat(policy: Policy, limits: Limits, body: Record<string, unknown>): Promise<unknown> {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequest('messages must be a non-empty array');
  // A toy policy has no chat template: the prompt is the last user message's content.
  const last = [...messages].reverse().find((m) => m && m.role === 'user');
  if (!last || typeof last.content !== 'string') throw new BadRequest('messages must contain a user message with string content');
  const opts = sampleOptions(body, limits, body.max_completion_tokens ?? body.max_tokens);
  const topLogprobs = body.top_logprobs === undefined || body.top_logprobs === null ? 0 : Number(body.top_logprobs);
  if (!Number.isInteger(topLogprobs) || topLogprobs < 0 || topLogprobs > 20) throw new BadRequest('top_logprobs must be an integer in [0, 20]');
  opts.topK = topLogprobs;
  const [samples] = await policy.sample([last.content], opts);
  const bytes = (t: string) => [...Buffer.from(t, 'utf8')];
  const choices = samples!.map((s, index) => ({
    index,
    message: { role: 'assistant', content: s.text },
    finish_reason: s.finishReason,
    logprobs: body.logprobs === true ? {
      content: (s.tokens ?? s.tokenIds.map(String)).map((token, i) => ({
        token, logprob: s.tokenLogProbs[i], bytes: bytes(token),
        top_logprobs: (s.topLogProbs[i] ?? []).map((a) => ({ token: a.token, logprob: a.logProb, bytes: bytes(a.token) })),
      })),
    } : null,
  }));
  return { id: `chatcmpl-${Date.now().toString(36)}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: limits.model, choices };
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is drained without being kept: stopping mid-body would reset the connection before
    // the client could read the 400.
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes) throw new BadRequest(`request body exceeds ${maxBytes} bytes`);
  let parsed: unknown;
  try { parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { throw new BadRequest('request body must be JSON'); }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) { res.end(); return; }
  // JSON cannot carry −Infinity: an impossible token's log-prob is sent as null, as OpenAI does for unknown values.
  const text = JSON.stringify(body, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
