/**
 * The TypeScript compiler, loaded through `require`. Importing the `typescript` package from ES modules makes Node
 * scan its 9 MB CommonJS source for export names first (cjs-module-lexer), which took ~500 ms of every kernel
 * start on top of loading it; this one-line CommonJS module is what ES modules import instead.
 */
import ts = require('typescript');
export = ts;
