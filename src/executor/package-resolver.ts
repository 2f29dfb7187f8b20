/**
 * Finds the file a bare specifier names, starting from a directory, the way Node's ESM resolver does for
 * `import`: `node_modules` lookup up the tree, then the package's `exports` map with the `import`/`node`/`default`
 * conditions, else `main`. Node 20 cannot resolve an import relative to an arbitrary directory (import.meta.resolve's
 * parent argument is behind a flag), and require.resolve refuses ESM-only packages, hence this small resolver.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const CONDITIONS = new Set(['import', 'node', 'module-sync', 'default']);

export interface ResolvedPackageFile {
  path: string;
  /** Whether Node will load the file as CommonJS. */
  commonjs: boolean;
}

/** Resolves `specifier` (e.g. `lodash`, `@scope/pkg/sub`) from `fromDirectory`, or returns undefined. */
export function resolvePackage(specifier: string, fromDirectory: string): ResolvedPackageFile | undefined {
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const subpath = '.' + specifier.slice(packageName.length);
  for (let dir = fromDirectory; ; dir = dirname(dir)) {
    const self = selfReference(dir, packageName, subpath);
    if (self) return self;
    const packageDir = join(dir, 'node_modules', packageName);
    const manifestPath = join(packageDir, 'package.json');
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      const file = resolveInPackage(packageDir, manifest, subpath);
      if (file) return { path: file, commonjs: isCommonJs(file, manifest) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package importing itself by name through its own `exports` (how `whetstone/toolkit` resolves from the kernel). */
function selfReference(dir: string, packageName: string, subpath: string): ResolvedPackageFile | undefined {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  if (manifest['name'] !== packageName || manifest['exports'] === undefined) return undefined;
  const file = resolveInPackage(dir, manifest, subpath);
  return file ? { path: file, commonjs: isCommonJs(file, manifest) } : undefined;
}

function resolveInPackage(packageDir: string, manifest: Record<string, unknown>, subpath: string): string | undefined {
  if (manifest['exports'] !== undefined) {
    const target = matchExports(manifest['exports'], subpath);
    return target ? join(packageDir, target) : undefined;
  }
  // No exports map: CommonJS rules apply (main, index.js, extension probing).
  try {
    return createRequire(join(packageDir, 'package.json')).resolve(subpath === '.' ? packageDir : join(packageDir, subpath));
  } catch {
    return undefined;
  }
}

function matchExports(exportsField: unknown, subpath: string): string | undefined {
  const map = isSubpathMap(exportsField) ? (exportsField as Record<string, unknown>) : { '.': exportsField };
  if (subpath in map) return pickTarget(map[subpath], '');
  let best: { key: string; star: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star), suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      if (!best || prefix.length > best.key.indexOf('*')) best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  return best ? pickTarget(map[best.key], best.star) : undefined;
}

function pickTarget(target: unknown, star: string): string | undefined {
  if (typeof target === 'string') return target.replaceAll('*', star);
  if (Array.isArray(target)) {
    for (const option of target) {
      const picked = pickTarget(option, star);
      if (picked) return picked;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [condition, value] of Object.entries(target)) {
      if (CONDITIONS.has(condition)) {
        const picked = pickTarget(value, star);
        if (picked) return picked;
      }
    }
  }
  return undefined;
}

function isSubpathMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('.'));
}

function isCommonJs(file: string, manifest: Record<string, unknown>): boolean {
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs')) return false;
  if (!file.endsWith('.js')) return file.endsWith('.json') || file.endsWith('.node');
  // The nearest package.json decides; for files deep in a package it may be a nested one (e.g. dist/esm/package.json).
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifestPath = join(dir, 'package.json');
    if (existsSync(manifestPath) && statSync(manifestPath).isFile()) {
      const nearest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
      return nearest['type'] !== 'module';
    }
    if (dirname(dir) === dir) return manifest['type'] !== 'module';
  }
}
