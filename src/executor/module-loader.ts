/**
 * Loads what cells import, at run time: `node:` built-ins, packages (ESM-only and CommonJS) from the notebook's
 * directory first and the kernel's install second, relative `.ts` files (through the TypeScript load hook), and
 * `tslab`, which is Whetstone's display API. Also gives CommonJS modules the shape TypeScript's esModuleInterop
 * expects for default, namespace and named imports.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire, isBuiltin, register } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackage } from './package-resolver.js';

export interface ModuleLoaderOptions {
  cwd: string;
  kernelRoot: string;
  /** Specifiers served by the kernel itself (e.g. `tslab` → the display API module's file). */
  aliases: Record<string, string>;
}

type Namespace = Record<string, unknown>;

let hooksRegistered = false;

export class ModuleLoader {
  /** Namespaces of CommonJS modules, whose `default` is `module.exports`. */
  private readonly commonjs = new WeakSet<object>();
  /** One namespace per CommonJS file, so every import of a package sees the same object (as with ESM). */
  private readonly commonjsNamespaces = new Map<string, Namespace>();

  constructor(private readonly options: ModuleLoaderOptions) {}

  /** `import(specifier)` as a cell means it. */
  async import(specifier: unknown): Promise<Namespace> {
    if (typeof specifier !== 'string') throw new TypeError(`import() needs a string specifier (got ${typeof specifier})`);
    const alias = this.options.aliases[specifier];
    if (alias) return (await import(pathToFileURL(alias).href)) as Namespace;
    if (isBuiltin(specifier)) return (await import(specifier)) as Namespace;
    if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return (await import(specifier)) as Namespace;
    if (specifier.startsWith('.') || isAbsolute(specifier)) {
      this.enableTypeScriptImports();
      const path = withExtension(isAbsolute(specifier) ? specifier : resolve(this.options.cwd, specifier));
      return (await import(pathToFileURL(path).href)) as Namespace;
    }
    const found = resolvePackage(specifier, this.options.cwd) ?? resolvePackage(specifier, this.options.kernelRoot);
    if (!found) {
      throw new Error(
        `Cannot find package '${specifier}' from ${this.options.cwd} or the kernel's install. ` +
        `Install it next to the notebook: npm install ${specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')}`,
      );
    }
    if (found.commonjs) return this.requireCommonJs(found.path);
    return (await import(pathToFileURL(found.path).href)) as Namespace;
  }

  /**
   * A CommonJS package through `require`, shaped like the namespace an ESM import gives (`default` is
   * `module.exports`, its own keys are named exports). An ESM import would have Node lex the package's whole source
   * for export names first: half a second for a bundle the size of TensorFlow.js.
   */
  private requireCommonJs(path: string): Namespace {
    const cached = this.commonjsNamespaces.get(path);
    if (cached) return cached;
    const exportsValue = createRequire(path)(path) as unknown;
    const namespace: Namespace = Object.create(null) as Namespace;
    if (exportsValue && (typeof exportsValue === 'object' || typeof exportsValue === 'function')) {
      for (const key of Object.keys(exportsValue)) {
        if (key !== 'default') Object.defineProperty(namespace, key, { enumerable: true, get: () => (exportsValue as Namespace)[key] });
      }
    }
    namespace['default'] = exportsValue;
    this.commonjs.add(namespace);
    this.commonjsNamespaces.set(path, namespace);
    return namespace;
  }

  /**
   * Registers the `.ts` load hooks the first time a cell imports a file. Registering starts Node's hooks thread and
   * blocks for most of a second, so kernels whose cells never import local files never pay for it.
   */
  private enableTypeScriptImports(): void {
    if (hooksRegistered) return;
    register(pathToFileURL(join(this.options.kernelRoot, 'dist', 'src', 'executor', 'ts-load-hooks.js')).href);
    hooksRegistered = true;
  }

  /** `import d from "m"`: a CommonJS module's `module.exports` (or its `exports.default` if it was compiled ESM). */
  importDefault(namespace: Namespace): unknown {
    if (!('default' in namespace)) return namespace;
    const value = namespace['default'] as Namespace | undefined;
    if (this.commonjs.has(namespace) && value && typeof value === 'object' && value['__esModule'] && 'default' in value) {
      return value['default'];
    }
    return value;
  }

  /** `import * as ns from "m"`: for CommonJS, the properties of `module.exports` plus the namespace's own. */
  importNamespace(namespace: Namespace): Namespace {
    if (!this.commonjs.has(namespace)) return namespace;
    const exportsValue = namespace['default'];
    const merged: Namespace = {};
    if (exportsValue && (typeof exportsValue === 'object' || typeof exportsValue === 'function')) {
      for (const key of Object.keys(exportsValue)) merged[key] = (exportsValue as Namespace)[key];
    }
    return Object.assign(merged, namespace);
  }

  /** `import {name} from "m"`, falling back to `module.exports[name]` when Node's CJS export detection missed it. */
  importNamed(namespace: Namespace, name: string): unknown {
    if (name in namespace) return namespace[name];
    const exportsValue = namespace['default'] as Namespace | undefined;
    return exportsValue && typeof exportsValue === 'object' ? exportsValue[name] : undefined;
  }
}

/** The kernel's own file for the `tslab` compatibility module. */
export function kernelAliases(kernelRoot: string): Record<string, string> {
  return { tslab: join(kernelRoot, 'dist', 'src', 'display', 'tslab.js') };
}

/** `./helper` → `./helper.ts` (or .mts, .js, .mjs, index.ts) as TypeScript's resolution found it; else unchanged. */
function withExtension(path: string): string {
  if (existsSync(path) && !statSync(path).isDirectory()) return path;
  for (const candidate of [`${path}.ts`, `${path}.mts`, `${path}.js`, `${path}.mjs`, join(path, 'index.ts'), join(path, 'index.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  return path;
}
