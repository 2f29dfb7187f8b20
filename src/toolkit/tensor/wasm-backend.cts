/** Registers TensorFlow.js' wasm backend, through `require` for the reason tfjs.cts gives. */
import '@tensorflow/tfjs-backend-wasm';
