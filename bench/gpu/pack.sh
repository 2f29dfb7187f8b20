#!/usr/bin/env bash
# Builds bench/gpu/bundle.tar.xz: a self-contained GPU bench for a machine with an NVIDIA GPU but no network and
# possibly no Node (issue 6). It holds this machine's node binary, one esbuild bundle of the bench with tfjs and
# tfjs-backend-webgpu inside, the tfjs wasm binaries, the Dawn binary (npm `webgpu`), and libvulkan.so.1 when this
# machine has one. The tarball is not committed; run_device/rsync it with the tree, then: bash bench/gpu/run.sh
# Usage (repository root, after npx tsc -p tsconfig.json): bash bench/gpu/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f dist/bench/gpu/bundle-entry.js ] || { echo "pack.sh: build first: npx tsc -p tsconfig.json" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
stage="$out/whetstone-gpu"
mkdir -p "$stage/node_modules/webgpu/dist"
# The banner gives the ESM bundle what tfjs's CommonJS parts expect: require, __filename, __dirname (the wasm backend
# finds its .wasm files through __dirname).
node_modules/.bin/esbuild dist/bench/gpu/bundle-entry.js --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --external:@tensorflow/tfjs-node --external:@tensorflow/tfjs-node-gpu \
  --banner:js="import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);" \
  --log-level=warning --outfile="$stage/gpu-bench.mjs"
# tfjs-backend-wasm reads its .wasm files next to the running script.
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$stage/"
cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$stage/node_modules/webgpu/"
cp -r "node_modules/webgpu/dist/linux-x64" "$stage/node_modules/webgpu/dist/"
cp "$(command -v node)" "$stage/node"
for lib in /usr/lib/x86_64-linux-gnu/libvulkan.so.1 /usr/lib64/libvulkan.so.1; do
  if [ -e "$lib" ]; then cp -L "$lib" "$stage/libvulkan.so.1"; break; fi
done
# No loader here (a CPU-only machine): take it from Debian's libvulkan1 package without installing it.
if [ ! -e "$stage/libvulkan.so.1" ] && command -v apt-get >/dev/null; then
  (cd "$out" && apt-get download libvulkan1 >/dev/null 2>&1 && dpkg-deb -x libvulkan1_*.deb deb) \
    && cp -L "$out"/deb/usr/lib/*/libvulkan.so.1 "$stage/libvulkan.so.1" \
    || echo "pack.sh: no libvulkan.so.1 bundled; the GPU machine must provide the Vulkan loader" >&2
fi
tar -C "$out" -cJf bench/gpu/bundle.tar.xz whetstone-gpu
ls -la bench/gpu/bundle.tar.xz
