/**
 * Writes the kernel spec (kernel.json + logos) into a Jupyter data directory without Python: `--user` (the per-user
 * data dir, or $JUPYTER_DATA_DIR), `--sys-prefix` (the active virtual environment), or `--prefix DIR`.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export type InstallLocation = { kind: 'user' } | { kind: 'sys-prefix' } | { kind: 'prefix'; dir: string };

const NAME_PATTERN = /^[a-z0-9._-]+$/i;

/** The kernels directory for a location. */
export function kernelsDirectory(location: InstallLocation, env: NodeJS.ProcessEnv = process.env): string {
  switch (location.kind) {
    case 'prefix':
      return join(location.dir, 'share', 'jupyter', 'kernels');
    case 'sys-prefix': {
      const prefix = env['VIRTUAL_ENV'] ?? env['CONDA_PREFIX'];
      if (!prefix) throw new Error('--sys-prefix needs an active virtual environment (VIRTUAL_ENV or CONDA_PREFIX); use --prefix DIR instead');
      return join(prefix, 'share', 'jupyter', 'kernels');
    }
    case 'user': {
      if (env['JUPYTER_DATA_DIR']) return join(env['JUPYTER_DATA_DIR'], 'kernels');
      if (platform() === 'darwin') return join(homedir(), 'Library', 'Jupyter', 'kernels');
      if (platform() === 'win32') return join(env['APPDATA'] ?? homedir(), 'jupyter', 'kernels');
      return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'jupyter', 'kernels');
    }
  }
}

export interface KernelSpecOptions {
  name: string;
  displayName: string;
  /** The kernel's package root (where dist/ and kernel/ live). */
  kernelRoot: string;
}

/** kernel.json content. `interrupt_mode: message` makes Stop send interrupt_request rather than a signal. */
export function kernelSpec(options: KernelSpecOptions): Record<string, unknown> {
  return {
    argv: [process.execPath, join(options.kernelRoot, 'dist', 'src', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'],
    display_name: options.displayName,
    language: 'typescript',
    interrupt_mode: 'message',
    kernel_protocol_version: '5.3',
    metadata: { debugger: false },
  };
}

export function installKernelSpec(location: InstallLocation, options: KernelSpecOptions): string {
  if (!NAME_PATTERN.test(options.name)) {
    throw new Error(`invalid kernel name '${options.name}': use only letters, digits, '.', '_' and '-'`);
  }
  const dir = join(kernelsDirectory(location), options.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelSpec(options), null, 2) + '\n');
  for (const logo of ['logo-32x32.png', 'logo-64x64.png', 'logo-svg.svg']) {
    const source = join(options.kernelRoot, 'kernel', logo);
    if (existsSync(source)) copyFileSync(source, join(dir, logo));
  }
  return dir;
}

export function uninstallKernelSpec(location: InstallLocation, name: string): string | undefined {
  const dir = join(kernelsDirectory(location), name);
  if (!existsSync(dir)) return undefined;
  rmSync(dir, { recursive: true, force: true });
  return dir;
}
