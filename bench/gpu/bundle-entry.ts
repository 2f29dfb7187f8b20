/**
 * Entry point of the self-contained GPU bench bundle built by bench/gpu/pack.sh. It registers the webgpu backend
 * package as a bundled import (see BUNDLED in src/toolkit/tensor/precheck.ts) so that it joins the bundle's tfjs-core;
 * the import itself stays lazy because tfjs-backend-webgpu registers only when navigator.gpu exists.
 */
(globalThis as Record<symbol, unknown>)[Symbol.for('whetstone.bundledImports')] = {
  '@tensorflow/tfjs-backend-webgpu': () => import('@tensorflow/tfjs-backend-webgpu'),
};
await import('./gpu.bench.js');
