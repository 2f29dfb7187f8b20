#!/usr/bin/env node
/**
 * `whetstone` command line: `kernel` (started by Jupyter), `install` / `uninstall` (kernel spec, no Python needed),
 * and `run` (execute a notebook headlessly through the kernel). Each command imports only its own modules, so
 * `kernel` loads nothing on the way to its first kernel_info_reply that it does not need.
 */
import { parseArgs } from 'node:util';
import type { InstallLocation } from './kernelspec.js';

const USAGE = `usage:
  whetstone install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]
  whetstone uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]
  whetstone kernel --connection-file FILE
  whetstone run NOTEBOOK.ipynb [-o OUT.ipynb] [--param key=value ...] [--timeout S] [--allow-errors] [--figures DIR]`;

function location(values: { user?: boolean; 'sys-prefix'?: boolean; prefix?: string }): InstallLocation {
  if (values.prefix) return { kind: 'prefix', dir: values.prefix };
  if (values['sys-prefix']) return { kind: 'sys-prefix' };
  return { kind: 'user' };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'kernel': {
      const { values } = parseArgs({ args: rest, options: { 'connection-file': { type: 'string', short: 'f' } } });
      if (!values['connection-file']) throw new Error('whetstone kernel: --connection-file FILE is required');
      const { startKernel } = await import('../kernel/kernel.js');
      await startKernel({ connectionFile: values['connection-file'] });
      return -1; // keep running
    }
    case 'install':
    case 'uninstall': {
      const { values } = parseArgs({
        args: rest,
        options: {
          user: { type: 'boolean' }, 'sys-prefix': { type: 'boolean' }, prefix: { type: 'string' },
          name: { type: 'string', default: 'whetstone' }, 'display-name': { type: 'string', default: 'TypeScript (Whetstone)' },
        },
      });
      const { installKernelSpec, uninstallKernelSpec } = await import('./kernelspec.js');
      if (command === 'install') {
        const { KERNEL_ROOT } = await import('../kernel/kernel.js');
        const dir = installKernelSpec(location(values), { name: values.name!, displayName: values['display-name']!, kernelRoot: KERNEL_ROOT });
        console.log(`Installed kernel spec '${values.name}' in ${dir}`);
      } else {
        const dir = uninstallKernelSpec(location(values), values.name!);
        console.log(dir ? `Removed kernel spec '${values.name}' from ${dir}` : `No kernel spec '${values.name}' to remove`);
      }
      return 0;
    }
    case 'run': {
      const { runCommand } = await import('../runner/run-command.js');
      return runCommand(rest);
    }
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`whetstone: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (error: Error) => { console.error(`whetstone: ${error.message}`); process.exitCode = 1; },
);
