/**
 * `import * as tslab from "tslab"` in a Whetstone cell resolves here, so notebooks written for tslab run
 * unchanged: `tslab.display.html(…)`, `tslab.newDisplay()`, `tslab.versions`.
 */
import { createRequire } from 'node:module';
import { display as wholeDisplay, newDisplay as whetstoneNewDisplay, type ContentMethods, type UpdatableDisplay } from './display-api.js';

const require = createRequire(import.meta.url);
const manifest = require('../../../package.json') as { version: string };
// The compiler's own package.json: loading the compiler just for its version string would cost a quarter second.
const typescriptManifest = require('typescript/package.json') as { version: string };

/** tslab's `display` namespace: one method per content type. */
export const display: ContentMethods = {
  html: (s) => wholeDisplay.html(s),
  markdown: (s) => wholeDisplay.markdown(s),
  latex: (s) => wholeDisplay.latex(s),
  svg: (s) => wholeDisplay.svg(s),
  png: (b) => wholeDisplay.png(b),
  jpeg: (b) => wholeDisplay.jpeg(b),
  gif: (b) => wholeDisplay.gif(b),
  javascript: (s) => wholeDisplay.javascript(s),
  text: (s) => wholeDisplay.text(s),
  json: (v) => wholeDisplay.json(v),
};

/** A display whose content each call replaces (tslab.newDisplay). */
export function newDisplay(): UpdatableDisplay {
  return whetstoneNewDisplay();
}

/** Versions, as tslab reports them (`tslab` is Whetstone's version here). */
export const versions = { tslab: manifest.version, whetstone: manifest.version, typescript: typescriptManifest.version, node: process.version };
