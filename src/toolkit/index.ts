/**
 * The Whetstone research toolkit, importable as `whetstone/toolkit` without a kernel. The kernel preloads these same
 * namespaces as globals, so a notebook cell and a script call the same code.
 */
export * as models from './models/index.js';
export * as rewards from './rewards/index.js';
export * as select from './select/index.js';
export * as sharpen from './sharpen/index.js';
export * as collapse from './collapse/index.js';
export * as metrics from './metrics/index.js';
export * as tensor from './tensor/index.js';
export * as plot from '../plot/index.js';
