/** The display API (`whetstone/display`): preloaded as globals in every kernel. */
export { display, newDisplay, clearOutput, mimeBundle } from './display-api.js';
export type { DisplayHandle, DisplayOptions, UpdatableDisplay, ContentMethods } from './display-api.js';
export { toMimeBundle } from './bundle.js';
