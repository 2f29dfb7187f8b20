/**
 * `models.openai`: a Policy backed by any OpenAI-compatible server that returns logprobs (OpenAI, vLLM, llama.cpp
 * `llama-server`, Ollama's `/v1`, or `models.serve`). It uses the completions endpoint by default and the chat
 * endpoint on request, limits concurrent requests, retries transient failures with exponential backoff, and caches
 * results by (endpoint, model, prompt, sampling params, seed), so rerunning a notebook cell costs no requests.
 */
import { check, fail } from '../util/check.js';
import { promptSeed, readDecoding } from './decoding.js';
import type { Policy, Sample, SampleOptions, TokenAlternative } from './policy.js';

/** Options for `openai`. */
export interface OpenAIOptions {
  /** Base URL including the version path, e.g. 'http://127.0.0.1:8000/v1'. Required. */
  baseURL: string;
  /** Model id sent with each request. Required. */
  model: string;
  /** Bearer token. Default: none (local servers need none). */
  apiKey?: string;
  /** Which endpoint samples: 'completions' (raw prompt) or 'chat' (prompt as one user message). Default: 'completions'. */
  endpoint?: 'completions' | 'chat';
  /** Most requests in flight at once. Default: 4. */
  concurrency?: number;
  /** Retries after a network error or an HTTP 408/409/429/5xx. Default: 3. */
  retries?: number;
  /** First backoff delay in ms; attempt i waits retryDelayMs·2^i (or the server's Retry-After). Default: 500. */
  retryDelayMs?: number;
  /** Per-request timeout in ms. Default: 60000. */
  timeoutMs?: number;
  /** Cache results in memory, keyed by endpoint, model, prompt, params and seed. Default: true. */
  cache?: boolean;
  /** Generated tokens when `sample` gets no `maxTokens`. Default: 256. */
  maxTokens?: number;
  /** Name shown in tables. Default: the model id. */
  name?: string;
}

/** Counters of an OpenAI policy, for checking cache and retry behaviour. */
export interface OpenAIStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Retries after a failure. */
  retries: number;
  /** Calls answered from the cache. */
  cacheHits: number;
}

const DEFAULTS = { endpoint: 'completions' as const, concurrency: 4, retries: 3, retryDelayMs: 500, timeoutMs: 60_000, cache: true, maxTokens: 256 };
const RETRY_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/** A Policy talking to an OpenAI-compatible server; build it with `openai(options)`. */
export class OpenAIPolicy implements Policy {
  readonly name: string;
  readonly stats: OpenAIStats = { requests: 0, retries: 0, cacheHits: 0 };
  readonly #o: Required<Omit<OpenAIOptions, 'apiKey' | 'name'>> & { apiKey?: string };
  readonly #cache = new Map<string, Promise<unknown>>();
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  /** Use `openai(options)` instead. */
  constructor(options: Required<Omit<OpenAIOptions, 'apiKey' | 'name'>> & { apiKey?: string }, name: string) {
    this.#o = options;
    this.name = name;
  }

