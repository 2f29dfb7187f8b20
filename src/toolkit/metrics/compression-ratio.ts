/**
 * Compression ratio as a repetitiveness score (Shaib et al. 2403.00553, PyPI `diversity`): bytes of the joined
 * texts over bytes after compression. Higher means more repetitive. Computed in memory with node:zlib (the Python
 * package writes temporary files).
 */
import { deflateRawSync, gzipSync } from 'node:zlib';
import { check } from '../util/check.js';
import { tokenizeAll } from './tokens.js';

/** Options for {@link compressionRatio}. */
export interface CompressionRatioOptions {
  /** 'gzip' (header included, as the reference) or 'deflate' (raw stream). Default: 'gzip'. */
  algorithm?: 'gzip' | 'deflate';
  /** zlib level 1–9. Default: 9. */
  level?: number;
}

/**
 * UTF-8 bytes of the texts joined by newlines, divided by the compressed size.
 *
 * @example
 * metrics.compressionRatio(Array(100).fill('the cat sat on the mat')); // ≫ 1: highly repetitive
 */
export function compressionRatio(texts: readonly string[], options: CompressionRatioOptions = {}): number {
  const fn = 'compressionRatio';
  tokenizeAll(texts, fn, () => []);
  const algorithm = check.oneOf(options.algorithm ?? 'gzip', ['gzip', 'deflate'] as const, 'algorithm', fn);
  const level = check.int(options.level ?? 9, 'level', fn, { min: 1, max: 9 });
  const raw = Buffer.from(texts.join('\n'), 'utf8');
  if (raw.length === 0) return 0;
  const packed = algorithm === 'gzip' ? gzipSync(raw, { level }) : deflateRawSync(raw, { level });
  return raw.length / packed.length;
}
