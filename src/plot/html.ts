/**
 * Self-contained HTML for a figure, with no CDN (issue 5: nbviewer and exported HTML block CDN scripts).
 *
 * plotly.js-dist is 10 MB, so it is not embedded in every figure. The first figure a process displays carries
 * plotly.js gzip-compressed and base64-encoded (about 2.6 MB) plus a small loader that inflates it with the browser's
 * `DecompressionStream` and defines `window.Plotly` once per page. Every figure's own script queues its draw call on
 * `window.__whetstonePlotlyQueue`, which the loader drains, so the order in which JupyterLab, nbconvert HTML or a
 * saved page run the output scripts does not matter. A page whose embedding output was cleared shows a note
 * saying how to get it back (restart and run all) instead of an empty box, and still draws if the loader turns up later
 * (JupyterLab may render off-screen cells late).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** How much of plotly.js a figure's HTML embeds: once per process (default) or in every figure. */
export type PlotlyEmbedding = 'once' | 'always';

let embedding: PlotlyEmbedding = 'once';
let embeddedOnce = false;
let compressedSource: string | undefined;
let figureCounter = 0;
// Ids must be unique across kernel restarts on one page, so they carry the process id and start time.
const ID_PREFIX = `whetstone-fig-${process.pid.toString(36)}-${Date.now().toString(36)}`;

/**
 * Sets whether every figure's HTML embeds plotly.js ('always', larger notebooks but each output stands alone) or only
 * the first one per process ('once', the default).
 * @example
 *   setPlotlyEmbedding('always'); // e.g. when outputs are copied into other documents one by one
 */
export function setPlotlyEmbedding(mode: PlotlyEmbedding): void {
  embedding = mode;
  embeddedOnce = false;
}

/** Path of the plotly.js bundle shipped in `plotly.js-dist`. */
export function plotlyPath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist');
}

function compressedPlotly(): string {
  compressedSource ??= gzipSync(readFileSync(plotlyPath())).toString('base64');
  return compressedSource;
}

/**
 * The loader: inflates plotly.js, evaluates it with `define`/`module`/`exports` hidden (so an AMD loader such as the
 * classic notebook's require.js does not capture it) and drains the queue of waiting figures.
 */
function loaderScript(): string {
  return `<script type="text/javascript">(function(){var w=window;
function drain(){var q=w.__whetstonePlotlyQueue||[];w.__whetstonePlotlyQueue={push:function(f){f();}};for(var i=0;i<q.length;i++){q[i]();}}
if(w.Plotly){drain();return;}if(w.__whetstonePlotlyLoading){return;}w.__whetstonePlotlyLoading=true;
var b=atob("${compressedPlotly()}");var u=new Uint8Array(b.length);for(var i=0;i<b.length;i++){u[i]=b.charCodeAt(i);}
new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function(src){
new Function("define","module","exports",src).call(w);drain();});})();</script>`;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The div and draw script for one figure spec; `embed` prepends the plotly.js loader. */
export function figureHtml(spec: { data: unknown[]; layout: Record<string, unknown>; config?: Record<string, unknown> }, embed: boolean): string {
  const id = `${ID_PREFIX}-${++figureCounter}`;
  const width = typeof spec.layout['width'] === 'number' ? `${spec.layout['width']}px` : '100%';
  const height = typeof spec.layout['height'] === 'number' ? `${spec.layout['height']}px` : '420px';
  const config = { responsive: false, displaylogo: false, ...spec.config };
  const draw = `<div id="${id}" class="whetstone-figure" style="width:${width};height:${height}"></div>
<script type="text/javascript">(function(){var w=window,id=${JSON.stringify(id)},s=${scriptJson({ data: spec.data, layout: spec.layout, config })};
function draw(){var el=document.getElementById(id);if(el){el.textContent="";w.Plotly.newPlot(el,s.data,s.layout,s.config);}}
if(w.Plotly){draw();}else{(w.__whetstonePlotlyQueue=w.__whetstonePlotlyQueue||[]).push(draw);
setTimeout(function(){var el=document.getElementById(id);if(!w.Plotly&&!w.__whetstonePlotlyLoading&&el&&!el.firstChild){
el.textContent="Waiting for plotly.js: Whetstone embeds it in the first figure of each kernel session. If that output was cleared or replaced, restart the kernel and run all cells (or call plot.setPlotlyEmbedding('always')).";}},4000);}})();</script>`;
  return embed ? loaderScript() + '\n' + draw : draw;
}

/** HTML for a notebook output: embeds plotly.js per the embedding mode. */
export function notebookHtml(spec: Parameters<typeof figureHtml>[0]): string {
  const embed = embedding === 'always' || !embeddedOnce;
  embeddedOnce = true;
  return figureHtml(spec, embed);
}

/** A complete standalone HTML page (for `fig.save('x.html')`), always embedding plotly.js. */
export function pageHtml(spec: Parameters<typeof figureHtml>[0], title: string): string {
  const safeTitle = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${safeTitle}</title></head>
<body style="margin:0;padding:8px;background:#fff">
${figureHtml(spec, true)}
</body></html>
`;
}
