/**
 * The Policy interface: anything that turns prompts into sampled completions with log-probabilities. Every model in
 * `models` implements it, so rewards, selection and sharpening code works the same on an exact categorical toy, an
 * n-gram LM, a tiny transformer, or an OpenAI-compatible server.
 */

/** Sampling options shared by every policy. */
export interface SampleOptions {
  /** Completions per prompt. Default: 1. */
  n?: number;
  /** Softmax temperature; 0 means greedy. Default: 1. */
  temperature?: number;
  /** Nucleus sampling mass in (0, 1]. Default: 1 (off). */
  topP?: number;
  /** Maximum generated tokens. Default: policy-specific (categorical policies emit one answer). */
  maxTokens?: number;
  /**
   * Seed for this call; same seed, same samples. Prompt i of a call is sampled with its own generator seeded
   * `seed + i`, so sampling prompts one request at a time (as `models.openai` does) gives the same samples as one
   * call with all of them. Default: 0.
   */
  seed?: number;
  /** How many top alternatives to report per token in `topLogProbs`. Default: 0. */
  topK?: number;
}

/** One alternative token with its log-probability. */
export interface TokenAlternative {
  token: string;
  logProb: number;
}

/** Why generation stopped. */
export type FinishReason = 'stop' | 'length';

/** One sampled completion. */
export interface Sample {
  prompt: string;
  /** The completion text (for categorical policies: the answer). */
  text: string;
  /** Token ids of the completion in the policy's vocabulary. */
  tokenIds: number[];
  /** Log-probability of each sampled token under the (temperature-1) policy. */
  tokenLogProbs: number[];
  /** Per position, the `topK` most likely tokens with their log-probabilities (empty when topK = 0). */
  topLogProbs: TokenAlternative[][];
  finishReason: FinishReason;
  /**
   * Token strings, one per entry of `tokenIds`; concatenated they give `text` (an end-of-sequence token is '').
   * Optional: policies that know their tokens fill it, and `models.serve` uses it for OpenAI `logprobs.tokens`.
   */
  tokens?: string[];
}

/** A whole text scored token by token from the start of a sequence (what an OpenAI `echo` request returns). */
export interface ScoredText {
  /** Token strings; concatenated they give the scored text. */
  tokens: string[];
  /** Character offset of each token in the text (UTF-16 units, as OpenAI's `text_offset`). */
  offsets: number[];
  /** Log-probability of each token given everything before it. */
  logProbs: number[];
}

/** A sampling policy over text. */
export interface Policy {
  /** Short name shown in tables and plots. */
  readonly name: string;
  /** Samples `n` completions for each prompt: result[i] holds the samples for prompts[i]. */
  sample(prompts: readonly string[], options?: SampleOptions): Promise<Sample[][]>;
  /** Log-probability of `completion` given `prompt` under the policy (temperature 1). */
  logProb(prompt: string, completion: string): Promise<number>;
  /**
   * Optional: scores a whole text from the start of a sequence, token by token. Policies that have it can answer
   * OpenAI `echo` requests in `models.serve`, which is how an HTTP client computes `logProb`.
   */
  scoreText?(text: string): Promise<ScoredText>;
}
