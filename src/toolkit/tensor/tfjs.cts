/**
 * TensorFlow.js, loaded through `require`. Its packages are CommonJS bundles: imported from ES modules, Node first
 * scans each bundle's source for export names (cjs-module-lexer), which made loading tfjs with its wasm backend take
 * ~0.5 s instead of ~0.17 s. ES modules import this one-line CommonJS module instead.
 */
import tf = require('@tensorflow/tfjs');
export = tf;
