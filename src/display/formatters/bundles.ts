/**
 * Explicit display helpers the display API exposes: images from bytes or files, Markdown, LaTeX, HTML and SVG.
 * Strings are never sniffed for these types: the caller says what a string is.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { MimeBundle } from '../../toolkit/util/display.js';
import { imageText, sniffImage, type ImageMime } from './image.js';
import { stripAnsi } from './text.js';

const EXTENSIONS: Record<string, ImageMime> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/**
 * An image bundle from bytes or a file path. The type comes from `mime`, else the bytes' signature, else the file
 * extension; SVG is sent as text, the others base64-encoded (nbformat's convention).
 * @example
 *   imageBundle('figures/loss.png')
 *   imageBundle(pngBytes, 'image/png')
 */
export function imageBundle(source: Uint8Array | ArrayBuffer | string, mime?: ImageMime): MimeBundle {
  let bytes: Uint8Array;
  let fromExt: ImageMime | undefined;
  if (typeof source === 'string') {
    fromExt = EXTENSIONS[extname(source).toLowerCase()];
    try {
      bytes = readFileSync(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new Error(`imageBundle: cannot read ${JSON.stringify(source)} (${code}); pass a path to an image file or its bytes`);
    }
  } else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  else if (source instanceof Uint8Array) bytes = source;
  else throw new TypeError(`imageBundle: source must be a Buffer, Uint8Array, ArrayBuffer or file path (got ${typeof source})`);
  const type = mime ?? sniffImage(bytes) ?? fromExt ?? (looksLikeSvg(bytes) ? 'image/svg+xml' : undefined);
  if (!type) {
    throw new Error('imageBundle: not a PNG, JPEG, GIF or SVG image (unknown signature); pass the mime argument, e.g. imageBundle(bytes, "image/png")');
  }
  if (type === 'image/svg+xml') return svgBundle(Buffer.from(bytes).toString('utf8'));
  return { [type]: Buffer.from(bytes).toString('base64'), 'text/plain': imageText(bytes, type) };
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

/**
 * Markdown, rendered by the front end.
 * @example
 *   markdownBundle('**pass@1** rose from 0.21 to 0.34')
 */
export function markdownBundle(markdown: string): MimeBundle {
  return { 'text/markdown': markdown, 'text/plain': stripAnsi(markdown) };
}

/**
 * LaTeX math; a bare expression is wrapped in `$$ … $$` so it renders as display math.
 * @example
 *   latexBundle('\\hat{p}@k = 1 - \\binom{n-c}{k} / \\binom{n}{k}')
 */
export function latexBundle(latex: string): MimeBundle {
  const t = latex.trim();
  const delimited = t.startsWith('$') || t.startsWith('\\[') || t.startsWith('\\(') || t.startsWith('\\begin');
  return { 'text/latex': delimited ? t : `$$${t}$$`, 'text/plain': latex };
}

/**
 * Raw HTML; the plain-text form is the HTML with tags removed.
 * @example
 *   htmlBundle('<b>done</b> in 3.2 s')
 */
export function htmlBundle(html: string): MimeBundle {
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { 'text/html': html, 'text/plain': stripAnsi(text) };
}

/**
 * SVG markup.
 * @example
 *   svgBundle(await fig.toImage('svg'))
 */
export function svgBundle(svg: string): MimeBundle {
  const width = /<svg[^>]*\swidth="([\d.]+)/.exec(svg)?.[1];
  const height = /<svg[^>]*\sheight="([\d.]+)/.exec(svg)?.[1];
  return { 'image/svg+xml': svg, 'text/plain': `<SVG image${width && height ? ` ${width}×${height}` : ''}>` };
}