  /** Samples `n` completions per prompt: one request per prompt (concurrent up to the limit), prompt i with seed + i. */
  async sample(prompts: readonly string[], options: SampleOptions = {}): Promise<Sample[][]> {
    const d = readDecoding(options, 'openai.sample');
    const maxTokens = check.int(options.maxTokens ?? this.#o.maxTokens, 'maxTokens', 'openai.sample', { min: 1 });
    const chat = this.#o.endpoint === 'chat';
    return Promise.all(prompts.map(async (prompt, p) => {
      const common = { model: this.#o.model, n: d.n, temperature: d.temperature, top_p: d.topP, seed: promptSeed(d.seed, p) };
      const body = chat
        ? { ...common, messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens, logprobs: true, top_logprobs: d.topK }
        // logprobs must be ≥ 1 to get token_logprobs at all; extra alternatives are dropped below when topK = 0.
        : { ...common, prompt, max_tokens: maxTokens, logprobs: Math.max(d.topK, 1) };
      const json = await this.#post(chat ? '/chat/completions' : '/completions', body);
      return parseChoices(json, prompt, chat, d.topK);
    }));
  }

  /**
   * log π(completion | prompt) via the completions endpoint with `echo: true, max_tokens: 0`: the sum of the
   * log-probs of tokens starting at or after the end of the prompt. OpenAI-style servers score no end-of-sequence
   * token here; `models.serve` appends one (so it matches the served model's own `logProb`).
   */
  async logProb(prompt: string, completion: string): Promise<number> {
    const json = await this.#post('/completions', { model: this.#o.model, prompt: prompt + completion, max_tokens: 0, echo: true, logprobs: 0 }) as CompletionsResponse;
    const lp = json.choices?.[0]?.logprobs;
    if (!lp || !Array.isArray(lp.token_logprobs) || !Array.isArray(lp.text_offset)) fail('openai.logProb', 'the server returned no echo logprobs (does it support echo with max_tokens 0?)');
    let sum = 0;
    for (let i = 0; i < lp.text_offset.length; i++) {
      const start = lp.text_offset[i]!;
      const end = start + (lp.tokens?.[i]?.length ?? 0);
      if (start < prompt.length && end > prompt.length) fail('openai.logProb', `a token spans the prompt/completion boundary at character ${prompt.length}; end the prompt at a token boundary`);
      if (start >= prompt.length) sum += lp.token_logprobs[i] ?? -Infinity;
    }
    return sum;
  }

  /** Forgets cached results. */
  clearCache(): void {
    this.#cache.clear();
  }

  async #post(path: string, body: Record<string, unknown>): Promise<unknown> {
    const key = JSON.stringify([path, body]);
    if (this.#o.cache) {
      const hit = this.#cache.get(key);
      if (hit) { this.stats.cacheHits++; return hit; }
    }
    const pending = this.#limited(() => this.#withRetries(path, body));
    if (this.#o.cache) {
      this.#cache.set(key, pending);
      // A failed call must not poison the cache: drop it so the next call tries again.
      pending.catch(() => this.#cache.delete(key));
    }
    return pending;
  }

  async #limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.#active >= this.#o.concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }

  async #withRetries(path: string, body: Record<string, unknown>): Promise<unknown> {
    const url = this.#o.baseURL.replace(/\/+$/, '') + path;
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      let problem: string;
      try {
        this.stats.requests++;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(this.#o.apiKey ? { authorization: `Bearer ${this.#o.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.#o.timeoutMs),
        });
        const text = await res.text();
        if (res.ok) return JSON.parse(text);
        problem = `HTTP ${res.status} from ${url}: ${text.slice(0, 200)}`;
        if (!RETRY_STATUS.has(res.status)) fail('openai', problem);
        const after = Number(res.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) retryAfterMs = after * 1000;
      } catch (err) {
        if (err instanceof Error && err.name === 'ToolkitArgumentError') throw err;
        problem = `request to ${url} failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (attempt >= this.#o.retries) fail('openai', `${problem} (gave up after ${attempt + 1} attempts; check that the server is up, or raise retries)`);
      this.stats.retries++;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs ?? this.#o.retryDelayMs * 2 ** attempt));
    }
  }
}

interface CompletionsResponse {
  choices?: { index?: number; text?: string; finish_reason?: string; logprobs?: { tokens?: string[]; token_logprobs?: (number | null)[]; top_logprobs?: (Record<string, number> | null)[]; text_offset?: number[] } | null }[];
}
interface ChatResponse {
  choices?: { index?: number; message?: { content?: string | null }; finish_reason?: string; logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null }[];
}

/** Maps a completions or chat response to Samples; token ids are unknown over HTTP and reported as −1. */
function parseChoices(json: unknown, prompt: string, chat: boolean, topK: number): Sample[] {
  const choices = (json as CompletionsResponse | ChatResponse).choices;
  if (!Array.isArray(choices)) fail('openai.sample', 'the server response has no choices array');
  const ordered = [...choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  return ordered.map((c) => {
    let text: string;
    let tokens: string[] = [];
    let logProbs: number[] = [];
    let top: TokenAlternative[][] = [];
    if (chat) {
      const cc = c as NonNullable<ChatResponse['choices']>[number];
      text = cc.message?.content ?? '';
      const content = cc.logprobs?.content ?? [];
      tokens = content.map((t) => t.token);
      logProbs = content.map((t) => t.logprob ?? -Infinity);
      top = content.map((t) => (t.top_logprobs ?? []).slice(0, topK).map((a) => ({ token: a.token, logProb: a.logprob ?? -Infinity })));
    } else {
      const cc = c as NonNullable<CompletionsResponse['choices']>[number];
      text = cc.text ?? '';
      tokens = cc.logprobs?.tokens ?? [];
      logProbs = (cc.logprobs?.token_logprobs ?? []).map((x) => x ?? -Infinity);
      top = (cc.logprobs?.top_logprobs ?? []).map((r) => Object.entries(r ?? {}).map(([token, lp]) => ({ token, logProb: lp ?? -Infinity })).sort((a, b) => b.logProb - a.logProb).slice(0, topK));
    }
    return { prompt, text, tokenIds: tokens.map(() => -1), tokenLogProbs: logProbs, topLogProbs: top, finishReason: c.finish_reason === 'length' ? 'length' : 'stop', tokens };
  });
}

/**
 * A Policy backed by an OpenAI-compatible server.
 * @example
 *   const remote = models.openai({ baseURL: 'http://127.0.0.1:8000/v1', model: 'Qwen2.5-0.5B', concurrency: 8 });
 *   const [[s]] = await remote.sample(['2+2='], { maxTokens: 8, seed: 1 }); s.tokenLogProbs;
 */
export function openai(options: OpenAIOptions): OpenAIPolicy {
  const fn = 'openai';
  if (options === null || typeof options !== 'object') fail(fn, 'options must be an object with baseURL and model');
  if (typeof options.baseURL !== 'string' || !/^https?:\/\//.test(options.baseURL)) fail(fn, `baseURL must be an http(s) URL such as 'http://127.0.0.1:8000/v1' (got ${JSON.stringify(options.baseURL)})`);
  if (typeof options.model !== 'string' || options.model === '') fail(fn, `model must be a non-empty string (got ${JSON.stringify(options.model)})`);
  const resolved = {
    baseURL: options.baseURL,
    model: options.model,
    endpoint: check.oneOf(options.endpoint ?? DEFAULTS.endpoint, ['completions', 'chat'] as const, 'endpoint', fn),
    concurrency: check.int(options.concurrency ?? DEFAULTS.concurrency, 'concurrency', fn, { min: 1 }),
    retries: check.int(options.retries ?? DEFAULTS.retries, 'retries', fn, { min: 0 }),
    retryDelayMs: check.finite(options.retryDelayMs ?? DEFAULTS.retryDelayMs, 'retryDelayMs', fn, { min: 0 }),
    timeoutMs: check.finite(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs', fn, { min: 1 }),
    cache: options.cache ?? DEFAULTS.cache,
    maxTokens: check.int(options.maxTokens ?? DEFAULTS.maxTokens, 'maxTokens', fn, { min: 1 }),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
  };
  return new OpenAIPolicy(resolved, options.name ?? options.model);
}
