/** kernel_info_reply content (messaging spec "Kernel info"), with real versions and the live tensor backend. */
import { createRequire } from 'node:module';
import { PROTOCOL_VERSION } from './message.js';

// Read from the package file: importing the compiler (~10 MB) here would delay the first kernel_info_reply.
const TYPESCRIPT_VERSION = (createRequire(import.meta.url)('typescript/package.json') as { version: string }).version;

export function kernelInfoContent(version: string, backendLine: string): Record<string, unknown> {
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'whetstone',
    implementation_version: version,
    language_info: {
      name: 'typescript',
      version: TYPESCRIPT_VERSION,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: 'typescript',
      pygments_lexer: 'typescript',
      nbconvert_exporter: 'script',
    },
    banner: `Whetstone ${version}: TypeScript ${TYPESCRIPT_VERSION} on Node ${process.version}\n${backendLine}\n` +
      'Preloaded: models, rewards, select, sharpen, collapse, metrics, tensor, plot, tf, display, progress, comms, input',
    help_links: [
      { text: 'Whetstone README', url: 'https://www.npmjs.com/package/whetstone' },
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
      { text: 'TensorFlow.js API', url: 'https://js.tensorflow.org/api/latest/' },
      { text: 'Plotly JavaScript', url: 'https://plotly.com/javascript/' },
    ],
    debugger: false,
  };
}
